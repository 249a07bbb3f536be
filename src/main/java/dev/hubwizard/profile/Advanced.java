package dev.hubwizard.profile;

/**
 * Settings most users never touch.
 *
 * @param registryEndpoint push here instead of the endpoint ECR returns (empty = ECR's)
 * @param logRetentionDays how long CloudWatch keeps the hub's logs
 */
public record Advanced(String registryEndpoint, int logRetentionDays) {

    public static final Advanced DEFAULT = new Advanced("", 30);

    public Advanced {
        registryEndpoint = registryEndpoint == null ? "" : registryEndpoint.trim();
        logRetentionDays = logRetentionDays == 0 ? 30 : logRetentionDays;
    }
}
