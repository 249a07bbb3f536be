package dev.hubwizard.profile;

/**
 * Settings most users never touch.
 *
 * @param registryEndpoint  push here instead of the endpoint ECR returns (empty = ECR's)
 * @param logRetentionDays  how long CloudWatch keeps the hub's logs
 * @param baseImage         build the hub image on this image instead of the official one of
 *                          {@code jupyterhubVersion} (empty = the official one); for a mirror of it
 * @param jupyterhubVersion the JupyterHub version the hub runs: the official base image's tag
 */
public record Advanced(String registryEndpoint, int logRetentionDays, String baseImage, String jupyterhubVersion) {

    public static final Advanced DEFAULT = new Advanced("", 30, "", JupyterHubVersion.PINNED);

    public Advanced {
        registryEndpoint = registryEndpoint == null ? "" : registryEndpoint.trim();
        logRetentionDays = logRetentionDays == 0 ? 30 : logRetentionDays;
        baseImage = baseImage == null ? "" : baseImage.trim();
        jupyterhubVersion = jupyterhubVersion == null || jupyterhubVersion.isBlank() ? JupyterHubVersion.PINNED
                : jupyterhubVersion.trim();
    }

    /** With the pinned JupyterHub version. */
    public Advanced(String registryEndpoint, int logRetentionDays, String baseImage) {
        this(registryEndpoint, logRetentionDays, baseImage, JupyterHubVersion.PINNED);
    }

    public Advanced withJupyterhubVersion(String version) {
        return new Advanced(registryEndpoint, logRetentionDays, baseImage, version);
    }

    /** The image the hub image is built on: the base image when one is set, else the official one. */
    public String baseImageReference() {
        return baseImage.isEmpty() ? JupyterHubVersion.officialImage(jupyterhubVersion) : baseImage;
    }
}
