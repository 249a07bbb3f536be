package dev.hubwizard.profile;

/**
 * Settings most users never touch.
 *
 * @param registryEndpoint push here instead of the endpoint ECR returns (empty = ECR's)
 * @param logRetentionDays how long CloudWatch keeps the hub's logs
 * @param baseImage        build the hub image on this base instead of the Dockerfile's pinned default
 *                         (empty = the default); for mirrors and for the offline test bed
 */
public record Advanced(String registryEndpoint, int logRetentionDays, String baseImage) {

    public static final Advanced DEFAULT = new Advanced("", 30, "");

    public Advanced {
        registryEndpoint = registryEndpoint == null ? "" : registryEndpoint.trim();
        logRetentionDays = logRetentionDays == 0 ? 30 : logRetentionDays;
        baseImage = baseImage == null ? "" : baseImage.trim();
    }
}
