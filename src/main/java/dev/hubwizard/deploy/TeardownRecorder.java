package dev.hubwizard.deploy;

import dev.hubwizard.aws.ResourceKind;
import dev.hubwizard.engine.Journal;
import dev.hubwizard.engine.ResourceRecord;
import dev.hubwizard.engine.RunListener;
import dev.hubwizard.engine.RunResult;
import dev.hubwizard.engine.StepEvent;
import dev.hubwizard.engine.StepState;
import dev.hubwizard.profile.DeploymentState;
import dev.hubwizard.profile.DeploymentStatus;
import dev.hubwizard.profile.ProfileStore;

import java.util.List;

/**
 * Keeps the profile's deployment summary true through a teardown: TORN_DOWN once the last step found
 * nothing left (the resources are then empty, or only what was kept); FAILED when a teardown that
 * failed or was cancelled has already deleted something, since the hub is then gone in part; as it
 * was when nothing changed. The journal itself is written by the steps as they delete.
 */
public final class TeardownRecorder implements RunListener {

    private final SummaryWriter summary;
    private final Journal journal;
    private volatile List<ResourceRecord> before;

    public TeardownRecorder(ProfileStore store, String profileName, Journal journal) {
        this.summary = new SummaryWriter(store, profileName);
        this.journal = journal;
    }

    @Override
    public synchronized void stateChanged(StepEvent event) {
        if (event.state() == StepState.RUNNING && before == null) {
            before = journal.all();
        }
    }

    @Override
    public void finished(RunResult result) {
        if (before == null) {
            return;
        }
        if (result.succeeded() && result.outcomes().containsKey(LeftoversStep.ID)) {
            summary.write(this::tornDown);
        } else if (!journal.all().equals(before)) {
            summary.write(state -> SummaryWriter.withStatus(state, DeploymentStatus.FAILED));
        }
    }

    /** Nothing runs any more; the image stays known only while its repository is kept. */
    private DeploymentState tornDown(DeploymentState state) {
        boolean imagesKept = !journal.ofKind(ResourceKind.ECR_REPOSITORY).isEmpty();
        return new DeploymentState(DeploymentStatus.TORN_DOWN, state.resources(),
                imagesKept ? state.imageTag() : "", imagesKept ? state.imageDigest() : "", "", "", "",
                state.deployedAt());
    }
}
