package dev.hubwizard.deploy;

import dev.hubwizard.aws.ResourceKind;
import dev.hubwizard.engine.Journal;
import dev.hubwizard.engine.Problem;
import dev.hubwizard.engine.ResourceRecord;
import dev.hubwizard.engine.RunResult;
import dev.hubwizard.engine.StepEvent;
import dev.hubwizard.engine.StepState;
import dev.hubwizard.profile.DeploymentState;
import dev.hubwizard.profile.DeploymentStatus;
import dev.hubwizard.profile.Profile;
import dev.hubwizard.profile.ProfileJournalStore;
import dev.hubwizard.profile.ProfileStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What the profile's summary says after a teardown, read back from the profile file. */
class TeardownRecorderTest {

    private static final Instant DEPLOYED_AT = Instant.parse("2025-01-01T10:00:00Z");
    private static final ResourceRecord REPOSITORY = new ResourceRecord(ResourceKind.ECR_REPOSITORY,
            "arn:aws:ecr:us-east-1:123456789012:repository/team-hub", "team-hub", Map.of(), "repository",
            DEPLOYED_AT);
    private static final ResourceRecord CLUSTER = new ResourceRecord(ResourceKind.ECS_CLUSTER,
            "arn:aws:ecs:us-east-1:123456789012:cluster/team-hub-cluster", "team-hub-cluster", Map.of(), "cluster",
            DEPLOYED_AT);

    @TempDir
    Path dir;

    private ProfileStore store;
    private Journal journal;
    private TeardownRecorder recorder;

    @BeforeEach
    void deployed() throws Exception {
        store = new ProfileStore(dir);
        store.save(Profile.named("team-hub").withDeployment(new DeploymentState(DeploymentStatus.DEPLOYED,
                List.of(REPOSITORY, CLUSTER), "123456789012.dkr.ecr.us-east-1.amazonaws.com/team-hub:abc",
                "sha256:" + "a".repeat(64), "arn:aws:ecs:us-east-1:123456789012:task-definition/team-hub:3",
                "arn:aws:ecs:us-east-1:123456789012:service/team-hub-cluster/team-hub-service",
                "http://203.0.113.7:8000/", DEPLOYED_AT)));
        journal = new Journal(new ProfileJournalStore(store, "team-hub"));
        recorder = new TeardownRecorder(store, "team-hub", journal);
    }

    private DeploymentState state() throws Exception {
        return store.load("team-hub").deployment();
    }

    private static RunResult result(StepState check) {
        Map<String, StepEvent> outcomes = new LinkedHashMap<>();
        outcomes.put(TeardownPlan.SERVICE, new StepEvent(TeardownPlan.SERVICE, StepState.DONE, Duration.ZERO, null,
                null));
        outcomes.put(LeftoversStep.ID, new StepEvent(LeftoversStep.ID, check, Duration.ZERO,
                check == StepState.FAILED ? new Problem("1 resource(s) are still in AWS", "", "") : null, null));
        return new RunResult(outcomes, Duration.ofSeconds(1));
    }

    private void started() {
        recorder.stateChanged(new StepEvent(TeardownPlan.SERVICE, StepState.RUNNING, Duration.ZERO, null, null));
    }

    @Test
    void aCompleteTeardownIsTornDownWithNothingOnRecordAndNoAddress() throws Exception {
        started();
        journal.forget(CLUSTER.kind(), CLUSTER.id());
        journal.forget(REPOSITORY.kind(), REPOSITORY.id());

        recorder.finished(result(StepState.DONE));

        DeploymentState state = state();
        assertThat(state.status()).isEqualTo(DeploymentStatus.TORN_DOWN);
        assertThat(state.resources()).isEmpty();
        assertThat(state.url()).isEmpty();
        assertThat(state.serviceArn()).isEmpty();
        assertThat(state.taskDefinitionArn()).isEmpty();
        assertThat(state.imageTag()).isEmpty();
        assertThat(state.deployedAt()).isEqualTo(DEPLOYED_AT);
    }

    @Test
    void keptImagesStayOnRecordAndTheImageStaysKnown() throws Exception {
        started();
        journal.forget(CLUSTER.kind(), CLUSTER.id());

        recorder.finished(result(StepState.DONE));

        DeploymentState state = state();
        assertThat(state.status()).isEqualTo(DeploymentStatus.TORN_DOWN);
        assertThat(state.resources()).containsExactly(REPOSITORY);
        assertThat(state.imageTag()).endsWith("team-hub:abc");
    }

    @Test
    void aTeardownThatFailedAfterDeletingSomethingLeavesAFailedHub() throws Exception {
        started();
        journal.forget(CLUSTER.kind(), CLUSTER.id());

        recorder.finished(result(StepState.FAILED));

        assertThat(state().status()).isEqualTo(DeploymentStatus.FAILED);
        assertThat(state().resources()).containsExactly(REPOSITORY);
    }

    @Test
    void aTeardownThatChangedNothingLeavesTheStatusAlone() throws Exception {
        started();

        recorder.finished(result(StepState.CANCELLED));

        assertThat(state().status()).isEqualTo(DeploymentStatus.DEPLOYED);
        assertThat(state().url()).isEqualTo("http://203.0.113.7:8000/");
    }
}
