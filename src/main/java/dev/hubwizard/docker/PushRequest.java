package dev.hubwizard.docker;

/**
 * What to push where.
 *
 * @param localImage    the image in the local engine: id or reference ({@link BuiltImage#imageId()})
 * @param repositoryUri the target repository, registry host included
 *                      ({@code 123456789012.dkr.ecr.us-east-1.amazonaws.com/team-hub})
 * @param tag           the tag to push ({@link BuiltImage#version()})
 * @param credentials   the sign-in for the repository's registry; always explicit, so that Docker's
 *                      own credential store ({@code ~/.docker/config.json}) never plays a part
 */
public record PushRequest(String localImage, String repositoryUri, String tag, RegistryCredentials credentials) {

    public PushRequest {
        if (credentials == null) {
            throw new IllegalArgumentException("A push needs explicit registry credentials");
        }
        if (repositoryUri == null || !repositoryUri.contains("/")) {
            throw new IllegalArgumentException("Not a repository URI with a registry host: " + repositoryUri);
        }
    }

    /** The registry's host (and port): everything before the first {@code /}. */
    public String registry() {
        return repositoryUri.substring(0, repositoryUri.indexOf('/'));
    }

    /** {@code repositoryUri:tag}. */
    public String reference() {
        return repositoryUri + ":" + tag;
    }
}
