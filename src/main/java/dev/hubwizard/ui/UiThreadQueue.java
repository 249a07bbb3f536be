package dev.hubwizard.ui;

import javafx.application.Platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The one hand-over from background threads to the FX thread. Items offered from any thread are
 * delivered to the consumer on the FX thread in batches: at most one {@code runLater} is pending at a
 * time, however many items arrive, so a flood of log lines costs a few passes, not one per line. A
 * pass takes at most {@link #MAX_BATCH} items and then yields, so that a producer faster than the FX
 * thread cannot keep it draining: the screen keeps repainting between passes.
 */
public final class UiThreadQueue<T> {

    static final int MAX_BATCH = 4_000;

    private final Queue<T> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Consumer<List<T>> consumer;
    private final Consumer<Runnable> fxThread;

    public UiThreadQueue(Consumer<List<T>> consumer) {
        this(consumer, Platform::runLater);
    }

    /** @param fxThread how to reach the FX thread; tests may pass a direct executor */
    public UiThreadQueue(Consumer<List<T>> consumer, Consumer<Runnable> fxThread) {
        this.consumer = consumer;
        this.fxThread = fxThread;
    }

    public void offer(T item) {
        queue.add(item);
        if (scheduled.compareAndSet(false, true)) {
            fxThread.accept(this::drain);
        }
    }

    private void drain() {
        // Clear the flag first: an item offered while we drain schedules another pass instead of waiting.
        scheduled.set(false);
        List<T> batch = new ArrayList<>();
        for (T item = queue.poll(); item != null; item = batch.size() < MAX_BATCH ? queue.poll() : null) {
            batch.add(item);
        }
        if (!queue.isEmpty() && scheduled.compareAndSet(false, true)) {
            fxThread.accept(this::drain);
        }
        if (!batch.isEmpty()) {
            consumer.accept(batch);
        }
    }
}
