package dev.hubwizard.engine;

import java.time.Duration;

/**
 * A step changed state.
 *
 * @param elapsed time since the step started running (zero before it ran)
 * @param problem why it failed, when it did; otherwise null
 * @param failure the exception behind {@code problem}, for "Show details"; otherwise null
 */
public record StepEvent(String stepId, StepState state, Duration elapsed, Problem problem, Throwable failure) {
}
