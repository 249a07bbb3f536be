package dev.hubwizard.ui.log;

import dev.hubwizard.engine.LogLine;

import java.util.ArrayList;
import java.util.List;

/**
 * The newest lines of a log, shared by the step threads that append and the FX thread that shows
 * them. A ring of fixed size: a flood of lines never holds more than {@code capacity} of them in
 * memory here (the log file has all of them), so the FX thread copies at most that many per pass.
 */
public final class LogTail {

    private final LogLine[] ring;
    private long appended;

    public LogTail(int capacity) {
        this.ring = new LogLine[capacity];
    }

    public int capacity() {
        return ring.length;
    }

    public synchronized void append(LogLine line) {
        ring[(int) (appended % ring.length)] = line;
        appended++;
    }

    /**
     * The lines appended after the first {@code seen} ones, oldest first, at most {@code capacity};
     * {@link Since#skipped()} says how many fell out of the ring before they could be shown.
     */
    public synchronized Since since(long seen) {
        long from = Math.max(seen, appended - ring.length);
        List<LogLine> lines = new ArrayList<>((int) (appended - from));
        for (long i = from; i < appended; i++) {
            lines.add(ring[(int) (i % ring.length)]);
        }
        return new Since(lines, appended, from - seen);
    }

    /** @param seen the count to pass next time */
    public record Since(List<LogLine> lines, long seen, long skipped) {
    }
}
