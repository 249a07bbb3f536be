package dev.hubwizard.ui.localtest;

import dev.hubwizard.deploy.LocalTestCheck;
import dev.hubwizard.hub.HubCheck;
import dev.hubwizard.testbed.StepRecorder;
import dev.hubwizard.ui.Theme;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local test page, headless, fed as the step feeds it (through its approval, off the FX thread): each
 * check as it goes, the hub's log lines once one failed, and the link with the verdict once all passed.
 */
@ExtendWith(ApplicationExtension.class)
class LocalTestViewTest {

    private LocalTestPage page;

    @Start
    void start(Stage stage) {
        page = new LocalTestPage(() -> { });
        Scene scene = new Scene(new LocalTestView(page, page.checks(), page.waitingAtProperty(), page::looksGood,
                page::reject, url -> { }), 900, 600);
        Theme.LIGHT.applyTo(scene);
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void eachCheckShowsAsItPassesWithItsTimes(FxRobot robot) {
        report(LocalTestCheck.running(HubCheck.HUB_ANSWERS));
        report(LocalTestCheck.passed(HubCheck.HUB_ANSWERS, Duration.ofMillis(4200), Duration.ofMillis(4300),
                "at http://localhost:8000/"));
        report(LocalTestCheck.running(HubCheck.SIGNED_IN));

        assertThat(text(robot, "#check-hub-answers")).isEqualTo("at http://localhost:8000/");
        assertThat(robot.lookup("4.2 s · at 4.3 s").tryQuery()).isPresent();
        assertThat(text(robot, "#check-signed-in")).isEqualTo("checking that a person signs in…");
        assertThat(text(robot, "#check-code-ran")).isEqualTo("a line of Python runs in a kernel and answers");
        assertThat(visible(robot, "#looks-good")).isFalse();
    }

    @Test
    void aFailedCheckSaysWhatWentWrongAndANewRunStartsOver(FxRobot robot) {
        report(LocalTestCheck.passed(HubCheck.HUB_ANSWERS, Duration.ofSeconds(4), Duration.ofSeconds(4), "at x"));
        report(LocalTestCheck.failed(HubCheck.SERVER_STARTED, Duration.ofSeconds(9), "the hub answered HTTP 500"));

        assertThat(text(robot, "#check-server-started")).isEqualTo("the hub answered HTTP 500");
        assertThat(text(robot, "#check-code-ran")).isEqualTo("a line of Python runs in a kernel and answers");
        assertThat(visible(robot, "#local-test-progress")).as("the problem above says it failed").isFalse();

        report(LocalTestCheck.running(HubCheck.HUB_ANSWERS));
        assertThat(visible(robot, "#local-test-progress")).isTrue();
        assertThat(text(robot, "#check-server-started")).isEqualTo("their notebook server starts");
    }

    @Test
    void onceEveryCheckPassedTheLinkAndTheVerdictShow(FxRobot robot) throws Exception {
        CompletableFuture<Boolean> verdict = CompletableFuture.supplyAsync(() -> {
            try {
                return page.approval().approve(URI.create("http://localhost:8000/"),
                        new StepRecorder().context("test-local"));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        WaitForAsyncUtils.waitFor(10, java.util.concurrent.TimeUnit.SECONDS, () -> visible(robot, "#looks-good"));

        assertThat(robot.lookup("#local-hub-link").queryAs(Hyperlink.class).getText()).isEqualTo("http://localhost:8000/");
        robot.clickOn("#looks-good");
        assertThat(verdict.get(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    }

    /** As the step does: on its own thread, through the page's approval. */
    private void report(LocalTestCheck check) {
        page.approval().checked(check);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    private static boolean visible(FxRobot robot, String id) {
        Node node = robot.lookup(id).query();
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }
}
