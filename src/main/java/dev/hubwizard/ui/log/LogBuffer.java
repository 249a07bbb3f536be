package dev.hubwizard.ui.log;

import dev.hubwizard.engine.LogLine;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.List;

/**
 * The lines a log pane shows: the newest {@code capacity} lines of a {@link LogTail} (the full log is
 * on disk). FX thread only. A refresh changes the list once (an append, or under a flood the whole
 * window replaced), so the list view re-lays out once per refresh, not once per line.
 */
public final class LogBuffer {

    private final LogTail tail;
    private final ObservableList<LogLine> lines = FXCollections.observableArrayList();
    private long seen;
    private long dropped;

    public LogBuffer(LogTail tail) {
        this.tail = tail;
    }

    public ObservableList<LogLine> lines() {
        return FXCollections.unmodifiableObservableList(lines);
    }

    /** How many lines scrolled out of the buffer so far (they are still in the log file). */
    public long dropped() {
        return dropped;
    }

    /** Shows what the tail gained since the last refresh. */
    public void refresh() {
        LogTail.Since since = tail.since(seen);
        seen = since.seen();
        dropped += since.skipped();
        List<LogLine> added = since.lines();
        if (added.isEmpty()) {
            return;
        }
        int overflow = lines.size() + added.size() - tail.capacity();
        if (overflow <= 0) {
            lines.addAll(added);
            return;
        }
        // One change, not a removal and then an addition: the list view lays out once per change, and
        // under a flood every refresh overflows.
        List<LogLine> next = new ArrayList<>(tail.capacity());
        next.addAll(lines.subList(Math.min(overflow, lines.size()), lines.size()));
        next.addAll(added);
        lines.setAll(next);
        dropped += overflow;
    }
}
