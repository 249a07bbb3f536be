package dev.hubwizard.engine;

import java.util.List;
import java.util.Set;

/**
 * One unit of a deploy: build the image, create the repository, register a task definition...
 * A step must be idempotent (find before create, through the journal first) so that a plan can be
 * re-run after a crash or a cancel and end with the same resources as an uninterrupted run.
 */
public interface Step {

    /** Stable identifier, used for dependencies, the journal's {@code createdBy} and log files. */
    String id();

    /** What the user reads in the step list. */
    String title();

    /** Ids of the steps that must be done before this one starts. */
    default Set<String> dependsOn() {
        return Set.of();
    }

    /** Does the work. Throws to fail; should return promptly once {@link StepContext#isCancelled()}. */
    void run(StepContext context) throws Exception;

    /**
     * What {@link #run} would change, without changing anything: the plan page shows this list,
     * so it comes from the step itself rather than from a second copy of its logic.
     */
    default List<Intent> preview(StepContext context) throws Exception {
        return List.of(Intent.run(title()));
    }

    /** The same step with other dependencies: a plan adds some (run after preflight) or drops some. */
    static Step withDependencies(Step step, Set<String> dependsOn) {
        Step inner = step instanceof Rewired rewired ? rewired.step() : step;
        return new Rewired(inner, Set.copyOf(dependsOn));
    }

    /** What {@link #withDependencies} makes: the step itself, with other dependencies. */
    record Rewired(Step step, Set<String> dependsOn) implements Step {
        @Override
        public String id() {
            return step.id();
        }

        @Override
        public String title() {
            return step.title();
        }

        @Override
        public void run(StepContext context) throws Exception {
            step.run(context);
        }

        @Override
        public List<Intent> preview(StepContext context) throws Exception {
            return step.preview(context);
        }
    }
}
