package dev.hubwizard.aws;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.retries.api.BackoffStrategy;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** What counts as AWS not knowing yet what these clients just made, and for how long it is asked again. */
class FreshIdsTest {

    @Test
    void aNotFoundNamingAFreshIdIsNotVisibleYetAndAnyOtherNotFoundIsAnAnswer() {
        FreshIds fresh = new FreshIds(Duration.ofMinutes(1));
        fresh.add("vpc-0a1b");

        assertThat(fresh.notVisibleYet(error("InvalidVpcID.NotFound", "The vpc ID 'vpc-0a1b' does not exist")))
                .isTrue();
        assertThat(fresh.notVisibleYet(error("InvalidVpcID.NotFound", "The vpc ID 'vpc-ffff' does not exist")))
                .as("someone else's, or a deleted one").isFalse();
        assertThat(fresh.notVisibleYet(error("InvalidParameterException", "Error retrieving subnet information for "
                + "[vpc-0a1b]: The vpc ID 'vpc-0a1b' does not exist (ErrorCode: InvalidVpcID.NotFound)"))).isTrue();
        assertThat(fresh.notVisibleYet(error("InvalidParameterException", "vpc-0a1b is not valid here"))).isFalse();
        assertThat(fresh.notVisibleYet(error("AccessDenied", "vpc-0a1b"))).isFalse();
        assertThat(fresh.notVisibleYet(new IllegalStateException("vpc-0a1b"))).isFalse();
    }

    @Test
    void aCertificateJustIssuedMayBeUnknownToTheLoadBalancer() {
        FreshIds fresh = new FreshIds(Duration.ofMinutes(1));
        String arn = "arn:aws:acm:us-east-1:123456789012:certificate/1";
        fresh.add(arn);

        assertThat(fresh.notVisibleYet(error("CertificateNotFound", "Certificate '" + arn + "' not found"))).isTrue();
        assertThat(fresh.notVisibleYet(error("UnsupportedCertificate", "The certificate '" + arn + "' ..."))).isTrue();
    }

    @Test
    void anIdIsFreshForItsWindowOnly() throws Exception {
        FreshIds fresh = new FreshIds(Duration.ofMillis(50));
        fresh.add("subnet-1");
        Thread.sleep(100);

        assertThat(fresh.notVisibleYet(error("InvalidSubnetID.NotFound", "The subnet ID 'subnet-1' does not exist")))
                .isFalse();
    }

    @Test
    void theRetryBudgetCoversTheWindowEvenAtTheShortestBackOff() {
        for (EventualConsistency consistency : new EventualConsistency[] {EventualConsistency.AWS,
                new EventualConsistency(Duration.ofSeconds(5), Duration.ofMillis(20), Duration.ZERO)}) {
            BackoffStrategy backoff = BackoffStrategy.exponentialDelayWithoutJitter(consistency.firstRetry(),
                    consistency.firstRetry().multipliedBy(8));
            Duration shortest = Duration.ZERO;
            for (int attempt = 1; attempt < consistency.attempts(); attempt++) {
                shortest = shortest.plus(backoff.computeDelay(attempt).dividedBy(2));
            }
            assertThat(shortest).as(consistency.toString()).isGreaterThanOrEqualTo(consistency.newIds());
        }
        assertThat(EventualConsistency.AWS.attempts()).as("not unbounded for every other error").isLessThan(16);
    }

    private static AwsServiceException error(String code, String message) {
        return AwsServiceException.builder().awsErrorDetails(AwsErrorDetails.builder().errorCode(code)
                .errorMessage(message).build()).build();
    }
}
