package dev.hubwizard.cli;

/** What the process's exit code means, for scripts and CI. */
final class ExitCodes {

    static final int OK = 0;
    /** The step or run failed; stderr says which and why. */
    static final int FAILED = 1;
    /** Wrong usage: a missing option, an unknown command (picocli's own code). */
    static final int USAGE = 2;
    /** The profile does not exist, cannot be read, or is not valid. */
    static final int BROKEN_PROFILE = 3;
    /** The run was cancelled (Ctrl+C). */
    static final int CANCELLED = 130;

    private ExitCodes() {
    }
}
