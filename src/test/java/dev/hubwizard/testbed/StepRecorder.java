package dev.hubwizard.testbed;

import dev.hubwizard.engine.Cancellation;
import dev.hubwizard.engine.Journal;
import dev.hubwizard.engine.JournalStore;
import dev.hubwizard.engine.LogLine;
import dev.hubwizard.engine.Progress;
import dev.hubwizard.engine.RunListener;
import dev.hubwizard.engine.Session;
import dev.hubwizard.engine.StepContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Everything steps report, kept for assertions; hands out step contexts over one in-memory session. */
public final class StepRecorder implements RunListener {

    private final List<LogLine> lines = new CopyOnWriteArrayList<>();
    private final List<Progress> progress = new CopyOnWriteArrayList<>();
    private final Session session;

    public StepRecorder() {
        try {
            session = new Session(new Journal(JournalStore.inMemory()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public StepContext context(String stepId) {
        return new StepContext(stepId, session, new Cancellation(), this, Clock.systemUTC());
    }

    public Session session() {
        return session;
    }

    /** The log so far, one string per line, already through the session's redactor. */
    public List<String> text() {
        return lines.stream().map(LogLine::text).toList();
    }

    public List<Progress> progress() {
        return List.copyOf(progress);
    }

    @Override
    public void log(LogLine line) {
        lines.add(line);
    }

    @Override
    public void progress(String stepId, Progress value) {
        progress.add(value);
    }
}
