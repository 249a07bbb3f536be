package dev.hubwizard.aws;

import dev.hubwizard.engine.StepLog;
import software.amazon.awssdk.services.ecs.model.ServiceEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Streams an ECS service's events into a step's log while something else (the SDK's waiter) blocks:
 * polls on a daemon thread, writes each event once (by id), oldest first. ECS returns the newest
 * events first and keeps only the last hundred, so events seen before the deployment are skipped.
 */
final class ServiceEventLog implements AutoCloseable {

    private final Supplier<List<ServiceEvent>> events;
    private final Set<String> seen;
    private final StepLog log;
    private final ScheduledExecutorService poller;

    /** @param alreadySeen ids of events from before this deployment, not worth repeating */
    ServiceEventLog(Supplier<List<ServiceEvent>> events, Collection<String> alreadySeen, StepLog log) {
        this.events = events;
        this.seen = new HashSet<>(alreadySeen);
        this.log = log;
        this.poller = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "ecs-service-events");
            thread.setDaemon(true);
            return thread;
        });
    }

    ServiceEventLog start(Duration every) {
        poller.scheduleWithFixedDelay(this::poll, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** Logs the events not logged yet. */
    synchronized void poll() {
        List<ServiceEvent> fresh;
        try {
            fresh = events.get().stream().filter(e -> !seen.contains(e.id()))
                    .sorted(Comparator.comparing(e -> e.createdAt() == null ? Instant.EPOCH : e.createdAt()))
                    .toList();
        } catch (RuntimeException e) {
            // A missed poll only delays the events to the next one; the waiter decides success.
            log.debug("Could not read the service's events: " + e.getMessage());
            return;
        }
        for (ServiceEvent event : fresh) {
            seen.add(event.id());
            log.info("ECS: " + event.message());
        }
    }

    /** Stops polling, then logs what arrived since the last poll. */
    @Override
    public void close() {
        poller.shutdownNow();
        try {
            poller.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!Thread.currentThread().isInterrupted()) {
            poll();
        }
    }
}
