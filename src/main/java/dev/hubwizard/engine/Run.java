package dev.hubwizard.engine;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * One execution of a plan: starts each step as soon as its dependencies are done, each on the
 * executor, skips the dependants of a step that failed, and cancels on request.
 */
public final class Run {

    private final Plan plan;
    private final Session session;
    private final Executor executor;
    private final RunListener listener;
    private final Clock clock;
    private final Cancellation cancellation = new Cancellation();
    private final Map<String, StepEvent> events = new LinkedHashMap<>();
    private final Map<String, Thread> running = new ConcurrentHashMap<>();
    private final CompletableFuture<RunResult> completion = new CompletableFuture<>();
    private final long startNanos = System.nanoTime();
    private boolean finishing;

    Run(Plan plan, Session session, Executor executor, RunListener listener, Clock clock) {
        this.plan = plan;
        this.session = session;
        this.executor = executor;
        this.listener = listener;
        this.clock = clock;
    }

    void start() {
        synchronized (this) {
            plan.steps().forEach(step -> setState(step.id(), StepState.WAITING, Duration.ZERO, null));
        }
        schedule();
    }

    public Plan plan() {
        return plan;
    }

    public synchronized StepState state(String stepId) {
        return events.get(stepId).state();
    }

    public CompletableFuture<RunResult> completion() {
        return completion;
    }

    public RunResult await() throws InterruptedException {
        try {
            return completion.get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    public boolean isCancelled() {
        return cancellation.isCancelled();
    }

    /**
     * Stops the run: waiting steps are cancelled at once; running steps are told through their
     * cancellation hooks and interrupted, and report CANCELLED when they have stopped.
     */
    public void cancel() {
        cancellation.cancel();
        synchronized (this) {
            for (StepEvent event : events.values()) {
                if (event.state() == StepState.WAITING) {
                    setState(event.stepId(), StepState.CANCELLED, Duration.ZERO, null);
                }
            }
        }
        running.values().forEach(Thread::interrupt);
        finishIfIdle();
    }

    private void schedule() {
        for (Step step : readySteps()) {
            try {
                executor.execute(() -> execute(step));
            } catch (RejectedExecutionException e) {
                finish(step, StepState.FAILED, Duration.ZERO, e);
            }
        }
        finishIfIdle();
    }

    /** Marks the ready steps RUNNING and returns them; skips the dependants of anything that did not finish well. */
    private synchronized java.util.List<Step> readySteps() {
        java.util.List<Step> ready = new java.util.ArrayList<>();
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Step step : plan.steps()) {
                if (events.get(step.id()).state() != StepState.WAITING) {
                    continue;
                }
                boolean blocked = step.dependsOn().stream().map(events::get)
                        .anyMatch(e -> e.state() == StepState.FAILED || e.state() == StepState.SKIPPED
                                || e.state() == StepState.CANCELLED);
                if (blocked) {
                    setState(step.id(), StepState.SKIPPED, Duration.ZERO, null);
                    changed = true;
                } else if (!cancellation.isCancelled()
                        && step.dependsOn().stream().allMatch(d -> events.get(d).state() == StepState.DONE)) {
                    setState(step.id(), StepState.RUNNING, Duration.ZERO, null);
                    ready.add(step);
                }
            }
        }
        return ready;
    }

    private void execute(Step step) {
        Thread thread = Thread.currentThread();
        String oldName = thread.getName();
        thread.setName("step-" + step.id());
        running.put(step.id(), thread);
        long started = System.nanoTime();
        StepState outcome;
        Throwable failure = null;
        try {
            if (cancellation.isCancelled()) {
                throw new Cancellation.CancelledException();
            }
            step.run(new StepContext(step.id(), session, cancellation, listener, clock));
            outcome = StepState.DONE;
        } catch (Throwable t) {
            // Whatever a step throws once the run is cancelled (interrupts, aborted HTTP calls) is the cancel.
            if (cancellation.isCancelled() || t instanceof Cancellation.CancelledException) {
                outcome = StepState.CANCELLED;
            } else {
                outcome = StepState.FAILED;
                failure = t;
            }
        } finally {
            running.remove(step.id());
            Thread.interrupted();
            thread.setName(oldName);
        }
        finish(step, outcome, Duration.ofNanos(System.nanoTime() - started), failure);
        schedule();
    }

    private void finish(Step step, StepState state, Duration elapsed, Throwable failure) {
        synchronized (this) {
            if (failure != null) {
                Problem problem = ProblemException.of(failure);
                listener.log(new LogLine(clock.instant(), step.id(), LogLevel.ERROR,
                        session.redactor().redact(problem.text())));
            }
            setState(step.id(), state, elapsed, failure);
        }
    }

    /**
     * Tells the listeners first, then completes: whoever awaits the run then finds what they wrote on
     * finishing (the profile's deployment summary) already written, and a runner closed right after
     * does not interrupt them mid-write.
     */
    private void finishIfIdle() {
        RunResult result;
        synchronized (this) {
            if (finishing || !running.isEmpty()
                    || events.values().stream().anyMatch(e -> !e.state().isFinished())) {
                return;
            }
            finishing = true;
            result = new RunResult(events, Duration.ofNanos(System.nanoTime() - startNanos));
        }
        try {
            listener.finished(result);
        } finally {
            completion.complete(result);
        }
    }

    /** Caller holds the lock, so listeners see the states of one step in order. */
    private void setState(String stepId, StepState state, Duration elapsed, Throwable failure) {
        Problem problem = failure == null ? null : ProblemException.of(failure);
        StepEvent event = new StepEvent(stepId, state, elapsed, problem, failure);
        events.put(stepId, event);
        listener.stateChanged(event);
    }
}
