package dev.hubwizard.profile;

/**
 * Where a profile's hub stands, as far as the app last knew. PAUSED: deployed, and its service set to run no
 * task (recorded once ECS accepted it); a resume or a redeploy makes it DEPLOYED again.
 */
public enum DeploymentStatus {
    NEW, DEPLOYING, DEPLOYED, PAUSED, FAILED, TORN_DOWN
}
