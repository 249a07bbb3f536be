package dev.hubwizard.deploy;

import dev.hubwizard.aws.DeletionWaits;
import dev.hubwizard.aws.EventualConsistency;
import dev.hubwizard.docker.DockerClients;
import dev.hubwizard.docker.LiveContainers;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What deploy plans are made of besides the profile: the Docker side (one per app) and the waits.
 *
 * @param defaultImageFolder the hub image folder used when a profile names none
 * @param localHealthTimeout how long the local test waits for {@code /hub/health}
 * @param stableTimeout      how long the service step waits for the service to be stable
 * @param hubHealthTimeout   how long the hub URL step waits for the hub to answer
 * @param consistency        how long the AWS clients allow AWS to know what was just made
 * @param deletionWaits      how long, and how often, a teardown waits for AWS to let go of something
 */
public record DeployTools(DockerClients docker, LiveContainers containers, Path defaultImageFolder,
                          Duration localHealthTimeout, Duration stableTimeout, Duration hubHealthTimeout,
                          EventualConsistency consistency, DeletionWaits deletionWaits)
        implements AutoCloseable {

    public static DeployTools withDefaultWaits(DockerClients docker, LiveContainers containers,
                                               Path defaultImageFolder) {
        return new DeployTools(docker, containers, defaultImageFolder, LocalTestStep.HEALTH_TIMEOUT,
                ServiceStep.STABLE_TIMEOUT, HubUrlStep.HEALTH_TIMEOUT, EventualConsistency.AWS, DeletionWaits.DEFAULT);
    }

    /** The app's Docker side, made on first use by the app or the CLI: the engine from DOCKER_HOST. */
    public static DeployTools forThisMachine(Path defaultImageFolder) {
        DockerClients docker = DockerClients.fromEnvironment();
        return withDefaultWaits(docker, new LiveContainers(docker), defaultImageFolder);
    }

    /** On exit: no local test's container outlives the app, then the connection to Docker goes. */
    @Override
    public void close() {
        containers.removeAll();
        try {
            docker.close();
        } catch (java.io.IOException ignored) {
            // Exiting: the engine drops the connection either way.
        }
    }
}
