package dev.hubwizard.ui.hublog;

import dev.hubwizard.engine.LogLine;
import dev.hubwizard.ui.BackgroundWork;
import dev.hubwizard.ui.SampleHubs;
import dev.hubwizard.ui.SampleOperations;
import dev.hubwizard.ui.Theme;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The hub's log window, headless: newest first, a search, the order switched, and following new lines. */
@ExtendWith(ApplicationExtension.class)
class HubLogViewTest {

    private Stage owner;
    private Stage window;
    private final SampleOperations.SampleLog log = (SampleOperations.SampleLog) new SampleOperations()
            .logs(SampleHubs.valid("team-hub"));

    @Start
    void start(Stage stage) {
        owner = stage;
        stage.show();
        window = new HubLogWindow(() -> owner, () -> Theme.LIGHT, BackgroundWork.daemonThreads())
                .show("team-hub", log);
    }

    @SuppressWarnings("unchecked")
    private List<String> shown(FxRobot robot) {
        return ((ListView<LogLine>) robot.lookup("#hub-log-pane").query()).getItems().stream().map(LogLine::text)
                .toList();
    }

    @Test
    void showsTheNewestLineFirstSearchesAndFollows(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> shown(robot).size() == 12);
        assertThat(window.getTitle()).isEqualTo("Hub log — team-hub");
        assertThat(shown(robot).get(0)).contains("200 GET /hub/health");
        assertThat(robot.lookup("#hub-log-status").queryAs(Label.class).getText())
                .contains("12 lines from task 4f1c2a", "/ecs/team-hub");

        robot.clickOn("#hub-log-search").write("ana");
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> shown(robot).size() == 5);
        assertThat(shown(robot)).allMatch(line -> line.toLowerCase().contains("ana"));
        assertThat(robot.lookup("#hub-log-status").queryAs(Label.class).getText()).contains("5 of 12 lines match");

        robot.clickOn("#hub-log-newest");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#hub-log-newest").queryAs(CheckBox.class).isSelected()).isFalse();
        assertThat(shown(robot).get(0)).contains("Using Authenticator");

        log.write("[I 2025-03-14 12:50:00.000 JupyterHub base:937] User logged in: ana again");
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> shown(robot).size() == 6);
        assertThat(shown(robot).get(5)).contains("ana again");
    }

    @Test
    void escapeClosesIt(FxRobot robot) {
        robot.targetWindow((Window) window).press(javafx.scene.input.KeyCode.ESCAPE)
                .release(javafx.scene.input.KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.isShowing()).isFalse();
    }
}
