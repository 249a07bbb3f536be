package dev.hubwizard.operate;

import dev.hubwizard.deploy.SummaryWriter;
import dev.hubwizard.profile.DeploymentState;
import dev.hubwizard.profile.DeploymentStatus;
import dev.hubwizard.profile.ProfileStore;

/**
 * What pausing and resuming write in the profile: the wanted state (PAUSED, or DEPLOYED again) the moment ECS
 * has accepted it, so that a window closed half-way still knows, and the address the resumed hub answers at.
 */
final class HubSummary {

    private final SummaryWriter writer;

    HubSummary(ProfileStore store, String profileName) {
        this.writer = new SummaryWriter(store, profileName);
    }

    void paused() {
        writer.write(state -> SummaryWriter.withStatus(state, DeploymentStatus.PAUSED));
    }

    void running() {
        writer.write(state -> SummaryWriter.withStatus(state, DeploymentStatus.DEPLOYED));
    }

    void answersAt(String url) {
        writer.write(state -> new DeploymentState(state.status(), state.resources(), state.imageTag(),
                state.imageDigest(), state.taskDefinitionArn(), state.serviceArn(), url, state.deployedAt()));
    }
}
