package dev.hubwizard.docker;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Frame;
import dev.hubwizard.engine.Cancellation;
import dev.hubwizard.engine.ProblemException;
import dev.hubwizard.engine.Progress;
import dev.hubwizard.engine.StepContext;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A hub running in a local container. {@link #close()} stops and removes the container, whatever
 * happened before: success, failure or cancel.
 */
public final class LocalHub implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(250);
    private static final int LOG_LINES = 20;
    /** The hub's log kept in memory for messages; a local test's hub writes a few hundred lines. */
    private static final int KEPT_LINES = 5_000;
    /** configurable-http-proxy colours its log; the log pane and messages want plain text. */
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;]*m");

    private final String containerId;
    private final LocalRun run;
    private final URI url;
    private final DockerClients docker;
    private final LiveContainers live;
    private final HttpClient http;
    private final long startedNanos = System.nanoTime();
    /** The followed log's lines, and how many were dropped from its front to keep it bounded. */
    private final Deque<String> log = new ArrayDeque<>();
    private long dropped;
    private ResultCallback.Adapter<Frame> logFollower;

    LocalHub(String containerId, LocalRun run, URI url, DockerClients docker, LiveContainers live, HttpClient http) {
        this.containerId = containerId;
        this.run = run;
        this.url = url;
        this.docker = docker;
        this.live = live;
        this.http = http;
    }

    /**
     * The same address as {@link #url()} on 127.0.0.1, for this app's own requests: the hub listens on IPv4,
     * and {@code localhost} may resolve to ::1 first.
     */
    public URI loopbackUrl() {
        return URI.create("http://127.0.0.1:" + run.port() + "/");
    }

    /** How long ago the container was started: the clock of the local test's checks. */
    public Duration sinceStart() {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    /** The position in the hub's log now, for {@link #logSince}. */
    public synchronized long logMark() {
        return dropped + log.size();
    }

    /** The hub's log as kept (all of it for a local test); {@link #logMark()} counts into it from 0. */
    public synchronized List<String> log() {
        return List.copyOf(log);
    }

    /** Where {@code mark} falls in {@link #log()}. */
    public synchronized int logIndex(long mark) {
        return (int) Math.max(0, Math.min(log.size(), mark - dropped));
    }

    private synchronized void keep(String line) {
        log.addLast(line);
        if (log.size() > KEPT_LINES) {
            log.removeFirst();
            dropped++;
        }
    }

    public String containerId() {
        return containerId;
    }

    /** Where a person opens the hub: {@code http://localhost:PORT/}. */
    public URI url() {
        return url;
    }

    /**
     * Polls {@code /hub/health} until it answers 200, showing the elapsed time as progress.
     *
     * @return how long the hub took to become healthy
     * @throws ProblemException when the container exits first (exit code and log) or time runs out
     */
    public Duration awaitHealthy(Duration timeout, StepContext context)
            throws ProblemException, Cancellation.CancelledException, InterruptedException {
        // 127.0.0.1, not localhost: the hub listens on IPv4, and localhost may resolve to ::1 first.
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + run.port() + "/hub/health"))
                .timeout(Duration.ofSeconds(2)).GET().build();
        long started = System.nanoTime();
        while (true) {
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            context.throwIfCancelled();
            InspectContainerResponse.ContainerState state = inspect().getState();
            if (!Boolean.TRUE.equals(state.getRunning())) {
                throw new ProblemException("The hub stopped during the local test",
                        "its container exited with code " + state.getExitCodeLong()
                                + (Boolean.TRUE.equals(state.getOOMKilled()) ? " (out of memory)" : "")
                                + ". Its last log lines:\n" + lastLogLines(),
                        "Fix what the log shows (often a user name or the image folder), then build and test again");
            }
            if (answers(health)) {
                context.progress(new Progress(1, 1, "The hub answers at " + url + " (after " + seconds(elapsed) + ")"));
                return elapsed;
            }
            if (elapsed.compareTo(timeout) > 0) {
                throw new ProblemException("The hub did not answer within " + seconds(timeout),
                        url + "hub/health never answered 200. Its last log lines:\n" + lastLogLines(),
                        "Open the log, fix the cause, then press Retry");
            }
            context.progress(Progress.indeterminate("Waiting for the hub at " + url + ": " + seconds(elapsed)));
            context.pause(POLL);
        }
    }

    /** The container's latest log lines, for messages. */
    public String lastLogLines() {
        List<String> lines = new ArrayList<>();
        ResultCallback.Adapter<Frame> collector = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Frame frame) {
                lines.addAll(linesOf(frame));
            }
        };
        try {
            docker.client().logContainerCmd(containerId).withStdOut(true).withStdErr(true).withTail(LOG_LINES)
                    .exec(collector).awaitCompletion(5, TimeUnit.SECONDS);
        } catch (RuntimeException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            lines.add("(the log could not be read: " + e.getMessage() + ")");
        }
        return String.join("\n", lines);
    }

    /**
     * Streams the hub's log into the step's log while it runs (at debug level: the wizard's log pane shows
     * it, the CLI with --verbose) and keeps it for the local test's messages.
     */
    void followLog(StepContext context) {
        logFollower = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Frame frame) {
                for (String line : linesOf(frame)) {
                    keep(line);
                    context.log().debug("hub | " + line);
                }
            }
        };
        docker.client().logContainerCmd(containerId).withStdOut(true).withStdErr(true).withFollowStream(true)
                .exec(logFollower);
    }

    /** Stops and removes the container (see {@link LiveContainers#remove} on interrupts). */
    @Override
    public void close() {
        try {
            if (logFollower != null) {
                logFollower.close();
            }
        } catch (IOException ignored) {
            // The container is about to go, and its log stream with it.
        } finally {
            live.remove(containerId);
        }
    }

    private InspectContainerResponse inspect() throws ProblemException {
        try {
            return docker.client().inspectContainerCmd(containerId).exec();
        } catch (RuntimeException e) {
            throw DockerProblems.of(e, docker.dockerHost(), "check the hub's container");
        }
    }

    private boolean answers(HttpRequest health) throws InterruptedException {
        try {
            return http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        }
    }

    private static List<String> linesOf(Frame frame) {
        String text = ANSI.matcher(new String(frame.getPayload(), StandardCharsets.UTF_8)).replaceAll("");
        return text.lines().filter(line -> !line.isBlank()).toList();
    }

    private static String seconds(Duration duration) {
        return String.format(java.util.Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }
}
