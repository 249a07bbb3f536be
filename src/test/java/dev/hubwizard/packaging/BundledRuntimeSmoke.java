package dev.hubwizard.packaging;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Run by {@link InstalledPackageIT} on the installed app's own Java runtime, with the app's class path:
 * what the wizard does at run time that jdeps cannot vouch for. An AWS call as the app makes it (the
 * SDK's query protocol, parsed as XML, over the Apache client) to an HTTPS endpoint whose certificate
 * and key exchange are elliptic-curve, as AWS's are, checked against the host name; and the JDK's own
 * HTTP client over the same TLS, as the hub's health checks use it. Prints one line per check.
 */
public final class BundledRuntimeSmoke {

    private BundledRuntimeSmoke() {
    }

    public static void main(String[] args) throws Exception {
        URI endpoint = URI.create(args[0]);
        try (StsClient sts = StsClient.builder()
                .region(Region.US_EAST_1)
                .endpointOverride(endpoint)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(ApacheHttpClient.create())
                .build()) {
            System.out.println("sts account " + sts.getCallerIdentity().account());
        }
        HttpResponse<Void> health = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(endpoint.resolve("/hub/health")).build(), HttpResponse.BodyHandlers.discarding());
        System.out.println("java.net.http status " + health.statusCode() + " over " + health.sslSession().orElseThrow()
                .getCipherSuite());
    }
}
