package dev.hubwizard.ui;

import javafx.application.Platform;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Runs slow work (disk, network) off the FX thread and hands the result back on it. One instance
 * for the app; view models get it through their constructor, so a test can pass
 * {@link #onCallingThread()} and check a command's effect right after calling it.
 */
public final class BackgroundWork {

    /** Work that may throw; its result goes to the success handler. */
    @FunctionalInterface
    public interface Job<T> {
        T call() throws Exception;
    }

    private final Executor executor;
    private final Consumer<Runnable> fxThread;

    /**
     * @param executor where jobs run
     * @param fxThread how results reach the FX thread
     */
    public BackgroundWork(Executor executor, Consumer<Runnable> fxThread) {
        this.executor = executor;
        this.fxThread = fxThread;
    }

    /** A small pool of daemon threads: the app may exit while a lookup still waits for the network. */
    public static BackgroundWork daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        ExecutorService pool = Executors.newCachedThreadPool(work -> {
            Thread thread = new Thread(work, "background-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        return new BackgroundWork(pool, Platform::runLater);
    }

    /** Runs jobs and their handlers at once on the caller's thread: for view-model tests. */
    public static BackgroundWork onCallingThread() {
        return new BackgroundWork(Runnable::run, Runnable::run);
    }

    /** Runs {@code action} on the FX thread (at once with {@link #onCallingThread()}): for news from a job. */
    public void onUiThread(Runnable action) {
        fxThread.accept(action);
    }

    /** Runs {@code job} in the background, then exactly one of the handlers on the FX thread. */
    public <T> void run(Job<T> job, Consumer<? super T> onSuccess, Consumer<? super Exception> onFailure) {
        executor.execute(() -> {
            try {
                T result = job.call();
                fxThread.accept(() -> onSuccess.accept(result));
            } catch (Exception e) {
                fxThread.accept(() -> onFailure.accept(e));
            }
        });
    }
}
