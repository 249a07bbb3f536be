package dev.hubwizard.cli;

import dev.hubwizard.engine.LogLine;
import dev.hubwizard.operate.HubLogs;
import dev.hubwizard.operate.HubStatusReader;
import dev.hubwizard.profile.HubStanding;
import dev.hubwizard.profile.Profile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code hubwizard logs}: the hub's own log, the last lines of its newest task's CloudWatch stream, oldest first as a
 * terminal reads them; with {@code --follow} it goes on printing what the hub writes until Ctrl+C.
 */
@Command(name = "logs", description = "Print the hub's own log (its task's CloudWatch Logs stream); --follow keeps"
        + " printing new lines.")
final class LogsCommand implements Callable<Integer> {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private final CliContext context;
    private final Duration followEvery;

    @Mixin
    ProfileOption target;

    @Option(names = {"-f", "--follow"}, description = "Keep printing new lines as the hub writes them (Ctrl+C ends).")
    boolean follow;

    @Option(names = {"-n", "--lines"}, paramLabel = "N", defaultValue = "200",
            description = "How many of the last lines to print first (default: ${DEFAULT-VALUE}, at most 10000).")
    int lines;

    /** @param followEvery how often {@code --follow} asks CloudWatch for new lines */
    LogsCommand(CliContext context, Duration followEvery) {
        this.context = context;
        this.followEvery = followEvery;
    }

    @Override
    public Integer call() throws Exception {
        Optional<Profile> loaded = ProfileLoader.load(context, target.name, false);
        if (loaded.isEmpty()) {
            return ExitCodes.BROKEN_PROFILE;
        }
        Profile profile = loaded.get();
        if (!HubStatusReader.hasService(profile)) {
            context.err().println("'" + profile.name() + "' has no hub in AWS whose log could be read (it is "
                    + ProfilesCommand.words(HubStanding.of(profile.deployment())) + ").");
            return ExitCodes.FAILED;
        }
        if (lines < 1 || lines > 10_000) {
            context.err().println("--lines must be between 1 and 10000.");
            return ExitCodes.USAGE;
        }
        try (HubStatusReader reader = context.statusReader()) {
            HubLogs logs = reader.logs(profile);
            HubLogs.Lines last = logs.tail(lines);
            if (last.cursor().isEmpty()) {
                context.err().println("The hub has written no log yet: " + logs.group() + " has no stream of a task.");
            }
            print(last.lines());
            Optional<HubLogs.Cursor> cursor = last.cursor();
            while (follow) {
                Thread.sleep(followEvery.toMillis());
                HubLogs.Lines newer = logs.newer(cursor);
                if (cursor.isPresent() && newer.cursor().isPresent()
                        && !newer.cursor().get().stream().equals(cursor.get().stream())) {
                    context.out().println("--- a new task: " + newer.cursor().get().stream() + " ---");
                }
                print(newer.lines());
                if (newer.cursor().isPresent()) {
                    cursor = newer.cursor();
                }
            }
        }
        return ExitCodes.OK;
    }

    private void print(List<LogLine> batch) {
        batch.forEach(line -> context.out().println(TIME.format(line.time()) + "  " + line.text()));
        context.out().flush();
    }
}
