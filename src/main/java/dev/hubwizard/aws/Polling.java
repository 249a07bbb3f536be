package dev.hubwizard.aws;

import dev.hubwizard.engine.Cancellation;
import dev.hubwizard.engine.Problem;
import dev.hubwizard.engine.ProblemException;
import dev.hubwizard.engine.StepContext;

import java.time.Duration;

/**
 * Asking again until something is so, for the few AWS services whose SDK has no waiters (EFS): every
 * {@code every} for at most {@code timeout}, stopping at once on cancel.
 */
final class Polling {

    interface Condition {
        boolean met() throws ProblemException;
    }

    private Polling() {
    }

    /** @param what for the message on timeout: "file system fs-1 to become available" */
    static void until(StepContext ctx, String what, Duration timeout, Duration every, Condition condition)
            throws ProblemException, Cancellation.CancelledException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.met()) {
            if (System.nanoTime() - deadline > 0) {
                throw new ProblemException(new Problem("AWS is slow", "Hub Wizard waited " + timeout.toSeconds()
                        + " s for " + what, "Press Retry: it goes on from where it stopped"));
            }
            ctx.pause(every);
        }
    }
}
