package dev.hubwizard.aws;

import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.retries.api.BackoffStrategy;

import java.time.Duration;

/**
 * How the SDK's waiters wait for the new resources (a load balancer, a certificate, a target): asking
 * again after 1 s, then less and less often, up to {@code maxDelay}. Most of these are ready in seconds
 * or in minutes; starting short finds the quick ones quickly without polling the slow ones hard.
 */
final class Waits {

    private static final Duration FIRST_DELAY = Duration.ofSeconds(1);

    private Waits() {
    }

    static WaiterOverrideConfiguration upTo(Duration timeout, Duration maxDelay) {
        return upTo(timeout, FIRST_DELAY, maxDelay);
    }

    /** @param firstDelay the first wait, doubling up to {@code maxDelay} */
    static WaiterOverrideConfiguration upTo(Duration timeout, Duration firstDelay, Duration maxDelay) {
        return WaiterOverrideConfiguration.builder()
                .waitTimeout(timeout)
                // Never the limit: the timeout is.
                .maxAttempts((int) Math.min(Integer.MAX_VALUE, timeout.toMillis() / Math.max(1, firstDelay.toMillis())
                        + 1))
                .backoffStrategyV2(BackoffStrategy.exponentialDelayWithoutJitter(firstDelay, maxDelay))
                .build();
    }
}
