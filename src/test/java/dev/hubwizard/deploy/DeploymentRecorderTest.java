package dev.hubwizard.deploy;

import dev.hubwizard.engine.Problem;
import dev.hubwizard.engine.RunResult;
import dev.hubwizard.engine.StepEvent;
import dev.hubwizard.engine.StepState;
import dev.hubwizard.engine.Values;
import dev.hubwizard.profile.DeploymentStatus;
import dev.hubwizard.profile.Profile;
import dev.hubwizard.profile.ProfileStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The deployment summary a run leaves in the profile: the preflight alone is no deploy. */
class DeploymentRecorderTest {

    @TempDir
    Path home;

    private static StepEvent event(String step, StepState state) {
        return new StepEvent(step, state, Duration.ZERO, state == StepState.FAILED
                ? new Problem("Docker needs attention", "it is not running", "Start Docker") : null, null);
    }

    private ProfileStore storeWith(String name) throws Exception {
        ProfileStore store = new ProfileStore(home.resolve("profiles"));
        store.save(Profile.named(name));
        return store;
    }

    @Test
    void aRunThatGetsNoFurtherThanThePreflightLeavesANewHubNew() throws Exception {
        ProfileStore store = storeWith("fresh");
        DeploymentRecorder recorder = new DeploymentRecorder(store, "fresh", new Values(), Clock.systemUTC());

        recorder.stateChanged(event(PreflightStep.ID, StepState.RUNNING));
        StepEvent failed = event(PreflightStep.ID, StepState.FAILED);
        recorder.stateChanged(failed);
        recorder.finished(new RunResult(Map.of(PreflightStep.ID, failed), Duration.ofSeconds(2)));

        assertThat(store.load("fresh").deployment().status()).isEqualTo(DeploymentStatus.NEW);
    }

    @Test
    void aRunThatGoesOnIsDeployingAndThenFailed() throws Exception {
        ProfileStore store = storeWith("lab");
        DeploymentRecorder recorder = new DeploymentRecorder(store, "lab", new Values(), Clock.systemUTC());

        recorder.stateChanged(event(PreflightStep.ID, StepState.RUNNING));
        recorder.stateChanged(event(PreflightStep.ID, StepState.DONE));
        recorder.stateChanged(event(BuildImageStep.ID, StepState.RUNNING));
        assertThat(store.load("lab").deployment().status()).isEqualTo(DeploymentStatus.DEPLOYING);
        StepEvent failed = event(BuildImageStep.ID, StepState.FAILED);
        recorder.finished(new RunResult(Map.of(BuildImageStep.ID, failed), Duration.ofSeconds(9)));

        assertThat(store.load("lab").deployment().status()).isEqualTo(DeploymentStatus.FAILED);
    }
}
