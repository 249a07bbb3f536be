package dev.hubwizard.engine;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/** What a step gets to work with: its log, progress, cancellation, the session's values and journal. */
public final class StepContext {

    private final String stepId;
    private final Session session;
    private final Cancellation cancellation;
    private final RunListener listener;
    private final Clock clock;
    private final StepLog log;

    public StepContext(String stepId, Session session, Cancellation cancellation, RunListener listener, Clock clock) {
        this.stepId = stepId;
        this.session = session;
        this.cancellation = cancellation;
        this.listener = listener;
        this.clock = clock;
        this.log = (level, text) -> listener.log(
                new LogLine(clock.instant(), stepId, level, session.redactor().redact(text)));
    }

    /** The run's clock: when something happened, for what must wait on it. */
    public Instant now() {
        return clock.instant();
    }

    public String stepId() {
        return stepId;
    }

    public StepLog log() {
        return log;
    }

    public void progress(Progress progress) {
        listener.progress(stepId, progress);
    }

    public <T> T require(Key<T> key) {
        return session.values().require(key);
    }

    public <T> java.util.Optional<T> get(Key<T> key) {
        return session.values().get(key);
    }

    public <T> void put(Key<T> key, T value) {
        session.values().put(key, value);
    }

    public Journal journal() {
        return session.journal();
    }

    /** Records a resource this step just created, durably, before anything else happens. */
    public ResourceRecord recordCreated(String kind, String id, String name, Map<String, String> attributes) {
        ResourceRecord record = new ResourceRecord(kind, id, name, attributes, stepId, Instant.now(clock));
        session.journal().record(record);
        log.debug("Recorded " + kind + " " + id + " in the journal");
        return record;
    }

    /** Keeps a secret out of every log line from now on. Call before the secret can reach a log. */
    public void secret(String value) {
        session.redactor().register(value);
    }

    public boolean isCancelled() {
        return cancellation.isCancelled();
    }

    public void throwIfCancelled() throws Cancellation.CancelledException {
        cancellation.throwIfCancelled();
    }

    public AutoCloseable onCancel(Runnable hook) {
        return cancellation.onCancel(hook);
    }

    /** Sleeps, but wakes and throws as soon as the run is cancelled. */
    public void pause(java.time.Duration duration) throws Cancellation.CancelledException, InterruptedException {
        long end = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < end) {
            throwIfCancelled();
            Thread.sleep(Math.min(50, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
        }
        throwIfCancelled();
    }
}
