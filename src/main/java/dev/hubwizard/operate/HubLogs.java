package dev.hubwizard.operate;

import dev.hubwizard.aws.AwsClients;
import dev.hubwizard.aws.LogGroups;
import dev.hubwizard.aws.LogStreams;
import dev.hubwizard.aws.ResourceKind;
import dev.hubwizard.engine.LogLevel;
import dev.hubwizard.engine.LogLine;
import dev.hubwizard.engine.ProblemException;
import dev.hubwizard.engine.ResourceRecord;
import dev.hubwizard.profile.Profile;

import java.util.List;
import java.util.Optional;

/**
 * A deployed hub's own log: JupyterHub's lines as its task wrote them to CloudWatch Logs (the awslogs driver),
 * from the stream of the newest task. {@link #tail} reads the last lines; {@link #newer} what came since, and
 * moves on to a newer task's stream when ECS replaced the task (a resume, a crash, a redeploy).
 */
public final class HubLogs implements HubLog {

    /** Lines the view and the CLI start with: enough for a start-up and a crash, one CloudWatch page. */
    public static final int TAIL_LINES = 1000;

    private final LogStreams streams;
    private final String group;

    public HubLogs(AwsClients aws, Profile profile) {
        this.streams = new LogStreams(aws);
        this.group = profile.deployment().resources().stream().filter(r -> r.kind().equals(ResourceKind.LOG_GROUP))
                .map(ResourceRecord::id).findFirst().orElse(LogGroups.nameFor(profile.names().taskFamily()));
    }

    @Override
    public String group() {
        return group;
    }

    /** Where a reader is: the stream it reads and the token for what comes next. */
    public record Cursor(String stream, String forwardToken) {
    }

    /**
     * What a look found: lines (oldest first), each with the level JupyterHub gave it ({@code [E …]} an error,
     * {@code [W …]} a warning), and where to look next time; no stream yet gives no lines.
     */
    public record Lines(List<LogLine> lines, Optional<Cursor> cursor) {

        public Lines {
            lines = List.copyOf(lines);
        }

        static Lines of(LogStreams.Page page) {
            return new Lines(page.events().stream().map(e -> new LogLine(e.time(), STEP, level(e.message()),
                    e.message())).toList(), Optional.of(new Cursor(page.stream(), page.forwardToken())));
        }
    }

    /** What the lines are of, where the log pane says which step a line is of. */
    public static final String STEP = "hub";

    /** JupyterHub's own format: {@code [I 2026-12-03 10:00:00.123 JupyterHub app:3354] …}; anything else is info. */
    static LogLevel level(String message) {
        if (message.length() < 3 || message.charAt(0) != '[' || message.charAt(2) != ' ') {
            return LogLevel.INFO;
        }
        return switch (message.charAt(1)) {
            case 'E', 'C' -> LogLevel.ERROR;
            case 'W' -> LogLevel.WARN;
            case 'D' -> LogLevel.DEBUG;
            default -> LogLevel.INFO;
        };
    }

    @Override
    public Lines tail(int limit) throws ProblemException {
        Optional<String> stream = streams.newest(group);
        if (stream.isEmpty()) {
            return new Lines(List.of(), Optional.empty());
        }
        return Lines.of(streams.last(group, stream.get(), limit));
    }

    @Override
    public Lines newer(Optional<Cursor> cursor) throws ProblemException {
        Optional<String> newest = streams.newest(group);
        if (newest.isEmpty()) {
            return new Lines(List.of(), cursor);
        }
        if (cursor.isEmpty() || !cursor.get().stream().equals(newest.get())) {
            return Lines.of(streams.last(group, newest.get(), TAIL_LINES));
        }
        return Lines.of(streams.after(group, cursor.get().stream(), cursor.get().forwardToken()));
    }
}
