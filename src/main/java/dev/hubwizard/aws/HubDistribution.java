package dev.hubwizard.aws;

import java.net.URI;

/**
 * The hub's CloudFront distribution: its HTTPS address on an AWS-owned name, with AWS's certificate.
 *
 * @param domainName {@code dXXXXXXXXXXXXX.cloudfront.net}
 */
public record HubDistribution(String id, String arn, String domainName) {

    /** {@code https://dXXXX.cloudfront.net/}: the address people use, whatever task serves it. */
    public URI url() {
        return URI.create("https://" + domainName + "/");
    }
}
