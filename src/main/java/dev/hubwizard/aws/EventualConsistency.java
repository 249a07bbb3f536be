package dev.hubwizard.aws;

import software.amazon.awssdk.retries.api.BackoffStrategy;

import java.time.Duration;

/**
 * How much time Hub Wizard gives AWS's eventual consistency. Right after a create, AWS may not know the new
 * resource everywhere yet: EC2 answers {@code InvalidVpcID.NotFound} for a VPC it has just made, Elastic Load
 * Balancing does not find a certificate ACM has just issued, and ECS cannot use a role IAM has just made. Real AWS
 * takes seconds; the test bed plays it in fractions of one and passes shorter bounds here.
 *
 * @param newIds         how long after its create (or issue) a resource's NotFound is taken for "not visible
 *                       yet" and the call asked again, with back-off
 * @param firstRetry     the first back-off; each later one doubles, up to eight times this
 * @param iamPropagation how long after a role is created or its policies change before ECS starts a task with it
 */
public record EventualConsistency(Duration newIds, Duration firstRetry, Duration iamPropagation) {

    /**
     * AWS's own advice is exponential back-off "starting with a couple of seconds of wait time"
     * (docs.aws.amazon.com/ec2/latest/devguide/eventual-consistency.html); IAM documents no bound, and a new role
     * is usually usable within 10 s.
     */
    public static final EventualConsistency AWS = new EventualConsistency(Duration.ofSeconds(30), Duration.ofSeconds(1),
            Duration.ofSeconds(15));

    BackoffStrategy backoff() {
        return BackoffStrategy.exponentialDelayHalfJitter(firstRetry, maxRetry());
    }

    /** Enough attempts for the back-off to cover {@link #newIds} even when each delay is its shortest (half). */
    int attempts() {
        BackoffStrategy longest = BackoffStrategy.exponentialDelayWithoutJitter(firstRetry, maxRetry());
        long covered = 0;
        int attempts = 1;
        while (covered < newIds.toNanos()) {
            covered += longest.computeDelay(attempts).toNanos() / 2;
            attempts++;
        }
        return Math.max(attempts, 3);
    }

    private Duration maxRetry() {
        return firstRetry.multipliedBy(8);
    }
}
