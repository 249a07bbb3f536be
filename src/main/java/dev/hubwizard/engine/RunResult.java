package dev.hubwizard.engine;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** How each step of a run ended, in plan order. */
public record RunResult(Map<String, StepEvent> outcomes, Duration wallTime) {

    public RunResult {
        outcomes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(outcomes));
    }

    public boolean succeeded() {
        return outcomes.values().stream().allMatch(e -> e.state() == StepState.DONE);
    }

    public boolean cancelled() {
        return outcomes.values().stream().anyMatch(e -> e.state() == StepState.CANCELLED);
    }

    public StepState state(String stepId) {
        return outcomes.get(stepId).state();
    }

    /** The first failure in plan order, for a one-line summary. */
    public Optional<StepEvent> firstFailure() {
        return outcomes.values().stream().filter(e -> e.state() == StepState.FAILED).findFirst();
    }

    /** Sum of the steps' own durations: compared with {@link #wallTime} it shows how much overlapped. */
    public Duration sumOfStepTimes() {
        return outcomes.values().stream().map(StepEvent::elapsed).reduce(Duration.ZERO, Duration::plus);
    }
}
