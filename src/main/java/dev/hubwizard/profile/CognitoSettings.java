package dev.hubwizard.profile;

/**
 * The non-secret half of Cognito sign-in. The client secret is never here: it lives in AWS Secrets
 * Manager and reaches the container through the task definition's {@code secrets}.
 *
 * @param userPoolName the user pool to find or create
 * @param domainPrefix the hosted UI's domain prefix ({@code https://PREFIX.auth.REGION.amazoncognito.com})
 */
public record CognitoSettings(String userPoolName, String domainPrefix) {

    public static final CognitoSettings NONE = new CognitoSettings("", "");

    public CognitoSettings {
        userPoolName = userPoolName == null ? "" : userPoolName.trim();
        domainPrefix = domainPrefix == null ? "" : domainPrefix.trim();
    }
}
