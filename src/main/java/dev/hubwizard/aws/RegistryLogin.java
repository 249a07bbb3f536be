package dev.hubwizard.aws;

import dev.hubwizard.engine.ProblemException;
import dev.hubwizard.engine.StepContext;
import software.amazon.awssdk.services.ecr.model.AuthorizationData;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static dev.hubwizard.aws.AwsCall.call;

/**
 * The registry login for pushing: ECR's GetAuthorizationToken, decoded into user and password. The
 * password is registered as a secret before anything can log it, and never logged.
 */
public final class RegistryLogin {

    private final AwsClients aws;

    public RegistryLogin(AwsClients aws) {
        this.aws = aws;
    }

    /**
     * @param endpointOverride push to this registry instead of the one ECR names (a mirror or proxy,
     *                         {@code Advanced.registryEndpoint}); empty = ECR's
     */
    public RegistryCredentials login(StepContext ctx, String endpointOverride) throws ProblemException {
        AuthorizationData data = call("ecr:GetAuthorizationToken",
                () -> aws.ecr().getAuthorizationToken(r -> { }).authorizationData().get(0));
        ctx.secret(data.authorizationToken());
        String decoded = new String(Base64.getDecoder().decode(data.authorizationToken()), StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            throw new ProblemException("ECR returned a login Hub Wizard cannot read",
                    "the authorization token is not 'user:password'", "Press Retry; if it persists, report it");
        }
        String password = decoded.substring(colon + 1);
        ctx.secret(password);
        String endpoint = endpointOverride == null || endpointOverride.isBlank() ? data.proxyEndpoint()
                : endpointOverride.trim();
        RegistryCredentials credentials =
                new RegistryCredentials(endpoint, decoded.substring(0, colon), password, data.expiresAt());
        ctx.log().info("Registry login for " + credentials.host() + " as " + credentials.username()
                + (endpoint.equals(data.proxyEndpoint()) ? "" : " (ECR's endpoint is " + data.proxyEndpoint() + ")"));
        return credentials;
    }
}
