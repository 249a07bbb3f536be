package dev.hubwizard.docker;

import dev.hubwizard.profile.Architecture;
import dev.hubwizard.profile.JupyterHubVersion;

import java.nio.file.Path;
import java.util.List;

/**
 * What to build.
 *
 * @param imageFolder  the build context as the user keeps it; copied, never modified
 * @param repository   the local repository name to tag the image with
 * @param admins       written to {@code admin} in the copy
 * @param allowedUsers written to {@code allowed_users} in the copy
 * @param architecture the CPU architecture to build for ({@code --platform})
 * @param jupyterhubVersion the {@code JUPYTERHUB_VERSION} build argument: the official base image's tag
 * @param baseImage    the {@code BASE_IMAGE} build argument, which replaces the official image (a mirror);
 *                     empty for the official image of {@code jupyterhubVersion}
 * @param network      the network the {@code RUN} steps get
 * @param dockerfile   the Dockerfile, relative to {@code imageFolder}: {@link #HUB_DOCKERFILE} for the hub, or
 *                     {@link #USER_DOCKERFILE} for the users' servers, built from the same folder for its pins
 */
public record ImageBuildRequest(Path imageFolder, String repository, List<String> admins, List<String> allowedUsers,
                                Architecture architecture, String jupyterhubVersion, String baseImage,
                                BuildNetwork network, String dockerfile) {

    public static final String HUB_DOCKERFILE = "Dockerfile";
    public static final String USER_DOCKERFILE = "singleuser/Dockerfile";

    public ImageBuildRequest {
        admins = List.copyOf(admins);
        allowedUsers = List.copyOf(allowedUsers);
        baseImage = baseImage == null ? "" : baseImage.trim();
        dockerfile = dockerfile == null || dockerfile.isBlank() ? HUB_DOCKERFILE : dockerfile.trim();
    }

    /** The hub image. */
    public ImageBuildRequest(Path imageFolder, String repository, List<String> admins, List<String> allowedUsers,
                             Architecture architecture, String jupyterhubVersion, String baseImage,
                             BuildNetwork network) {
        this(imageFolder, repository, admins, allowedUsers, architecture, jupyterhubVersion, baseImage, network,
                HUB_DOCKERFILE);
    }

    /** The users' server image, from the same folder and on the same base as the hub's. */
    public ImageBuildRequest forUsers(String userRepository) {
        return new ImageBuildRequest(imageFolder, userRepository, admins, allowedUsers, architecture, jupyterhubVersion,
                baseImage, network, USER_DOCKERFILE);
    }

    /** The image the build starts from. */
    public String base() {
        return baseImage.isEmpty() ? JupyterHubVersion.officialImage(jupyterhubVersion) : baseImage;
    }
}
