package dev.hubwizard.operate;

/** Where a deployed hub stands in AWS right now, as the start screen and {@code hubwizard status} say it. */
public enum LiveState {
    /** Its task runs and {@code /hub/health} answers. */
    ANSWERING("Running"),
    /** ECS is starting its task, or the hub inside it is not answering yet. */
    STARTING("Starting"),
    /** Paused: the service runs no task. */
    PAUSED("Paused"),
    /** Being paused: the service runs no task, and ECS is still stopping the last one. */
    PAUSING("Pausing"),
    /** Its task stopped although the service wants one; ECS's reason says why. */
    STOPPED_UNEXPECTEDLY("Stopped unexpectedly"),
    /** Its task runs, but the hub does not answer at its address from this computer. */
    UNREACHABLE("Not answering"),
    /** Its service or cluster was deleted outside the app. */
    GONE("Deleted outside Hub Wizard"),
    /** It has no service in AWS: never deployed, torn down, or its deploy stopped before the service. */
    NOT_IN_AWS("Not in AWS"),
    /** AWS could not be asked: no credentials, no network, no permission. */
    UNKNOWN("Cannot check");

    private final String words;

    LiveState(String words) {
        this.words = words;
    }

    /** What the list shows: "Running", "Paused", "Stopped unexpectedly", … */
    public String words() {
        return words;
    }
}
