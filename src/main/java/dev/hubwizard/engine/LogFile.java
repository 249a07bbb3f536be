package dev.hubwizard.engine;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The full log of one deploy, on disk: the screen keeps only the newest lines, this file keeps
 * all of them. Lines are queued and written by one daemon thread. The queue is bounded: a step that
 * floods the log waits for the disk rather than piling up lines in memory.
 */
public final class LogFile implements RunListener, AutoCloseable {

    private static final ZoneId ZONE = ZoneId.systemDefault();
    private static final String[] LEVELS =
            java.util.Arrays.stream(LogLevel.values()).map(l -> String.format("%-5s", l)).toArray(String[]::new);
    private static final LogLine END = new LogLine(java.time.Instant.EPOCH, "", LogLevel.DEBUG, "");

    private final Path path;
    private static final int QUEUE_SIZE = 8_192;
    /** A line as {@link #format} writes it: time, level, [step], text. */
    private static final Pattern LINE = Pattern.compile(
            "(\\d\\d:\\d\\d:\\d\\d\\.\\d{3}) (DEBUG|INFO |WARN |ERROR) \\[([^\\]]*)\\] (.*)");

    private final BlockingQueue<LogLine> queue = new LinkedBlockingQueue<>(QUEUE_SIZE);
    private final Thread writer;
    private volatile IOException failure;

    public LogFile(Path path) throws IOException {
        this.path = path;
        Files.createDirectories(path.getParent());
        BufferedWriter out = Files.newBufferedWriter(path, StandardCharsets.UTF_8);
        this.writer = new Thread(() -> drain(out), "log-file-writer");
        writer.setDaemon(true);
        writer.start();
    }

    public Path path() {
        return path;
    }

    @Override
    public void log(LogLine line) {
        enqueue(line);
    }

    private void enqueue(LogLine line) {
        try {
            // Once the writer has failed nothing drains the queue: drop rather than block the step.
            while (failure == null && writer.isAlive()) {
                if (queue.offer(line, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void stateChanged(StepEvent event) {
        if (event.state().isFinished() || event.state() == StepState.RUNNING) {
            enqueue(new LogLine(java.time.Instant.now(), event.stepId(), LogLevel.INFO,
                    "step " + event.state().name().toLowerCase()
                            + (event.state().isFinished() ? " after " + event.elapsed().toMillis() + " ms" : "")));
        }
        if (event.failure() != null) {
            java.io.StringWriter trace = new java.io.StringWriter();
            event.failure().printStackTrace(new java.io.PrintWriter(trace));
            enqueue(new LogLine(java.time.Instant.now(), event.stepId(), LogLevel.DEBUG, trace.toString()));
        }
    }

    /** Writes what is queued and closes the file; waits for the writer. */
    @Override
    public void close() throws IOException {
        enqueue(END);
        try {
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void drain(BufferedWriter out) {
        List<LogLine> batch = new ArrayList<>();
        try (out) {
            while (true) {
                batch.add(queue.take());
                queue.drainTo(batch);
                for (LogLine line : batch) {
                    if (line == END) {
                        out.flush();
                        return;
                    }
                    out.write(format(line));
                    out.newLine();
                }
                batch.clear();
                // Flush when the queue runs dry: cheap under a flood, prompt when lines trickle in.
                if (queue.isEmpty()) {
                    out.flush();
                }
            }
        } catch (IOException e) {
            failure = e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Written by hand rather than with a DateTimeFormatter: under a flood this runs 100,000 times a second. */
    static String format(LogLine line) {
        java.time.LocalTime time = java.time.LocalTime.ofInstant(line.time(), ZONE);
        StringBuilder out = new StringBuilder(line.text().length() + line.stepId().length() + 24);
        twoDigits(out, time.getHour()).append(':');
        twoDigits(out, time.getMinute()).append(':');
        twoDigits(out, time.getSecond()).append('.');
        int millis = time.getNano() / 1_000_000;
        out.append((char) ('0' + millis / 100)).append((char) ('0' + millis / 10 % 10)).append((char) ('0' + millis % 10));
        return out.append(' ').append(LEVELS[line.level().ordinal()]).append(" [").append(line.stepId()).append("] ")
                .append(line.text()).toString();
    }

    /**
     * The newest {@code maxLines} lines of a log file this class wrote, read back for a screen that shows
     * it. A line that does not start like {@link #format} (the rest of a stack trace, a multi-line message)
     * belongs to the line before it. The file only says the time of day: the date is the file's.
     */
    public static Contents read(Path file, int maxLines) throws IOException {
        LocalDate date = LocalDate.ofInstant(Files.getLastModifiedTime(file).toInstant(), ZONE);
        Deque<LogLine> lines = new ArrayDeque<>();
        long skipped = 0;
        LogLine previous = null;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String text = in.readLine(); text != null; text = in.readLine()) {
                Matcher m = LINE.matcher(text);
                LogLine line;
                if (m.matches()) {
                    line = new LogLine(LocalTime.parse(m.group(1)).atDate(date).atZone(ZONE).toInstant(), m.group(3),
                            LogLevel.valueOf(m.group(2).trim()), m.group(4));
                } else if (previous != null) {
                    line = new LogLine(previous.time(), previous.stepId(), previous.level(), text);
                } else {
                    line = new LogLine(Instant.EPOCH, "", LogLevel.INFO, text);
                }
                previous = line;
                lines.addLast(line);
                if (lines.size() > maxLines) {
                    lines.removeFirst();
                    skipped++;
                }
            }
        }
        return new Contents(List.copyOf(lines), skipped);
    }

    /** A log file's lines as read back; {@code skipped} older lines were left out to keep to the limit. */
    public record Contents(List<LogLine> lines, long skipped) {
    }

    private static StringBuilder twoDigits(StringBuilder out, int value) {
        return out.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }
}
