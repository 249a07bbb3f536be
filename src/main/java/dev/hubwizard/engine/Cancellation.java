package dev.hubwizard.engine;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The cancel signal of one run. Steps poll it between units of work and register hooks that abort
 * what polling cannot reach (a blocking build stream, an HTTP wait).
 */
public final class Cancellation {

    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final List<Runnable> hooks = new CopyOnWriteArrayList<>();

    public boolean isCancelled() {
        return cancelled.get();
    }

    public void throwIfCancelled() throws CancelledException {
        if (isCancelled()) {
            throw new CancelledException();
        }
    }

    /** Runs {@code hook} on cancel, or at once if the run is already cancelled. */
    public AutoCloseable onCancel(Runnable hook) {
        hooks.add(hook);
        if (isCancelled()) {
            runQuietly(hook);
        }
        return () -> hooks.remove(hook);
    }

    void cancel() {
        if (cancelled.compareAndSet(false, true)) {
            hooks.forEach(Cancellation::runQuietly);
        }
    }

    private static void runQuietly(Runnable hook) {
        try {
            hook.run();
        } catch (RuntimeException ignored) {
            // A hook that fails to abort its work must not stop the others from aborting theirs.
        }
    }

    /** Thrown by a step that stopped because the run was cancelled. */
    public static final class CancelledException extends Exception {
        public CancelledException() {
            super("Cancelled");
        }
    }
}
