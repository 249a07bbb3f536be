package dev.hubwizard.deploy;

import dev.hubwizard.profile.DeploymentState;
import dev.hubwizard.profile.DeploymentStatus;
import dev.hubwizard.profile.ProfileException;
import dev.hubwizard.profile.ProfileStore;

import java.util.function.UnaryOperator;

/**
 * Writes the deployment summary in the profile file for the recorders. A failed write is logged, not
 * thrown: the run's own outcome stands and the journal is written by the steps themselves; only the
 * summary is stale, and the next run rewrites it.
 */
public final class SummaryWriter {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SummaryWriter.class);

    private final ProfileStore store;
    private final String profileName;

    public SummaryWriter(ProfileStore store, String profileName) {
        this.store = store;
        this.profileName = profileName;
    }

    public void write(UnaryOperator<DeploymentState> change) {
        try {
            store.update(profileName, p -> p.withDeployment(change.apply(p.deployment())));
        } catch (ProfileException e) {
            LOG.warn("Could not record the deployment summary in profile {}: {}", profileName, e.getMessage());
        }
    }

    public static DeploymentState withStatus(DeploymentState state, DeploymentStatus status) {
        return new DeploymentState(status, state.resources(), state.imageTag(), state.imageDigest(),
                state.taskDefinitionArn(), state.serviceArn(), state.url(), state.deployedAt());
    }
}
