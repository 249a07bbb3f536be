package dev.hubwizard.deploy;

import dev.hubwizard.aws.RegistryCredentials;
import dev.hubwizard.engine.StepContext;

/**
 * Pushes the image the build step made: the Docker side of the push step, implemented in the docker
 * package. It tags the built image for {@code repository}, pushes it with the login, reports per-layer
 * progress through the context, and answers with the tag and the digest the registry reported.
 */
public interface ImagePush {

    /**
     * @param repository where to push, without tag: the registry's host and the repository's name
     *                   ({@code 123456789012.dkr.ecr.us-east-1.amazonaws.com/team-hub})
     */
    Pushed push(String repository, RegistryCredentials login, StepContext context) throws Exception;

    /** @param digest {@code sha256:…} */
    record Pushed(String tag, String digest) {
    }
}
