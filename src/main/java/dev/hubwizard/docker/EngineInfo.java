package dev.hubwizard.docker;

import com.github.dockerjava.api.model.Version;
import dev.hubwizard.engine.ProblemException;

/**
 * What the Docker Engine says about itself: enough for the preflight page to say "Docker 24.0.7 runs
 * amd64 images" or why it cannot be reached.
 *
 * @param architecture as Docker names it: {@code amd64} or {@code arm64}
 */
public record EngineInfo(String version, String apiVersion, String architecture, String os) {

    /** Asks the engine; a plain-words problem when it is missing, stopped or refusing us. */
    public static EngineInfo of(DockerClients docker) throws ProblemException {
        try {
            Version version = docker.client().versionCmd().exec();
            return new EngineInfo(version.getVersion(), version.getApiVersion(), version.getArch(),
                    version.getOperatingSystem());
        } catch (RuntimeException e) {
            throw DockerProblems.of(e, docker.dockerHost(), "say which version it is");
        }
    }
}
