package dev.hubwizard.testbed.strict;

import java.time.Duration;

/**
 * How long AWS's eventual consistency lasts in the strict layer. Real AWS takes seconds (minutes at worst);
 * the shared test bed plays it in fractions of a second so that every test meets it without the suite growing
 * by minutes, and a test that proves a retry's patience widens the window it is about.
 *
 * @param ec2NewIds           a VPC, subnet, security group, internet gateway or route table answers NotFound to
 *                            other calls this long after its create
 * @param iamNewRoles         ECS cannot use a role this long after it was created or its policies changed
 * @param certificateIssued   ACM reports a certificate's validation SUCCESS this long before its status is ISSUED
 * @param listenerCertificate ELB answers CertificateNotFound for a certificate this long after it was issued
 * @param cloudFrontDeploy    a CloudFront distribution is InProgress this long after each change (minutes on AWS)
 */
public record Windows(Duration ec2NewIds, Duration iamNewRoles, Duration certificateIssued,
                      Duration listenerCertificate, Duration cloudFrontDeploy) {

    /** What every test meets unless it asks for more. */
    public static final Windows SHARED = new Windows(Duration.ofMillis(50), Duration.ofMillis(200),
            Duration.ofMillis(300), Duration.ofMillis(200), Duration.ofMillis(300));

    public Windows withEc2NewIds(Duration window) {
        return new Windows(window, iamNewRoles, certificateIssued, listenerCertificate, cloudFrontDeploy);
    }

    public Windows withIamNewRoles(Duration window) {
        return new Windows(ec2NewIds, window, certificateIssued, listenerCertificate, cloudFrontDeploy);
    }

    public Windows withCertificates(Duration issued, Duration listener) {
        return new Windows(ec2NewIds, iamNewRoles, issued, listener, cloudFrontDeploy);
    }

    public Windows withCloudFrontDeploy(Duration window) {
        return new Windows(ec2NewIds, iamNewRoles, certificateIssued, listenerCertificate, window);
    }
}
