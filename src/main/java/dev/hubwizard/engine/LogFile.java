package dev.hubwizard.engine;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The full log of one deploy, on disk: the screen keeps only the newest lines, this file keeps
 * all of them. Lines are queued and written by one daemon thread, so a step never waits on the disk.
 */
public final class LogFile implements RunListener, AutoCloseable {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());
    private static final LogLine END = new LogLine(java.time.Instant.EPOCH, "", LogLevel.DEBUG, "");

    private final Path path;
    private final BlockingQueue<LogLine> queue = new LinkedBlockingQueue<>();
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
        queue.add(line);
    }

    @Override
    public void stateChanged(StepEvent event) {
        if (event.state().isFinished() || event.state() == StepState.RUNNING) {
            queue.add(new LogLine(java.time.Instant.now(), event.stepId(), LogLevel.INFO,
                    "step " + event.state().name().toLowerCase()
                            + (event.state().isFinished() ? " after " + event.elapsed().toMillis() + " ms" : "")));
        }
        if (event.failure() != null) {
            java.io.StringWriter trace = new java.io.StringWriter();
            event.failure().printStackTrace(new java.io.PrintWriter(trace));
            queue.add(new LogLine(java.time.Instant.now(), event.stepId(), LogLevel.DEBUG, trace.toString()));
        }
    }

    /** Writes what is queued and closes the file; waits for the writer. */
    @Override
    public void close() throws IOException {
        queue.add(END);
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

    static String format(LogLine line) {
        return TIME.format(line.time()) + " " + String.format("%-5s", line.level()) + " [" + line.stepId() + "] "
                + line.text();
    }
}
