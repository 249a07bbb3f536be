package dev.hubwizard.hub;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which of a hub's log lines a failed check shows (lines as JupyterHub 5.5 wrote them on the test bed). */
class HubLogExcerptTest {

    private static final List<String> STARTUP = List.of(
            "[I 2026-12-03 10:35:51.108 JupyterHub app:3374] Running JupyterHub version 5.5.0",
            "[E 2026-12-03 10:35:51.466 JupyterHub app:2211] Error adding user alice already in db",
            "    Traceback (most recent call last):",
            "      File \"/srv/venv/lib/python3.11/site-packages/jupyterhub/auth.py\", line 1252, in add_system_user",
            "    FileNotFoundError: [Errno 2] No such file or directory: 'useradd'",
            "[E 2026-12-03 10:35:51.470 JupyterHub app:2211] Error adding user localtest-abc123 already in db",
            "    Traceback (most recent call last):",
            "    FileNotFoundError: [Errno 2] No such file or directory: 'useradd'",
            "[W 2026-12-03 10:35:51.552 JupyterHub proxy:748] Running JupyterHub without SSL.",
            "2026-12-03T10:35:52.000Z [ConfigProxy] error: 404 GET /hub/health",
            "[I 2026-12-03 10:35:52.985 JupyterHub app:3798] JupyterHub is now running at http://127.0.0.1:18765");
    private static final List<String> SPAWN = List.of(
            "[I 2026-12-03 10:36:14.100 JupyterHub log:192] 302 POST /hub/login -> /hub/spawn (localtest-abc123@127.0.0.1)",
            "[W 2026-12-03 10:36:14.120 JupyterHub _xsrf_utils:213] Skipping XSRF check for insecure request GET /hub/spawn",
            "[E 2026-12-03 10:36:14.226 JupyterHub pages:364] Error starting server localtest-abc123: "
                    + "\"getpwnam(): name not found: 'localtest-abc123'\"",
            "    Traceback (most recent call last):",
            "    KeyError: \"getpwnam(): name not found: 'localtest-abc123'\"",
            "[W 2026-12-03 10:36:14.227 JupyterHub web:1964] 500 GET /hub/spawn (127.0.0.1): Unhandled error",
            "[E 2026-12-03 10:36:14.249 JupyterHub log:184] {",
            "      \"Accept\": \"*/*\"",
            "    }",
            "[E 2026-12-03 10:36:14.251 JupyterHub log:192] 500 GET /hub/spawn (localtest-abc123@127.0.0.1) 92.83ms");

    @Test
    void showsTheErrorsAboutThePersonSinceTheStartAndEveryProblemDuringTheCheck() {
        List<String> log = new ArrayList<>(STARTUP);
        log.addAll(SPAWN);

        assertThat(HubLogExcerpt.of(log, STARTUP.size(), "localtest-abc123")).containsExactly(
                "[E 2026-12-03 10:35:51.470 JupyterHub app:2211] Error adding user localtest-abc123 already in db",
                "    FileNotFoundError: [Errno 2] No such file or directory: 'useradd'",
                SPAWN.get(2),
                "    KeyError: \"getpwnam(): name not found: 'localtest-abc123'\"",
                SPAWN.get(5),
                SPAWN.get(9));
    }

    @Test
    void theProxysErrorsCountOnlyDuringTheCheck() {
        List<String> log = new ArrayList<>(STARTUP);
        log.add("2026-12-03T10:36:20.000Z [ConfigProxy] error: 503 GET /user/localtest-abc123/ connect ECONNREFUSED");

        assertThat(HubLogExcerpt.of(log, STARTUP.size(), "nobody")).containsExactly(log.get(log.size() - 1));
    }

    @Test
    void withNothingTellingTheChecksLastLinesAreShown() {
        List<String> log = new ArrayList<>(STARTUP);
        for (int i = 0; i < 20; i++) {
            log.add("[I 2026-12-03 10:37:00.000 JupyterHub log:192] 200 GET /hub/api/users/x/server/progress " + i);
        }

        List<String> excerpt = HubLogExcerpt.of(log, STARTUP.size(), "nobody");

        assertThat(excerpt).hasSize(HubLogExcerpt.MAX_LINES).last().asString().endsWith("progress 19");
    }

    @Test
    void longLinesAreCut() {
        String endless = "[E 2026-12-03 10:37:00.000 JupyterHub app:1] " + "x".repeat(1000);

        assertThat(HubLogExcerpt.of(List.of(endless), 0, "nobody").get(0)).hasSizeLessThan(420).endsWith(" …");
    }
}
