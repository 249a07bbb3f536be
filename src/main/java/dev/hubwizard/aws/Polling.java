package dev.hubwizard.aws;

import dev.hubwizard.engine.Cancellation;
import dev.hubwizard.engine.Problem;
import dev.hubwizard.engine.ProblemException;
import dev.hubwizard.engine.StepContext;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Asking again until something is so, for what the SDK has no waiter for (EFS, ACM's validation
 * record): every {@code every} for at most {@code timeout}, stopping at once on cancel.
 */
final class Polling {

    interface Condition {
        boolean met() throws ProblemException;
    }

    interface Probe<T> {
        Optional<T> look() throws ProblemException;
    }

    private Polling() {
    }

    /** @param what for the message on timeout: "file system fs-1 to become available" */
    static void until(StepContext ctx, String what, Duration timeout, Duration every, Condition condition)
            throws ProblemException, Cancellation.CancelledException, InterruptedException {
        untilFound(ctx, timeout, every, () -> condition.met() ? Optional.of(Boolean.TRUE) : Optional.empty(),
                () -> new ProblemException(new Problem("AWS is slow", "Hub Wizard waited " + timeout.toSeconds()
                        + " s for " + what, "Press Retry: it goes on from where it stopped")));
    }

    /** What {@code probe} finds first; {@code timedOut} says why nothing was found in time. */
    static <T> T untilFound(StepContext ctx, Duration timeout, Duration every, Probe<T> probe,
                            Supplier<ProblemException> timedOut)
            throws ProblemException, Cancellation.CancelledException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<T> found = probe.look();
            if (found.isPresent()) {
                return found.get();
            }
            if (System.nanoTime() - deadline > 0) {
                throw timedOut.get();
            }
            ctx.pause(every);
        }
    }
}
