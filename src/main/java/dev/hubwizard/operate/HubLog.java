package dev.hubwizard.operate;

import dev.hubwizard.engine.ProblemException;

import java.util.Optional;

/** A hub's own log as the logs view and the CLI read it: its last lines, then what came since. Slow: not on the FX thread. */
public interface HubLog {

    /** Where the lines come from, for the reader ({@code /ecs/team-hub}). */
    String group();

    /** The newest task's last {@code limit} lines. */
    HubLogs.Lines tail(int limit) throws ProblemException;

    /** What was written since {@code cursor}; from the start of a newer task's stream once there is one. */
    HubLogs.Lines newer(Optional<HubLogs.Cursor> cursor) throws ProblemException;
}
