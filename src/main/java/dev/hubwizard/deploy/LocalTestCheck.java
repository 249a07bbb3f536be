package dev.hubwizard.deploy;

import dev.hubwizard.hub.HubCheck;

import java.time.Duration;

/**
 * One check of the local test as it stands: waiting for the checks before it, running, passed or failed.
 *
 * @param check      which one
 * @param status     how it stands
 * @param took       how long it took (zero while running)
 * @param sinceStart from {@code docker run} to its end (zero while running)
 * @param detail     what it showed ("as localtest-k3x9q2"), or what went wrong
 */
public record LocalTestCheck(HubCheck check, Status status, Duration took, Duration sinceStart, String detail) {

    public enum Status { WAITING, RUNNING, PASSED, FAILED }

    public static LocalTestCheck waiting(HubCheck check) {
        return new LocalTestCheck(check, Status.WAITING, Duration.ZERO, Duration.ZERO, "");
    }

    public static LocalTestCheck running(HubCheck check) {
        return new LocalTestCheck(check, Status.RUNNING, Duration.ZERO, Duration.ZERO, "");
    }

    public static LocalTestCheck passed(HubCheck check, Duration took, Duration sinceStart, String detail) {
        return new LocalTestCheck(check, Status.PASSED, took, sinceStart, detail);
    }

    public static LocalTestCheck failed(HubCheck check, Duration sinceStart, String what) {
        return new LocalTestCheck(check, Status.FAILED, Duration.ZERO, sinceStart, what);
    }

    /** As the CLI and the log print it: "✓ Signed in as localtest-k3x9q2 (0.4 s; 3.1 s since docker run)". */
    public String line() {
        return switch (status) {
            case WAITING -> "  " + check.label();
            case RUNNING -> "… " + check.label();
            case PASSED -> "✓ " + check.label() + " " + detail + " (" + seconds(took) + "; " + seconds(sinceStart)
                    + " since docker run)";
            case FAILED -> "✗ " + check.label() + ": " + detail;
        };
    }

    static String seconds(Duration duration) {
        return String.format(java.util.Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }
}
