package dev.hubwizard.ui.log;

import dev.hubwizard.engine.LogLevel;
import dev.hubwizard.engine.LogLine;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The log pane's lines: the newest of the tail, changed once per refresh however many lines came. */
class LogBufferTest {

    private final LogTail tail = new LogTail(5);
    private final LogBuffer buffer = new LogBuffer(tail);
    private final AtomicInteger changes = new AtomicInteger();
    /** Held, as the log pane holds it: the read-only view listens to the buffer weakly. */
    private final javafx.collections.ObservableList<LogLine> lines = buffer.lines();

    LogBufferTest() {
        lines.addListener((ListChangeListener<LogLine>) change -> changes.incrementAndGet());
    }

    private void append(int from, int to) {
        IntStream.rangeClosed(from, to).forEach(i -> tail.append(new LogLine(Instant.EPOCH, "build", LogLevel.INFO,
                "line " + i)));
    }

    private java.util.List<String> shown() {
        return lines.stream().map(LogLine::text).toList();
    }

    @Test
    void linesArriveInOrderWithOneChangePerRefresh() {
        append(1, 2);
        buffer.refresh();
        append(3, 4);
        buffer.refresh();
        buffer.refresh(); // nothing new: no change

        assertThat(shown()).containsExactly("line 1", "line 2", "line 3", "line 4");
        assertThat(changes).hasValue(2);
        assertThat(buffer.dropped()).isZero();
    }

    @Test
    void aFloodKeepsTheNewestLinesInOneChangeAndCountsTheRest() {
        append(1, 3);
        buffer.refresh();
        append(4, 6);
        buffer.refresh(); // overflows by one: the oldest goes
        assertThat(shown()).containsExactly("line 2", "line 3", "line 4", "line 5", "line 6");

        append(7, 100);
        buffer.refresh(); // more than the whole window: only the newest five, the rest still in the file

        assertThat(shown()).containsExactly("line 96", "line 97", "line 98", "line 99", "line 100");
        assertThat(changes).as("one change per refresh, never a removal then an addition").hasValue(3);
        assertThat(buffer.dropped()).isEqualTo(95);
    }
}
