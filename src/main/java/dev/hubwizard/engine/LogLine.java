package dev.hubwizard.engine;

import java.time.Instant;

/** One line of a step's log, already free of secrets. */
public record LogLine(Instant time, String stepId, LogLevel level, String text) {
}
