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
 */
public record ImageBuildRequest(Path imageFolder, String repository, List<String> admins, List<String> allowedUsers,
                                Architecture architecture, String jupyterhubVersion, String baseImage,
                                BuildNetwork network) {

    public ImageBuildRequest {
        admins = List.copyOf(admins);
        allowedUsers = List.copyOf(allowedUsers);
        baseImage = baseImage == null ? "" : baseImage.trim();
    }

    /** The image the build starts from. */
    public String base() {
        return baseImage.isEmpty() ? JupyterHubVersion.officialImage(jupyterhubVersion) : baseImage;
    }
}
