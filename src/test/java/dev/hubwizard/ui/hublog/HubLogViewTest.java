package dev.hubwizard.ui.hublog;

import dev.hubwizard.engine.LogLine;
import dev.hubwizard.ui.BackgroundWork;
import dev.hubwizard.ui.SampleOperations;
import dev.hubwizard.ui.Theme;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The logs window's content, headless, in the test's own stage (a second window of its own stalls the headless
 * toolkit): typed search narrows the pane, the boxes order and stop following, read from the sample log.
 */
@ExtendWith(ApplicationExtension.class)
class HubLogViewTest {

    private HubLogViewModel model;

    @Start
    void start(Stage stage) {
        model = new HubLogViewModel(new SampleOperations().logs(dev.hubwizard.profile.Profile.named("team-hub")),
                BackgroundWork.onCallingThread());
        model.load();
        Scene scene = new Scene(new HubLogView(model), 900, 600);
        Theme.LIGHT.applyTo(scene);
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void typingASearchNarrowsThePaneAndTheStatusSaysHowManyMatch(FxRobot robot) {
        int all = pane(robot).getItems().size();
        assertThat(all).isGreaterThan(2);

        robot.clickOn("#hub-log-search").write("activity");
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(pane(robot).getItems()).isNotEmpty().hasSizeLessThan(all)
                .allSatisfy(line -> assertThat(line.text()).containsIgnoringCase("activity"));
        assertThat(robot.lookup("#hub-log-status").queryAs(Label.class).getText())
                .startsWith(pane(robot).getItems().size() + " of " + all + " lines match");
    }

    @Test
    void theBoxesTurnTheOrderAndStopFollowing(FxRobot robot) {
        LogLine newest = pane(robot).getItems().get(0);

        robot.clickOn("#hub-log-newest");
        robot.clickOn("#hub-log-follow");
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(pane(robot).getItems().get(pane(robot).getItems().size() - 1)).isEqualTo(newest);
        assertThat(model.followProperty().get()).isFalse();
        assertThat(robot.lookup("#hub-log-status").queryAs(Label.class).getText())
                .doesNotContain("new lines appear");
    }

    @SuppressWarnings("unchecked")
    private static ListView<LogLine> pane(FxRobot robot) {
        return robot.lookup("#hub-log-pane").queryAs(ListView.class);
    }
}
