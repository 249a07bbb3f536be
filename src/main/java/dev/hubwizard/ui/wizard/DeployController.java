package dev.hubwizard.ui.wizard;

import dev.hubwizard.engine.LogFile;
import dev.hubwizard.engine.LogLine;
import dev.hubwizard.engine.Plan;
import dev.hubwizard.engine.Preview;
import dev.hubwizard.engine.ProblemException;
import dev.hubwizard.engine.ResourceRecord;
import dev.hubwizard.engine.Values;
import dev.hubwizard.engine.Progress;
import dev.hubwizard.engine.Run;
import dev.hubwizard.engine.RunListener;
import dev.hubwizard.engine.RunResult;
import dev.hubwizard.engine.Session;
import dev.hubwizard.engine.StepEvent;
import dev.hubwizard.engine.StepState;
import dev.hubwizard.ui.UiThreadQueue;
import dev.hubwizard.ui.log.LogBuffer;
import dev.hubwizard.ui.log.LogTail;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Runs the deploy plan's steps for the wizard and mirrors what the engine reports into FX
 * properties: step states, progress and one capped log buffer per step. Engine events cross to the
 * FX thread through one {@link UiThreadQueue}, in the order they happened.
 */
public final class DeployController {

    /** The buffer that shows every step's lines together. */
    public static final String ALL = "*";
    public static final int LOG_CAPACITY = 5_000;

    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final DeploySource source;
    private final Path logDirectory;
    private final String logName;
    private final Map<String, StepState> states = new HashMap<>();
    private final Map<String, LogTail> tails = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, LogBuffer> logs = new HashMap<>();
    private final Map<String, String> logGroups = new java.util.concurrent.ConcurrentHashMap<>();
    /** Set while a "new log lines" notice is on its way to the FX thread: one notice per pass, not per line. */
    private final java.util.concurrent.atomic.AtomicBoolean linesPending = new java.util.concurrent.atomic.AtomicBoolean();
    private final BooleanProperty running = new SimpleBooleanProperty();
    private final ObjectProperty<List<String>> asked = new SimpleObjectProperty<>(List.of());
    private final ObjectProperty<RunResult> lastResult = new SimpleObjectProperty<>();
    private final ObjectProperty<Path> lastLogFile = new SimpleObjectProperty<>();
    private final UiThreadQueue<Object> events = new UiThreadQueue<>(this::apply);
    private final List<Consumer<StepEvent>> stepListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<java.util.function.BiConsumer<String, Progress>> progressListeners =
            new java.util.concurrent.CopyOnWriteArrayList<>();
    private static final java.time.Duration REFRESH_INTERVAL = java.time.Duration.ofMillis(100);
    private long lastRefresh;
    private boolean refreshScheduled;
    private Run current;
    private volatile Session currentSession;
    /** Steps asked for while another run went on: they start when it ends well. FX thread. */
    private final Set<String> pending = new LinkedHashSet<>();

    /**
     * @param source       the profile's session, plan and how runs start; asked on background threads
     * @param logDirectory where each run's full log file goes
     * @param logName      the file name's prefix (the profile's name)
     */
    public DeployController(DeploySource source, Path logDirectory, String logName) {
        this.source = source;
        this.logDirectory = logDirectory;
        this.logName = logName;
    }

    /**
     * Shows the lines of several steps in one buffer: {@code groups} maps a step id to its buffer's
     * name (the wizard groups a page's steps under the page's id). FX thread.
     */
    public void groupLogs(Map<String, String> groups) {
        logGroups.putAll(groups);
    }

    /** The lines of a step, or of a group of steps ({@link #groupLogs}), or of all ({@link #ALL}). FX thread. */
    public LogBuffer log(String name) {
        return logs.computeIfAbsent(name, id -> {
            // Catch up at once: the lines that arrived before anyone looked are in the tail already.
            LogBuffer buffer = new LogBuffer(tail(id));
            buffer.refresh();
            return buffer;
        });
    }

    private LogTail tail(String name) {
        return tails.computeIfAbsent(name, id -> new LogTail(LOG_CAPACITY));
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running;
    }

    /** The steps the run going on was asked for (what they need runs too); empty when nothing runs. FX thread. */
    public ReadOnlyObjectProperty<List<String>> askedProperty() {
        return asked;
    }

    public ObjectProperty<RunResult> lastResultProperty() {
        return lastResult;
    }

    public ObjectProperty<Path> lastLogFileProperty() {
        return lastLogFile;
    }

    public StepState state(String stepId) {
        return states.get(stepId);
    }

    public void onStepEvent(Consumer<StepEvent> listener) {
        stepListeners.add(listener);
    }

    public void onProgress(java.util.function.BiConsumer<String, Progress> listener) {
        progressListeners.add(listener);
    }

    /**
     * Runs these steps and whatever they need that has not run successfully yet. The plan and the
     * session are built on a background thread: building them may touch the disk. Asked while another
     * run goes on (the preflight a page starts on sight, say), the steps run right after it, as one run,
     * unless it fails or is cancelled. FX thread.
     */
    public void run(Collection<String> stepIds) {
        if (running.get()) {
            pending.addAll(stepIds);
            return;
        }
        running.set(true);
        startWithDone(stepIds);
    }

    private void startWithDone(Collection<String> stepIds) {
        asked.set(List.copyOf(stepIds));
        Set<String> done = new LinkedHashSet<>();
        states.forEach((id, state) -> {
            if (state == StepState.DONE) {
                done.add(id);
            }
        });
        List<String> asked = List.copyOf(stepIds);
        Thread starter = new Thread(() -> start(asked, done), "deploy-start");
        starter.setDaemon(true);
        starter.start();
    }

    private void start(Collection<String> stepIds, Set<String> done) {
        try {
            Plan whole = source.plan();
            Set<String> wanted = new LinkedHashSet<>();
            for (String id : stepIds) {
                whole.upTo(id).steps().forEach(s -> wanted.add(s.id()));
            }
            // Steps asked for run again even when done; their dependencies only when not yet done.
            wanted.removeIf(id -> done.contains(id) && !stepIds.contains(id));
            currentSession = source.session();
            LogFile file = new LogFile(logDirectory.resolve(
                    logName + "-" + FILE_TIME.format(LocalDateTime.now()) + ".log"));
            RunListener toUi = new RunListener() {
                @Override
                public void stateChanged(StepEvent event) {
                    events.offer(event);
                }

                @Override
                public void log(LogLine line) {
                    tail(logGroups.getOrDefault(line.stepId(), line.stepId())).append(line);
                    tail(ALL).append(line);
                    if (linesPending.compareAndSet(false, true)) {
                        events.offer(LINES);
                    }
                }

                @Override
                public void progress(String stepId, Progress progress) {
                    events.offer(new ProgressEvent(stepId, progress));
                }

                @Override
                public void finished(RunResult result) {
                    try {
                        file.close();
                    } catch (IOException ignored) {
                        // The run itself is over; a log file that failed to close loses nothing on screen.
                    }
                    events.offer(result);
                }
            };
            events.offer(file.path());
            Run run = source.start(whole.only(wanted), RunListener.all(file, toUi));
            synchronized (this) {
                current = run;
            }
        } catch (Exception e) {
            // Nothing ran: report it as the first asked-for step failing, so the page shows what, why and
            // what next, with Retry, like any other failure.
            String stepId = stepIds.iterator().next();
            dev.hubwizard.engine.Problem problem = ProblemException.of(e);
            tail(logGroups.getOrDefault(stepId, stepId)).append(new LogLine(java.time.Instant.now(), stepId, dev.hubwizard.engine.LogLevel.ERROR,
                    "Could not start: " + problem.text()));
            events.offer(LINES);
            StepEvent failed = new StepEvent(stepId, dev.hubwizard.engine.StepState.FAILED, java.time.Duration.ZERO,
                    problem, e);
            events.offer(failed);
            events.offer(new RunResult(Map.of(stepId, failed), java.time.Duration.ZERO));
        }
    }

    /**
     * Forgets what ran: the profile changed, so every step must look again. The log stays. FX thread;
     * not while a run is going.
     */
    public void forget() {
        states.clear();
        currentSession = null;
    }

    /** What the journal of the last run's session records as existing; empty before the first run. FX thread. */
    public List<ResourceRecord> recorded() {
        Session s = currentSession;
        return s == null ? List.of() : s.journal().all();
    }

    /** The values the steps of this session handed on, once a run has started. */
    public Optional<Values> values() {
        Session s = currentSession;
        return s == null ? Optional.empty() : Optional.of(s.values());
    }

    /**
     * What the whole plan would do, asked of each step in the background; {@code onDone} gets the
     * answer on the FX thread.
     */
    public void preview(Consumer<List<Preview.StepPreview>> onDone) {
        Thread worker = new Thread(() -> {
            List<Preview.StepPreview> previews;
            try {
                Session s = source.session();
                currentSession = s;
                previews = Preview.of(source.plan(), s, RunListener.all());
            } catch (Exception e) {
                previews = List.of(new Preview.StepPreview("plan", "Plan", List.of(), ProblemException.of(e)));
            }
            List<Preview.StepPreview> answer = previews;
            javafx.application.Platform.runLater(() -> onDone.accept(answer));
        }, "plan-preview");
        worker.setDaemon(true);
        worker.start();
    }

    public synchronized void cancel() {
        if (current != null) {
            current.cancel();
        }
    }

    private void apply(List<Object> batch) {
        for (Object event : batch) {
            if (event == LINES) {
                refreshLogsSoon();
            } else if (event instanceof StepEvent step) {
                states.put(step.stepId(), step.state());
                stepListeners.forEach(l -> l.accept(step));
            } else if (event instanceof ProgressEvent p) {
                progressListeners.forEach(l -> l.accept(p.stepId(), p.progress()));
            } else if (event instanceof Path file) {
                lastLogFile.set(file);
            } else if (event instanceof RunResult result) {
                refreshLogs();
                synchronized (this) {
                    current = null;
                }
                if (!pending.isEmpty() && result.succeeded()) {
                    List<String> next = List.copyOf(pending);
                    pending.clear();
                    startWithDone(next);
                    continue;
                }
                pending.clear();
                asked.set(List.of());
                running.set(false);
                lastResult.set(result);
            }
        }
    }

    /**
     * Shows new lines at most {@link #REFRESH_INTERVAL} after the previous refresh: ten times a second
     * is as fast as anyone reads, and under a flood each refresh re-lays out the visible cells.
     */
    private void refreshLogsSoon() {
        long now = System.nanoTime();
        long wait = lastRefresh + REFRESH_INTERVAL.toNanos() - now;
        if (wait <= 0) {
            refreshLogs();
        } else if (!refreshScheduled) {
            refreshScheduled = true;
            javafx.animation.PauseTransition delay =
                    new javafx.animation.PauseTransition(javafx.util.Duration.millis(wait / 1e6));
            delay.setOnFinished(e -> refreshLogs());
            delay.play();
        }
    }

    private void refreshLogs() {
        // Clear first: lines appended while we refresh send a new notice rather than wait.
        linesPending.set(false);
        refreshScheduled = false;
        lastRefresh = System.nanoTime();
        logs.values().forEach(LogBuffer::refresh);
    }

    private record ProgressEvent(String stepId, Progress progress) {
    }

    /** The notice that log tails have new lines. */
    private static final Object LINES = new Object();
}
