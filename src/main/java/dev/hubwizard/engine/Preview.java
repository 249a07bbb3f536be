package dev.hubwizard.engine;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * What a plan would do, step by step, without doing it: each step's own {@link Step#preview}, so the
 * plan page and {@code hubwizard teardown} show what the engine will really do. Read-only; runs on the
 * calling thread (a background one: previews ask AWS).
 */
public final class Preview {

    /**
     * One step's preview.
     *
     * @param problem why the step could not say (no credentials, say); null when it could
     */
    public record StepPreview(String stepId, String title, List<Intent> intents, Problem problem) {
        public StepPreview {
            intents = List.copyOf(intents);
        }
    }

    private Preview() {
    }

    public static List<StepPreview> of(Plan plan, Session session, RunListener listener) {
        Cancellation never = new Cancellation();
        List<StepPreview> result = new ArrayList<>();
        for (Step step : plan.steps()) {
            StepContext context = new StepContext(step.id(), session, never, listener, Clock.systemUTC());
            try {
                result.add(new StepPreview(step.id(), step.title(), step.preview(context), null));
            } catch (Exception e) {
                result.add(new StepPreview(step.id(), step.title(), List.of(), ProblemException.of(e)));
            }
        }
        return result;
    }
}
