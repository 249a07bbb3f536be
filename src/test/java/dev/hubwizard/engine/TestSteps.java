package dev.hubwizard.engine;

import java.util.List;
import java.util.Set;

/** Small steps for engine tests. */
final class TestSteps {

    private TestSteps() {
    }

    interface Body {
        void run(StepContext context) throws Exception;
    }

    record Simple(String id, Set<String> dependsOn, Body body) implements Step {
        @Override
        public String title() {
            return "Step " + id;
        }

        @Override
        public void run(StepContext context) throws Exception {
            body.run(context);
        }

        @Override
        public List<Intent> preview(StepContext context) {
            return List.of(Intent.create("thing", id, ""));
        }
    }

    static Step step(String id, Body body, String... dependsOn) {
        return new Simple(id, Set.of(dependsOn), body);
    }

    static Step noop(String id, String... dependsOn) {
        return step(id, context -> context.log().info(id + " ran"), dependsOn);
    }
}
