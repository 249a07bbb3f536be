package dev.hubwizard.aws;

import dev.hubwizard.engine.ProblemException;
import dev.hubwizard.testbed.StepRecorder;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * AWS refuses to delete a security group or subnet while a stopped task's network interface still uses
 * it, for minutes after the task stopped. moto never does, so AWS's answers are scripted here.
 */
class DeletionTest {

    private static final DeletionWaits WAITS = new DeletionWaits(Duration.ofMillis(300), Duration.ofMillis(20));

    private static ProblemException refused(String code) {
        return AwsProblems.explain("ec2:DeleteSecurityGroup", AwsServiceException.builder().statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code)
                        .errorMessage("resource sg-1 has a dependent object").build()).build());
    }

    @Test
    void aResourceStillInUseIsTriedAgainUntilAwsLetsGo() throws Exception {
        StepRecorder recorder = new StepRecorder();
        AtomicInteger attempts = new AtomicInteger();

        Deletion.whileInUse(recorder.context("delete-security-group"), WAITS, "security group sg-1", () -> {
            if (attempts.incrementAndGet() < 3) {
                throw refused("DependencyViolation");
            }
        });

        assertThat(attempts.get()).isEqualTo(3);
        assertThat(recorder.text()).singleElement().asString().startsWith("Security group sg-1 is still in use")
                .contains("tries again every");
    }

    @Test
    void aResourceInUseForTooLongIsReportedWithWhatToDo() {
        StepRecorder recorder = new StepRecorder();

        assertThatThrownBy(() -> Deletion.whileInUse(recorder.context("delete-security-group"), WAITS,
                "security group sg-1", () -> {
                    throw refused("DependencyViolation");
                })).isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.problem().what()).isEqualTo("Security group sg-1 is still in use");
                    assertThat(e.problem().why()).contains("DependencyViolation").contains("still so after");
                    assertThat(e.problem().next()).contains("run the teardown again");
                });
    }

    @Test
    void otherRefusalsAreNotWaitedOn() {
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> Deletion.whileInUse(new StepRecorder().context("delete-vpc"), WAITS, "VPC vpc-1",
                () -> {
                    attempts.incrementAndGet();
                    throw refused("UnauthorizedOperation");
                })).isInstanceOfSatisfying(ProblemException.class,
                        e -> assertThat(e.problem().what()).isEqualTo("AWS refused ec2:DeleteSecurityGroup"));
        assertThat(attempts.get()).isEqualTo(1);
    }

    @Test
    void notFoundAndInUseAreReadOffAwsErrorCodes() {
        assertThat(AwsProblems.isNotFound(refused("InvalidGroup.NotFound"))).isTrue();
        assertThat(AwsProblems.isNotFound(refused("RepositoryNotFoundException"))).isTrue();
        assertThat(AwsProblems.isNotFound(refused("NoSuchEntity"))).isTrue();
        assertThat(AwsProblems.isNotFound(refused("DependencyViolation"))).isFalse();
        assertThat(AwsProblems.isInUse(refused("DependencyViolation"))).isTrue();
    }
}
