package dev.hubwizard.ui;

import dev.hubwizard.docker.DockerClients;
import dev.hubwizard.engine.Runner;
import dev.hubwizard.profile.ProfileStore;
import dev.hubwizard.ui.preferences.Preferences;
import dev.hubwizard.ui.preferences.PreferencesFile;
import dev.hubwizard.ui.preferences.WindowBounds;
import dev.hubwizard.ui.wizard.WizardViewModel;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.stage.WindowEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A hub whose first deploy stopped half-way, opened again: the wizard says what it left in AWS and what it
 * costs; a run is not stopped by closing the window without asking; a cancelled run says what exists.
 * The runs here are kept going by a "Docker Engine" on loopback that takes connections and never answers.
 */
@ExtendWith(ApplicationExtension.class)
class InterruptedDeployTest {

    @TempDir
    Path home;

    private Stage stage;
    private ServerSocket silentDocker;
    private Runner runner;
    private Navigator navigator;
    private ProfileStore store;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        silentDocker = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        store = new ProfileStore(home.resolve("profiles"));
        store.save(SampleHubs.interrupted("lab"));
        runner = Runner.withBackgroundThreads();
        BackgroundWork background = BackgroundWork.daemonThreads();
        AppWindow window = new AppWindow(stage, new PreferencesFile(home.resolve("settings.yaml")),
                new Preferences(Theme.LIGHT, WindowBounds.sized(1100, 760)), background);
        Services services = SampleHubs.services(store, background, runner, home.resolve("logs"), SampleHubs.lookups(),
                url -> { }, DockerClients.forHost("tcp://127.0.0.1:" + silentDocker.getLocalPort()));
        navigator = new Navigator(window, services);
        navigator.showStart();
    }

    @AfterEach
    void stop() throws Exception {
        silentDocker.close();
        runner.close();
    }

    private static void waitUntil(BooleanSupplier condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, condition::getAsBoolean);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private WizardViewModel open(FxRobot robot) throws Exception {
        WizardViewModel[] model = new WizardViewModel[1];
        robot.interact(() -> {
            try {
                model[0] = navigator.showWizard(store.load("lab"), false);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        waitUntil(() -> model[0].deploy().runningProperty().get());
        return model[0];
    }

    private void requestClose() {
        // As the window's close button does; asynchronously, since it may open a modal dialog.
        Platform.runLater(() -> stage.fireEvent(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST)));
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The question, once in its place on the screen: it opens after the close request, not with it. */
    private static Window dialog(FxRobot robot) throws TimeoutException {
        return ShownDialogs.showing(robot, "#dialog-confirm", 20).getScene().getWindow();
    }

    @Test
    void reopeningAnInterruptedHubSaysWhatIsInAwsAndWhatItCosts(FxRobot robot) throws Exception {
        open(robot);

        Node notice = robot.lookup("#notice-panel").query();
        assertThat(notice.isVisible()).isTrue();
        assertThat(robot.lookup("#notice-title").queryAs(Label.class).getText())
                .startsWith("Interrupted: 12 resources in AWS, about $").endsWith(" a month");
        assertThat(robot.lookup("#notice-action-0").queryButton().getText()).isEqualTo("Resume");
        assertThat(robot.lookup("#notice-action-1").queryButton().getText()).isEqualTo("Tear down…");
    }

    @Test
    void closingTheWindowDuringARunAsksFirstAndQuitsOnlyOnceTheRunHasStopped(FxRobot robot) throws Exception {
        WizardViewModel model = open(robot);

        requestClose();
        Window question = dialog(robot);
        assertThat(robot.lookup("#dialog-confirm").queryButton().getText()).isEqualTo("Stop and quit");
        assertThat(robot.lookup("#dialog-body").queryAs(Label.class).getText()).contains("stays recorded",
                "resume the deploy or to tear the hub down");
        ShownDialogs.click(robot, "#dialog-cancel");

        assertThat(question.isShowing()).isFalse();
        assertThat(stage.isShowing()).as("the user changed their mind").isTrue();
        assertThat(model.deploy().runningProperty().get()).isTrue();

        requestClose();
        dialog(robot);
        ShownDialogs.click(robot, "#dialog-confirm");

        assertThat(robot.lookup("#status").queryAs(Label.class).getText()).isEqualTo("Cancelling…");
        silentDocker.close(); // the step that waited for Docker returns, and sees it is cancelled
        waitUntil(() -> !stage.isShowing());
    }

    @Test
    void aCancelledRunSaysWhatExistsInAwsAndWhatItCosts(FxRobot robot) throws Exception {
        WizardViewModel model = open(robot);

        robot.clickOn("#cancel");
        silentDocker.close();
        waitUntil(() -> !model.deploy().runningProperty().get());

        assertThat(robot.lookup("#status").queryAs(Label.class).getText())
                .startsWith("Cancelled. In AWS now: 12 resources in AWS, about $");
        assertThat(robot.lookup("#notice-title").queryAs(Label.class).getText())
                .startsWith("Cancelled: 12 resources in AWS, about $");
        assertThat(robot.lookup("#notice-action-0").queryButton().getText()).isEqualTo("Resume");
    }
}
