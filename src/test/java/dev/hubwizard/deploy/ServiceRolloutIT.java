package dev.hubwizard.deploy;

import dev.hubwizard.aws.AwsClients;
import dev.hubwizard.engine.JournalStore;
import dev.hubwizard.engine.Plan;
import dev.hubwizard.engine.RunResult;
import dev.hubwizard.engine.Session;
import dev.hubwizard.engine.Step;
import dev.hubwizard.engine.StepState;
import dev.hubwizard.profile.Profile;
import dev.hubwizard.testbed.AwsCallRecorder;
import dev.hubwizard.testbed.MotoServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ECS service's deployments as AWS runs them, which the strict layer plays where moto reports every service
 * running at once: a first deployment whose tasks fail stays FAILED (nothing to roll back to) until a new one is
 * forced, and a task that takes its time to start keeps the service unsettled meanwhile.
 */
@ExtendWith(EmptyAwsAccount.class)
class ServiceRolloutIT {

    private static final String SERVICE = "team-hub-service";

    private final AwsTestBed bed = new AwsTestBed();
    private final Profile profile = AwsTestBed.profile();
    private AwsClients aws;

    @BeforeEach
    void emptyAccount(AwsClients clients) {
        aws = clients;
    }

    @Test
    void retryAfterAFailedFirstRolloutForcesAFreshDeploymentAndSaysSo() {
        MotoServer.shared().strict().ecs().failNextRollout(SERVICE, "Essential container in task exited");
        Session session = AwsTestBed.session(JournalStore.inMemory());

        RunResult failed = bed.run(bed.plan(profile, aws), session);
        assertThat(failed.state(ServiceStep.ID)).as(bed.logText()).isEqualTo(StepState.FAILED);
        assertThat(failed.outcomes().get(ServiceStep.ID).problem().why()).contains("circuit breaker");
        assertThat(bed.logText()).contains("Essential container in task exited");

        // Retry: nothing changed in the profile, but the FAILED deployment starts no more tasks by itself.
        AwsCallRecorder.clear();
        RunResult retried = bed.run(bed.plan(profile, aws), session);

        assertThat(retried.succeeded()).as(bed.failures(retried)).isTrue();
        assertThat(AwsCallRecorder.changingCalls()).containsExactly("Ecs.UpdateService");
        assertThat(bed.logText()).contains("The last deployment of service " + SERVICE + " (team-hub:1) failed")
                .contains("starting a fresh deployment of team-hub:1")
                .contains("Service " + SERVICE + " is stable on team-hub:1");
    }

    @Test
    void theWaitForAStableServiceLastsItsTimeoutNotTheWaitersDefaultAttempts() {
        // 40 attempts (the SDK's default) of 20 ms would give up after 0.8 s; the task starts after 1.5 s.
        MotoServer.shared().strict().ecs().startSlowly(SERVICE, Duration.ofMillis(1500));

        RunResult result = bed.run(plan(Duration.ofSeconds(20), Duration.ofMillis(20)),
                AwsTestBed.session(JournalStore.inMemory()));

        assertThat(result.succeeded()).as(bed.failures(result)).isTrue();
        assertThat(result.outcomes().get(ServiceStep.ID).elapsed()).isGreaterThan(Duration.ofMillis(1400));
        assertThat(bed.logText()).contains("Waiting up to 20 s for service " + SERVICE + " to run team-hub:1");
    }

    @Test
    void aServiceThatDoesNotSettleInTimeSaysHowLongItWaited() {
        MotoServer.shared().strict().ecs().startSlowly(SERVICE, Duration.ofSeconds(30));

        RunResult result = bed.run(plan(Duration.ofMillis(600), Duration.ofMillis(20)),
                AwsTestBed.session(JournalStore.inMemory()));

        assertThat(result.state(ServiceStep.ID)).isEqualTo(StepState.FAILED);
        assertThat(result.outcomes().get(ServiceStep.ID).problem().why()).contains("within 600 ms")
                .doesNotContain("40");
    }

    /** The AWS steps with a service step that waits {@code timeout}, asking every {@code poll}. */
    private Plan plan(Duration timeout, Duration poll) {
        List<Step> steps = new ArrayList<>(bed.steps(profile, aws));
        steps.removeIf(s -> s.id().equals(ServiceStep.ID));
        steps.add(new ServiceStep(profile, aws, timeout, poll));
        return new Plan("deploy", steps);
    }
}
