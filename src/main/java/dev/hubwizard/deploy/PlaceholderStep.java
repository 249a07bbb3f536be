package dev.hubwizard.deploy;

import dev.hubwizard.engine.Progress;
import dev.hubwizard.engine.Step;
import dev.hubwizard.engine.StepContext;

import java.time.Duration;
import java.util.Set;

/** A step that is not built yet: says what it will do, shows progress, and waits a moment. */
public record PlaceholderStep(String id, String title, Set<String> dependsOn, String what) implements Step {

    private static final int TICKS = 10;

    @Override
    public void run(StepContext context) throws Exception {
        context.log().info(what);
        for (int i = 1; i <= TICKS; i++) {
            context.pause(Duration.ofMillis(80));
            context.progress(new Progress(i, TICKS, title + ": " + i * 100 / TICKS + " %"));
        }
        context.log().info(title + ": done (placeholder)");
    }
}
