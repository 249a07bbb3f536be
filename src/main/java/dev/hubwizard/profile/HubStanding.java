package dev.hubwizard.profile;

/**
 * Where a hub stands, read from its recorded status together with its journal: a deploy that stopped
 * half-way (the window closed, it was cancelled, or it failed before the hub first ran) has left resources
 * in AWS, and must not read like a hub that never created anything.
 */
public enum HubStanding {
    /** Nothing was ever created in AWS (a preflight or a build alone do not count). */
    NOT_DEPLOYED,
    /** A deploy created resources but the hub never ran: it can be resumed or torn down. */
    INTERRUPTED,
    DEPLOYED,
    /** Deployed, and paused: its service runs no task until resumed. */
    PAUSED,
    /** The hub ran once; the last deploy since then stopped with an error. */
    LAST_DEPLOY_FAILED,
    TORN_DOWN;

    public static HubStanding of(DeploymentState deployment) {
        return switch (deployment.status()) {
            case DEPLOYED -> DEPLOYED;
            case PAUSED -> PAUSED;
            case TORN_DOWN -> TORN_DOWN;
            case DEPLOYING -> deployment.resources().isEmpty() ? NOT_DEPLOYED : INTERRUPTED;
            case NEW, FAILED -> {
                if (deployment.resources().isEmpty()) {
                    yield deployment.deployedAt() == null ? NOT_DEPLOYED : LAST_DEPLOY_FAILED;
                }
                yield deployment.deployedAt() == null ? INTERRUPTED : LAST_DEPLOY_FAILED;
            }
        };
    }

    /** Whether a hub, or part of one, is in AWS to deploy again. */
    public boolean canRedeploy() {
        return this == DEPLOYED || this == PAUSED || this == INTERRUPTED || this == LAST_DEPLOY_FAILED;
    }
}
