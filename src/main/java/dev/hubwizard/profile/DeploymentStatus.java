package dev.hubwizard.profile;

/** Where a profile's hub stands, as far as the app last knew. */
public enum DeploymentStatus {
    NEW, DEPLOYING, DEPLOYED, FAILED, TORN_DOWN
}
