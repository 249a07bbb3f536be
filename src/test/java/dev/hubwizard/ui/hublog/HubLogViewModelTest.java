package dev.hubwizard.ui.hublog;

import dev.hubwizard.engine.LogLevel;
import dev.hubwizard.engine.LogLine;
import dev.hubwizard.engine.ProblemException;
import dev.hubwizard.operate.HubLog;
import dev.hubwizard.operate.HubLogs;
import dev.hubwizard.ui.BackgroundWork;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The logs window's state without a window: CloudWatch Logs played by answers queued in order. */
class HubLogViewModelTest {

    private static final String FIRST_TASK = "hub/hub/0123456789abcdef";
    private static final String NEXT_TASK = "hub/hub/fedcba9876543210";

    private final Deque<Object> answers = new ArrayDeque<>();
    private final List<Optional<HubLogs.Cursor>> askedSince = new ArrayList<>();

    private final HubLog log = new HubLog() {
        @Override
        public String group() {
            return "/ecs/team-hub";
        }

        @Override
        public HubLogs.Lines tail(int limit) throws ProblemException {
            return next();
        }

        @Override
        public HubLogs.Lines newer(Optional<HubLogs.Cursor> cursor) throws ProblemException {
            askedSince.add(cursor);
            return next();
        }

        private HubLogs.Lines next() throws ProblemException {
            Object answer = answers.remove();
            if (answer instanceof ProblemException problem) {
                throw problem;
            }
            return (HubLogs.Lines) answer;
        }
    };

    private final HubLogViewModel model = new HubLogViewModel(log, BackgroundWork.onCallingThread());

    private static HubLogs.Lines lines(String stream, String... texts) {
        return new HubLogs.Lines(IntStream.range(0, texts.length).mapToObj(i -> new LogLine(
                Instant.parse("2026-12-03T10:00:00Z").plusSeconds(i), "hub", LogLevel.INFO, texts[i])).toList(),
                Optional.of(new HubLogs.Cursor(stream, "token-" + texts.length)));
    }

    private List<String> shown() {
        return model.shown().stream().map(LogLine::text).toList();
    }

    @Test
    void showsTheNewestTasksLastLinesNewestFirstAndSaysWhereTheyComeFrom() {
        answers.add(lines(FIRST_TASK, "JupyterHub is now running", "200 GET /hub/health"));

        model.load();

        assertThat(shown()).containsExactly("200 GET /hub/health", "JupyterHub is now running");
        assertThat(model.statusProperty().get()).isEqualTo("2 lines from task 0123456789abcdef (/ecs/team-hub);"
                + " new lines appear as the hub writes them");
        model.newestFirstProperty().set(false);
        assertThat(shown()).containsExactly("JupyterHub is now running", "200 GET /hub/health");
    }

    @Test
    void searchNarrowsTheLinesIgnoringCaseAndSaysHowManyMatch() {
        answers.add(lines(FIRST_TASK, "JupyterHub is now running", "403 GET /hub/api/users", "200 GET /hub/health"));
        model.load();

        model.searchProperty().set("  get /HUB ");

        assertThat(shown()).containsExactly("200 GET /hub/health", "403 GET /hub/api/users");
        assertThat(model.statusProperty().get()).startsWith("2 of 3 lines match from task 0123456789abcdef");
        model.searchProperty().set("");
        assertThat(shown()).hasSize(3);
    }

    @Test
    void followingAddsWhatTheHubWroteSinceAndANewTaskStartsAFreshList() {
        answers.add(lines(FIRST_TASK, "JupyterHub is now running"));
        model.load();

        answers.add(lines(FIRST_TASK, "200 GET /hub/health"));
        model.poll();
        assertThat(askedSince).containsExactly(Optional.of(new HubLogs.Cursor(FIRST_TASK, "token-1")));
        assertThat(shown()).containsExactly("200 GET /hub/health", "JupyterHub is now running");

        answers.add(lines(NEXT_TASK, "a new task starts"));
        model.poll();
        assertThat(shown()).as("the replaced task's lines are not mixed in").containsExactly("a new task starts");
        assertThat(model.statusProperty().get()).contains("from task fedcba9876543210");
    }

    @Test
    void untilTheFirstAnswerItSaysItIsReading() {
        model.followProperty().set(false);
        model.searchProperty().set("GET");

        assertThat(model.statusProperty().get()).isEqualTo("Reading the hub's log…");
    }

    @Test
    void notFollowingAsksNothingMore() {
        answers.add(lines(FIRST_TASK, "JupyterHub is now running"));
        model.load();
        model.followProperty().set(false);

        model.poll();

        assertThat(askedSince).isEmpty();
        assertThat(model.statusProperty().get()).doesNotContain("new lines appear");
    }

    @Test
    void aHubThatNeverStartedAndAFailedReadAreSaid() {
        answers.add(new HubLogs.Lines(List.of(), Optional.empty()));
        model.load();
        assertThat(model.statusProperty().get()).startsWith("The hub has written no log yet (/ecs/team-hub");

        answers.add(new ProblemException("CloudWatch Logs refused", "AccessDeniedException",
                "Ask your AWS administrator for logs:GetLogEvents"));
        model.load();
        assertThat(model.statusProperty().get()).startsWith("Could not read the hub's log: CloudWatch Logs refused")
                .contains("logs:GetLogEvents");
    }

    @Test
    void keepsOnlyTheNewestLinesWhenFollowingForLong() {
        answers.add(lines(FIRST_TASK, IntStream.range(0, HubLogViewModel.CAPACITY).mapToObj(i -> "line " + i)
                .toArray(String[]::new)));
        model.load();

        answers.add(lines(FIRST_TASK, "the newest"));
        model.poll();

        assertThat(model.shown()).hasSize(HubLogViewModel.CAPACITY);
        assertThat(shown().get(0)).isEqualTo("the newest");
        assertThat(shown()).doesNotContain("line 0").contains("line 1");
    }
}
