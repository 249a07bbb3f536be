package dev.hubwizard.engine;

import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Starts runs of plans on one executor. The app uses a pool of daemon threads so that independent
 * steps overlap; a test can hand in any executor it likes.
 */
public final class Runner implements AutoCloseable {

    private final ExecutorService executor;
    private final Clock clock;

    public Runner(ExecutorService executor, Clock clock) {
        this.executor = executor;
        this.clock = clock;
    }

    /** A runner on a pool of background daemon threads, one per running step. */
    public static Runner withBackgroundThreads() {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory = task -> {
            Thread thread = new Thread(task, "step-pool-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        return new Runner(Executors.newCachedThreadPool(factory), Clock.systemUTC());
    }

    public Run start(Plan plan, Session session, RunListener listener) {
        Run run = new Run(plan, session, executor, listener, clock);
        run.start();
        return run;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
