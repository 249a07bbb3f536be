package dev.hubwizard.operate;

import dev.hubwizard.aws.DeletionWaits;
import dev.hubwizard.aws.EcsTasks;
import dev.hubwizard.aws.ServiceScaling;
import dev.hubwizard.engine.Intent;
import dev.hubwizard.profile.Profile;
import dev.hubwizard.profile.ServerPlacement;
import dev.hubwizard.testbed.StepRecorder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * Pausing a hub whose users' servers run in their own tasks stops those too, after the hub's task (a hub whose
 * state is kept leaves them running for the next hub, and a paused hub has none); a hub with servers inside stops
 * nothing more. The stopping itself is EcsTasks', proven against the test bed by the teardown's tests.
 */
class PauseStepTest {

    private final ServiceScaling scaling = mock(ServiceScaling.class);
    private final HubSummary summary = mock(HubSummary.class);
    private final EcsTasks tasks = mock(EcsTasks.class);
    private final StepRecorder recorder = new StepRecorder();

    @Test
    void usersServersInTheirOwnTasksStopWithTheHub() throws Exception {
        Profile profile = Profile.named("team-hub");
        Profile fargate = profile.withServers(profile.servers().withPlacement(ServerPlacement.FARGATE));
        when(tasks.stop(any(), anyString(), any(), anyString())).thenReturn(2);
        PauseStep step = new PauseStep(fargate, scaling, summary, DeletionWaits.DEFAULT, tasks);

        step.run(recorder.context(PauseStep.ID));

        verify(scaling).setDesiredCount("team-hub-cluster", "team-hub-service", 0);
        verify(tasks).stop(any(), eq("team-hub-cluster"), eq(DeletionWaits.DEFAULT), eq("Hub Wizard: the hub is paused"));
        assertThat(recorder.text()).anySatisfy(line -> assertThat(line).contains("2 user's server(s) stopped"));
        assertThat(step.preview(recorder.context(PauseStep.ID))).extracting(Intent::action)
                .containsExactly(Intent.Action.CHANGE, Intent.Action.RUN);
    }

    @Test
    void serversInTheHubStopWithItsTaskAlone() throws Exception {
        PauseStep step = new PauseStep(Profile.named("team-hub"), scaling, summary, DeletionWaits.DEFAULT, tasks);

        step.run(recorder.context(PauseStep.ID));

        verify(tasks, never()).stop(any(), anyString(), any(), anyString());
        assertThat(step.preview(recorder.context(PauseStep.ID))).hasSize(1);
    }
}
