package dev.hubwizard.docker;

/**
 * A registry sign-in (for ECR: user {@code AWS} and the password from GetAuthorizationToken).
 * {@link #toString()} leaves the password out, so that it cannot reach a log or a message by accident.
 */
public record RegistryCredentials(String username, String password) {

    public RegistryCredentials {
        if (username == null || username.isBlank() || password == null || password.isEmpty()) {
            throw new IllegalArgumentException("A registry sign-in needs a user name and a password");
        }
    }

    @Override
    public String toString() {
        return "RegistryCredentials[username=" + username + ", password=****]";
    }
}
