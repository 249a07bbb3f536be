package dev.hubwizard.aws.signin;

import software.amazon.awssdk.profiles.Profile;

/** How an AWS profile signs in, as the SDK would decide it from the profile's keys. */
public enum SignInKind {
    /** {@code sso_session} or {@code sso_start_url}: IAM Identity Center. */
    SSO("IAM Identity Center (SSO)"),
    /** {@code role_arn} with {@code mfa_serial}: a role that needs a code from an MFA device. */
    MFA_ROLE("a role that needs an MFA code"),
    /** {@code role_arn} without MFA. */
    ROLE("a role"),
    /** {@code login_session}: a console sign-in from {@code aws login}. */
    CONSOLE("a console sign-in session"),
    /** {@code aws_access_key_id}: long-lived access keys. */
    ACCESS_KEYS("access keys"),
    /** {@code credential_process}, web identity and the like: handled by the SDK as they are. */
    OTHER("another way");

    private final String words;

    SignInKind(String words) {
        this.words = words;
    }

    public String words() {
        return words;
    }

    public static SignInKind of(Profile profile) {
        if (profile.property("sso_session").isPresent() || profile.property("sso_start_url").isPresent()) {
            return SSO;
        }
        if (profile.property("role_arn").isPresent()) {
            return profile.property("mfa_serial").isPresent() ? MFA_ROLE : ROLE;
        }
        if (profile.property("login_session").isPresent()) {
            return CONSOLE;
        }
        if (profile.property("aws_access_key_id").isPresent()) {
            return ACCESS_KEYS;
        }
        return OTHER;
    }
}
