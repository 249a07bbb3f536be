package dev.hubwizard.profile;

/** Where the users' notebook servers run. */
public enum ServerPlacement {
    /** Inside the hub's own task, beside the hub: today's behaviour, the simplest for a few light users. */
    HUB,
    /** Each person's server in its own Fargate task, sized per person, started on demand and culled when idle. */
    FARGATE
}
