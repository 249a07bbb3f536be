package dev.hubwizard.engine;

/** Where a step of a run stands. */
public enum StepState {
    WAITING, RUNNING, DONE, FAILED, SKIPPED, CANCELLED;

    public boolean isFinished() {
        return this == DONE || this == FAILED || this == SKIPPED || this == CANCELLED;
    }
}
