package dev.hubwizard.aws;

import java.time.Duration;

/**
 * How long a teardown waits for AWS to let go of something: a service to become INACTIVE, tasks to
 * stop, a security group, subnet or VPC to be free of the network interfaces Fargate and load balancers
 * release only after they are gone (AWS takes up to about 15 minutes for those).
 *
 * @param timeout how long one wait may take before the resource is reported as left over
 * @param every   how often AWS is asked again meanwhile
 */
public record DeletionWaits(Duration timeout, Duration every) {

    public static final DeletionWaits DEFAULT = new DeletionWaits(Duration.ofMinutes(20), Duration.ofSeconds(10));

    /** The attempts a waiter needs to cover {@link #timeout} (the SDK's default count would end it sooner). */
    int attempts() {
        return (int) Math.max(1, timeout.toMillis() / Math.max(1, every.toMillis()) + 1);
    }
}
