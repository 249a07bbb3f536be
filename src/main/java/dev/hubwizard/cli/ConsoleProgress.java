package dev.hubwizard.cli;

import dev.hubwizard.engine.LogLevel;
import dev.hubwizard.engine.LogLine;
import dev.hubwizard.engine.Progress;
import dev.hubwizard.engine.RunListener;
import dev.hubwizard.engine.StepEvent;
import dev.hubwizard.engine.StepState;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A run's progress as lines on stdout: each step's start and end, its log lines (debug only with
 * {@code --verbose}), and progress at most every few seconds per step so a push does not flood the
 * terminal. Problems go to stderr. Steps run in parallel: every line is prefixed with its step.
 */
final class ConsoleProgress implements RunListener {

    private static final long PROGRESS_EVERY_NANOS = 3_000_000_000L;

    private final PrintStream out;
    private final PrintStream err;
    private final boolean verbose;
    private final Map<String, Long> lastProgress = new ConcurrentHashMap<>();

    ConsoleProgress(PrintStream out, PrintStream err, boolean verbose) {
        this.out = out;
        this.err = err;
        this.verbose = verbose;
    }

    @Override
    public void stateChanged(StepEvent event) {
        switch (event.state()) {
            case RUNNING -> print(out, event.stepId(), "started");
            case DONE -> print(out, event.stepId(), "done in " + seconds(event));
            case FAILED -> print(err, event.stepId(), "FAILED: " + event.problem().text());
            case SKIPPED -> print(out, event.stepId(), "skipped (a step it needs did not finish)");
            case CANCELLED -> print(out, event.stepId(), "cancelled");
            case WAITING -> {
                // Every step starts out waiting; saying so for each would only be noise.
            }
        }
    }

    @Override
    public void log(LogLine line) {
        if (line.level() == LogLevel.DEBUG && !verbose) {
            return;
        }
        // Errors are reported once, by the FAILED state line, on stderr.
        if (line.level() == LogLevel.ERROR) {
            return;
        }
        print(out, line.stepId(), (line.level() == LogLevel.WARN ? "warning: " : "") + line.text());
    }

    @Override
    public void progress(String stepId, Progress progress) {
        long now = System.nanoTime();
        Long last = lastProgress.get(stepId);
        boolean finished = progress.isDeterminate() && progress.done() >= progress.total();
        if (last != null && now - last < PROGRESS_EVERY_NANOS && !finished) {
            return;
        }
        lastProgress.put(stepId, now);
        if (progress.message() != null && !progress.message().isBlank()) {
            print(out, stepId, progress.isDeterminate()
                    ? String.format(Locale.ROOT, "%3.0f%% %s", progress.fraction() * 100, progress.message())
                    : progress.message());
        }
    }

    private static String seconds(StepEvent event) {
        return String.format(Locale.ROOT, "%.1f s", event.elapsed().toMillis() / 1000.0);
    }

    private synchronized void print(PrintStream stream, String stepId, String text) {
        stream.println("[" + stepId + "] " + text);
    }

    static boolean isFailure(StepState state) {
        return state == StepState.FAILED || state == StepState.SKIPPED || state == StepState.CANCELLED;
    }
}
