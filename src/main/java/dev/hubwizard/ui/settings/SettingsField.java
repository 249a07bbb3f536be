package dev.hubwizard.ui.settings;

import java.util.Optional;

/**
 * The settings page's inputs that can be wrong, in the order the page shows them, so that the
 * first problem named is the first one on the page. {@code key} is the profile file's key, which
 * is how {@link dev.hubwizard.profile.ProfileValidator} names the field of each problem.
 */
public enum SettingsField {
    EXPECTED_USERS("hub.expectedUsers", "How many people"),
    INGRESS("network.ingressCidr", "Who may reach the hub"),
    ADMINS("hub.admins", "Admins"),
    ALLOWED_USERS("hub.allowedUsers", "Allowed users"),
    SIGN_IN("hub.signIn", "Sign-in"),
    USER_POOL("hub.cognito.userPoolName", "User pool"),
    DOMAIN_PREFIX("hub.cognito.domainPrefix", "Domain prefix"),
    SERVER_SIZES("servers.sizes", "Server sizes"),
    CULL_IDLE("servers.cullIdleMinutes", "Stop idle servers after"),
    HOURS_PER_WEEK("servers.hoursPerPersonPerWeek", "Hours per person a week"),
    USER_IMAGE("servers.image", "Users' image"),
    AWS_PROFILE("aws.profile", "AWS profile"),
    REGION("aws.region", "Region"),
    REPOSITORY("names.repository", "Repository"),
    CLUSTER("names.cluster", "Cluster"),
    SERVICE("names.service", "Service"),
    TASK_FAMILY("names.taskFamily", "Task family"),
    CPU("task.cpu", "CPU"),
    MEMORY("task.memory", "Memory"),
    VPC_ID("network.vpcId", "VPC"),
    SUBNET_IDS("network.subnetIds", "Subnets"),
    DOMAIN_NAME("options.domainName", "Domain name"),
    IMAGE_FOLDER("hub.imageFolder", "Hub image folder"),
    REGISTRY("advanced.registryEndpoint", "Registry endpoint"),
    LOG_RETENTION("advanced.logRetentionDays", "Log retention"),
    JUPYTERHUB_VERSION("advanced.jupyterhubVersion", "JupyterHub version"),
    LOCAL_PORT("hub.localPort", "Local test port");

    private final String key;
    private final String label;

    SettingsField(String key, String label) {
        this.key = key;
        this.label = label;
    }

    public String key() {
        return key;
    }

    public String label() {
        return label;
    }

    public static Optional<SettingsField> ofKey(String key) {
        for (SettingsField field : values()) {
            if (field.key.equals(key)) {
                return Optional.of(field);
            }
        }
        return Optional.empty();
    }
}
