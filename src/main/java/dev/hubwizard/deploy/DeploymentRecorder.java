package dev.hubwizard.deploy;

import dev.hubwizard.aws.EcsService;
import dev.hubwizard.aws.HubAddress;
import dev.hubwizard.aws.TaskDefinitionRevision;
import dev.hubwizard.engine.RunListener;
import dev.hubwizard.engine.RunResult;
import dev.hubwizard.engine.StepEvent;
import dev.hubwizard.engine.StepState;
import dev.hubwizard.engine.Values;
import dev.hubwizard.profile.DeploymentState;
import dev.hubwizard.profile.DeploymentStatus;
import dev.hubwizard.profile.ProfileStore;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Keeps the profile's deployment summary true: DEPLOYING when a deploy starts, then DEPLOYED with the
 * image, task definition, service and URL it ended with, or FAILED. The preflight alone is no deploy:
 * a run that gets no further (the wizard checks on sight, and Docker is not running) leaves the summary
 * as it was, so a hub that never deployed still reads so. The journal itself is written by the steps as
 * they create things; this only writes the facts a redeploy and the start screen use.
 */
public final class DeploymentRecorder implements RunListener {

    private final SummaryWriter summary;
    private final Values values;
    private final Clock clock;
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile DeploymentStatus before = DeploymentStatus.NEW;

    public DeploymentRecorder(ProfileStore store, String profileName, Values values, Clock clock) {
        this.summary = new SummaryWriter(store, profileName);
        this.values = values;
        this.clock = clock;
    }

    @Override
    public void stateChanged(StepEvent event) {
        if (event.state() == StepState.RUNNING && !event.stepId().equals(PreflightStep.ID)
                && started.compareAndSet(false, true)) {
            summary.write(state -> {
                before = state.status();
                return SummaryWriter.withStatus(state, DeploymentStatus.DEPLOYING);
            });
        }
    }

    /**
     * A run that reached the hub URL deployed; one that failed says so; a cancelled run, or one that
     * ran only some steps (the wizard's Run on one page), leaves the status as it was before.
     */
    @Override
    public void finished(RunResult result) {
        if (!started.get()) {
            return;
        }
        if (result.succeeded() && result.outcomes().containsKey(HubUrlStep.ID)) {
            summary.write(this::deployed);
        } else if (result.firstFailure().isPresent()) {
            summary.write(state -> SummaryWriter.withStatus(state, DeploymentStatus.FAILED));
        } else {
            summary.write(state -> SummaryWriter.withStatus(state, before));
        }
    }

    private DeploymentState deployed(DeploymentState state) {
        String image = values.get(PushStep.PUSHED_IMAGE).map(PushedImage::image).orElse(state.imageTag());
        String digest = values.get(PushStep.PUSHED_IMAGE).map(PushedImage::digest).orElse(state.imageDigest());
        String taskDefinition = values.get(TaskDefinitionStep.TASK_DEFINITION).map(TaskDefinitionRevision::arn)
                .orElse(state.taskDefinitionArn());
        String service = values.get(ServiceStep.SERVICE).map(EcsService::arn).orElse(state.serviceArn());
        String url = values.get(HubUrlStep.HUB_URL).map(HubAddress::url).map(Object::toString).orElse(state.url());
        return new DeploymentState(DeploymentStatus.DEPLOYED, state.resources(), image, digest, taskDefinition,
                service, url, clock.instant());
    }
}
