package dev.hubwizard.profile;

/** How people sign in to the hub. */
public enum SignIn {
    /** Each allowed user sets a password the first time they sign in. Works over the public IP. */
    FIRST_USE_PASSWORD,
    /** Amazon Cognito's hosted UI; needs an HTTPS address (AWS's, or the hub's own domain). */
    COGNITO
}
