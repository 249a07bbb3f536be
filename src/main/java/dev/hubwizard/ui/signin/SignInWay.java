package dev.hubwizard.ui.signin;

/** The ways to sign in the page offers, in plain words. */
public enum SignInWay {
    SSO("IAM Identity Center (SSO)", "The way AWS recommends for organisations: sign in through your AWS access "
            + "portal in the browser, then pick an account and a role."),
    KEYS("Access keys", "For a personal AWS account: the access key ID and secret access key of an IAM user."),
    MFA_ROLE("A role with an MFA code", "A role you switch to from another profile, protected by a code from "
            + "your MFA device: Hub Wizard asks for the code when AWS needs it."),
    CONSOLE("Console sign-in", "A sign-in from the AWS console, made with 'aws login' (the AWS command line)"
            + " on this computer: Hub Wizard uses it through the AWS SDK while it lasts.");

    private final String title;
    private final String description;

    SignInWay(String title, String description) {
        this.title = title;
        this.description = description;
    }

    public String title() {
        return title;
    }

    public String description() {
        return description;
    }
}
