package dev.hubwizard.aws.signin;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * An IAM Identity Center sign-in as the AWS CLI v2 caches it in {@code ~/.aws/sso/cache/<sha1>.json}: the
 * access token, and what refreshes it without the browser (the client registration and the refresh token).
 * Secrets: never logged, never in {@link #toString()}.
 */
public record SsoToken(String startUrl, String region, String accessToken, Instant expiresAt,
                       String clientId, String clientSecret, Instant registrationExpiresAt, String refreshToken) {

    /** A token this close to its end counts as expired: a deploy started now would outlive it. */
    static final Duration MARGIN = Duration.ofMinutes(5);

    public boolean valid(Instant now) {
        return accessToken != null && !accessToken.isBlank() && expiresAt != null
                && expiresAt.isAfter(now.plus(MARGIN));
    }

    /** Whether the refresh token may be used: it is there and its client registration has not expired. */
    public boolean refreshable(Instant now) {
        return refreshToken != null && !refreshToken.isBlank() && clientId != null && clientSecret != null
                && registrationExpiresAt != null && registrationExpiresAt.isAfter(now);
    }

    public Optional<String> refreshTokenIfAny() {
        return Optional.ofNullable(refreshToken).filter(t -> !t.isBlank());
    }

    @Override
    public String toString() {
        return "SsoToken[startUrl=" + startUrl + ", region=" + region + ", expiresAt=" + expiresAt + "]";
    }
}
