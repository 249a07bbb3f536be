package dev.hubwizard.deploy;

/**
 * What the hub's task needs to send people to Cognito and back; the client secret itself stays in Secrets
 * Manager, named by {@code secretArn}.
 *
 * @param domainUrl the hosted UI, {@code https://PREFIX.auth.REGION.amazoncognito.com}
 */
public record CognitoClient(String userPoolId, String domainUrl, String clientId, String secretArn) {
}
