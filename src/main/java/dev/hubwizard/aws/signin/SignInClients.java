package dev.hubwizard.aws.signin;

import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.endpoints.Endpoint;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sso.SsoClient;
import software.amazon.awssdk.services.ssooidc.SsoOidcClient;
import software.amazon.awssdk.services.ssooidc.endpoints.SsoOidcEndpointParams;
import software.amazon.awssdk.services.ssooidc.endpoints.SsoOidcEndpointProvider;
import software.amazon.awssdk.services.sts.StsClient;

import java.net.URI;
import java.time.Duration;

/**
 * The SDK clients a sign-in uses before any profile works: IAM Identity Center's OIDC and portal APIs
 * (which need no AWS credentials) and STS with keys being checked. Endpoints come from the SDK's own
 * settings ({@code AWS_ENDPOINT_URL_SSO_OIDC}, {@code AWS_ENDPOINT_URL_SSO}, {@code AWS_ENDPOINT_URL_STS}
 * and their {@code aws.endpointUrl...} twins) like every other client of the app.
 */
public final class SignInClients implements AutoCloseable {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(20);

    private SdkHttpClient http;

    /** Made on first use, on the thread that signs in: never when the page opens. */
    private synchronized SdkHttpClient http() {
        if (http == null) {
            http = ApacheHttpClient.builder().connectionTimeout(Duration.ofSeconds(5))
                    .socketTimeout(Duration.ofSeconds(20)).build();
        }
        return http;
    }

    private static ClientOverrideConfiguration timeouts() {
        return ClientOverrideConfiguration.builder().apiCallTimeout(CALL_TIMEOUT)
                .apiCallAttemptTimeout(ATTEMPT_TIMEOUT).build();
    }

    public SsoOidcClient oidc(String region) {
        return SsoOidcClient.builder().httpClient(http()).region(Region.of(region))
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .overrideConfiguration(timeouts()).build();
    }

    public SsoClient portal(String region) {
        return SsoClient.builder().httpClient(http()).region(Region.of(region))
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .overrideConfiguration(timeouts()).build();
    }

    public StsClient sts(String region, AwsCredentialsProvider credentials) {
        return StsClient.builder().httpClient(http()).region(Region.of(region)).credentialsProvider(credentials)
                .overrideConfiguration(timeouts()).build();
    }

    /**
     * Where the browser signs in: the OIDC service's own address plus {@code /authorize}, as the AWS CLI
     * derives it, so an endpoint setting that moves the OIDC API moves the sign-in page with it.
     */
    static URI authorizeEndpoint(SsoOidcClient oidc, String region) {
        URI base = oidc.serviceClientConfiguration().endpointOverride().orElseGet(() -> {
            Endpoint endpoint = SsoOidcEndpointProvider.defaultProvider()
                    .resolveEndpoint(SsoOidcEndpointParams.builder().region(Region.of(region)).build()).join();
            return endpoint.url();
        });
        String text = base.toString();
        return URI.create((text.endsWith("/") ? text.substring(0, text.length() - 1) : text) + "/authorize");
    }

    @Override
    public synchronized void close() {
        if (http != null) {
            http.close();
        }
    }
}
