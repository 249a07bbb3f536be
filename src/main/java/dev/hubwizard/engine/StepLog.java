package dev.hubwizard.engine;

/** Where a step writes what it is doing; lines reach the log pane, the log file and the CLI. */
public interface StepLog {

    void log(LogLevel level, String text);

    default void debug(String text) {
        log(LogLevel.DEBUG, text);
    }

    default void info(String text) {
        log(LogLevel.INFO, text);
    }

    default void warn(String text) {
        log(LogLevel.WARN, text);
    }

    default void error(String text) {
        log(LogLevel.ERROR, text);
    }
}
