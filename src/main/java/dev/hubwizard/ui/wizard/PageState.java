package dev.hubwizard.ui.wizard;

import dev.hubwizard.engine.StepState;

import java.util.Collection;

/** A wizard page's state as the step list shows it: its steps' states folded into one. */
public enum PageState {
    IDLE, WAITING, RUNNING, DONE, FAILED, SKIPPED, CANCELLED;

    /** Running wins, then failed, cancelled, skipped; done only when every step is done. */
    public static PageState of(Collection<StepState> states) {
        if (states.isEmpty()) {
            return IDLE;
        }
        if (states.contains(StepState.RUNNING)) {
            return RUNNING;
        }
        if (states.contains(StepState.FAILED)) {
            return FAILED;
        }
        if (states.contains(StepState.CANCELLED)) {
            return CANCELLED;
        }
        if (states.contains(StepState.SKIPPED)) {
            return SKIPPED;
        }
        if (states.stream().allMatch(s -> s == StepState.DONE)) {
            return DONE;
        }
        // Some steps done, the rest waiting for others: waiting, not running.
        return WAITING;
    }

    public String label() {
        return switch (this) {
            case IDLE -> "Not run yet";
            case WAITING -> "Waiting";
            case RUNNING -> "Running";
            case DONE -> "Done";
            case FAILED -> "Failed";
            case SKIPPED -> "Skipped";
            case CANCELLED -> "Cancelled";
        };
    }
}
