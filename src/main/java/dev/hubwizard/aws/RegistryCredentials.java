package dev.hubwizard.aws;

import java.time.Instant;

/**
 * What {@code docker login} needs for the registry, valid until {@code expiresAt} (ECR: 12 hours).
 *
 * @param endpoint the registry, as ECR gives it ({@code https://123456789012.dkr.ecr.us-east-1.amazonaws.com})
 *                 or as the profile overrides it
 */
public record RegistryCredentials(String endpoint, String username, String password, Instant expiresAt) {

    /** The registry's host (and port), the way image names start: no scheme, no trailing slash. */
    public String host() {
        return endpoint.replaceFirst("^[a-zA-Z][a-zA-Z0-9+.-]*://", "").replaceAll("/+$", "");
    }

    /** Never the password: records end up in logs and debuggers. */
    @Override
    public String toString() {
        return "RegistryCredentials[endpoint=" + endpoint + ", username=" + username + ", password=****, expiresAt="
                + expiresAt + "]";
    }
}
