package dev.hubwizard.ui.preflight;

import dev.hubwizard.deploy.Check;
import dev.hubwizard.deploy.PreflightReport;
import dev.hubwizard.ui.Theme;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Scene;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** The preflight's checks in a narrow window: the fixes are read in full, and a setting is one click away. */
@ExtendWith(ApplicationExtension.class)
class PreflightViewTest {

    private static final String LONG_FIX = "Stop that program or choose another port for the local test, then press"
            + " Retry; the port is the one the hub answers on while it is tested on this computer.";

    private final List<String> opened = new CopyOnWriteArrayList<>();

    @Start
    void start(Stage stage) {
        PreflightReport report = new PreflightReport(List.of(
                Check.ok("Docker", "Docker 24.0.7 is running (linux/x86_64)"),
                Check.failed("Port 8000", "Port 8000 is already in use: another program on this computer listens on"
                        + " it", LONG_FIX).inSettings("hub.localPort"),
                Check.ok("Hub image", "builds from the hub image that comes with Hub Wizard").inSettings("x")),
                List.of());
        PreflightView view = new PreflightView("Before anything runs.", new SimpleObjectProperty<>(report), null,
                opened::add);
        // Too short for everything: the text keeps its height (a wizard page then scrolls) rather than "…".
        Scene scene = new Scene(view, 420, 150);
        Theme.LIGHT.applyTo(scene);
        stage.setScene(scene);
        // The stage is shared by the test classes of this JVM: make it this scene's size, whatever it was.
        stage.setMaximized(false);
        stage.sizeToScene();
        stage.show();
    }

    @Test
    void aLongFixWrapsInsteadOfEndingInAnEllipsis(FxRobot robot) {
        Label fix = robot.lookup(LONG_FIX).queryAs(Label.class);

        assertThat(fix.getHeight()).as("more than one line").isGreaterThan(1.5 * fix.getFont().getSize());
        assertThat(fix.getHeight()).as("all of them").isGreaterThanOrEqualTo(fix.prefHeight(fix.getWidth()) - 0.5);
        assertThat(fix.localToScene(fix.getLayoutBounds()).getMaxX()).as("within the window")
                .isLessThanOrEqualTo(fix.getScene().getWidth());
    }

    @Test
    void aFixThatIsASettingLinksToIt(FxRobot robot) {
        robot.interact(() -> robot.lookup("#fix-hub-localPort").queryAs(Hyperlink.class).fire());

        assertThat(opened).containsExactly("hub.localPort");
        assertThat(robot.lookup("#fix-x").tryQuery()).as("a green check needs no fix").isEmpty();
    }
}
