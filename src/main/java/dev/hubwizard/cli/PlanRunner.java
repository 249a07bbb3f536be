package dev.hubwizard.cli;

import dev.hubwizard.deploy.Deployment;
import dev.hubwizard.engine.LogFile;
import dev.hubwizard.engine.Plan;
import dev.hubwizard.engine.Run;
import dev.hubwizard.engine.RunListener;
import dev.hubwizard.engine.RunResult;
import dev.hubwizard.engine.StepEvent;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.TimeUnit;

/**
 * Runs a plan for a command: progress on stdout, the full log in a file, Ctrl+C cancels cleanly
 * (running steps stop, the journal stays true), and the outcome as an exit code.
 */
final class PlanRunner {

    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final CliContext context;
    private final boolean verbose;

    PlanRunner(CliContext context, boolean verbose) {
        this.context = context;
        this.verbose = verbose;
    }

    /** The run's result; {@code null} only if the run could not start (already reported). */
    RunResult run(Deployment deployment, Plan plan, String what) throws InterruptedException {
        Path logPath = context.directories().logs().resolve(
                deployment.profile().name() + "-" + what + "-" + FILE_TIME.format(LocalDateTime.now()) + ".log");
        Run run;
        LogFile log;
        try {
            log = new LogFile(logPath);
            run = deployment.start(context.runner(), plan,
                    RunListener.all(log, new ConsoleProgress(context.out(), context.err(), verbose)));
        } catch (IOException e) {
            context.err().println("Could not start the " + what + ": " + e.getMessage());
            return null;
        }
        Thread onCtrlC = new Thread(() -> {
            context.err().println("Cancelling: waiting for the running steps to stop…");
            run.cancel();
            try {
                run.completion().get(30, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // Exiting anyway; what was created is in the journal.
            }
        }, "cancel-on-ctrl-c");
        Runtime.getRuntime().addShutdownHook(onCtrlC);
        RunResult result = run.await();
        try {
            Runtime.getRuntime().removeShutdownHook(onCtrlC);
        } catch (IllegalStateException alreadyExiting) {
            // Ctrl+C arrived as the run ended: the hook is running and finishes on its own.
        }
        try {
            log.close();
        } catch (IOException e) {
            context.err().println("The log file " + logPath + " is incomplete: " + e.getMessage());
        }
        if (!result.succeeded()) {
            result.firstFailure().map(StepEvent::problem).ifPresent(problem -> context.err().println(
                    "The " + what + " failed: " + problem.text()));
            context.err().println("Full log: " + logPath);
        }
        return result;
    }

    static int exitCode(RunResult result) {
        if (result == null) {
            return ExitCodes.FAILED;
        }
        if (result.succeeded()) {
            return ExitCodes.OK;
        }
        return result.cancelled() && result.firstFailure().isEmpty() ? ExitCodes.CANCELLED : ExitCodes.FAILED;
    }
}
