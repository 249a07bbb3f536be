package dev.hubwizard.ui;

import dev.hubwizard.engine.Runner;
import dev.hubwizard.profile.Profile;
import dev.hubwizard.profile.ProfileStore;
import dev.hubwizard.ui.preferences.Preferences;
import dev.hubwizard.ui.preferences.PreferencesFile;
import dev.hubwizard.ui.preferences.WindowBounds;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A new hub from the start screen to a running deploy with the keyboard alone: Tab, Shift+Tab, Enter,
 * Space and typing, no mouse. On this machine the deploy's preflight finds no Docker and no AWS, as a
 * wizard without the test bed does: the walk ends on the run that says so.
 */
@ExtendWith(ApplicationExtension.class)
class KeyboardWalkTest {

    @TempDir
    Path home;

    private final Keyboard keys = new Keyboard();
    private ProfileStore store;
    private Runner runner;

    @Start
    void start(Stage stage) {
        store = new ProfileStore(home.resolve("profiles"));
        runner = Runner.withBackgroundThreads();
        BackgroundWork background = BackgroundWork.daemonThreads();
        PreferencesFile preferences = new PreferencesFile(home.resolve("settings.yaml"));
        AppWindow window = new AppWindow(stage, preferences, new Preferences(Theme.LIGHT, WindowBounds.sized(1100, 760)),
                background);
        Services services = SampleHubs.services(store, background, runner, home.resolve("logs"), SampleHubs.lookups(),
                url -> { });
        new Navigator(window, services).showStart();
    }

    @AfterEach
    void stop() {
        runner.close();
    }

    private static void waitUntil(BooleanSupplier condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, condition::getAsBoolean);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private String focused() {
        return keys.focusOwner().map(Node::getId).orElse("nothing");
    }

    @Test
    void aNewHubIsSetUpAndDeployedWithTheKeyboardAlone(FxRobot robot) throws Exception {
        waitUntil(() -> robot.lookup("#empty-new").tryQuery().map(Node::isVisible).orElse(false));

        // The start screen: Tab to "New hub…", Space.
        keys.tabTo("new", 20);
        keys.press(KeyCode.SPACE);
        keys.waitForWindow("New hub");
        assertThat(focused()).as("the name field, not OK").isEqualTo("dialog-name");
        keys.type("class-2025");
        keys.press(KeyCode.ENTER);

        // The wizard opens on the preflight; Next is reached with Tab and pressed with Space.
        waitUntil(() -> robot.lookup("#wizard-view").tryQuery().isPresent());
        Button next = keys.tabTo("next", 40) instanceof Button button ? button : null;
        assertThat(next).isNotNull();
        assertFocusRingVisible(next);
        keys.press(KeyCode.SPACE);

        // Settings: the focus is in the first field; Tab leaves the user lists instead of typing a tab.
        waitUntil(() -> "Settings".equals(robot.lookup("#page-title").queryAs(Label.class).getText()));
        waitUntil(() -> "people".equals(focused()));
        keys.type("25");
        keys.tabTo("admins", 20);
        keys.type("ada");
        keys.press(KeyCode.TAB);
        assertThat(focused()).isEqualTo("allowed-users");
        assertThat(robot.lookup("#admins").queryAs(TextArea.class).getText()).isEqualTo("ada");
        keys.type("grace\nalan");
        keys.press(KeyCode.TAB, true);
        assertThat(focused()).as("Shift+Tab goes back").isEqualTo("admins");
        keys.press(KeyCode.TAB);
        keys.tabTo("next", 120);
        keys.press(KeyCode.SPACE);

        // The plan: Deploy, with the keyboard.
        waitUntil(() -> "Plan and cost".equals(robot.lookup("#page-title").queryAs(Label.class).getText()));
        Profile saved = store.load("class-2025");
        assertThat(saved.hub().expectedUsers()).isEqualTo(25);
        assertThat(saved.hub().admins()).containsExactly("ada");
        assertThat(saved.hub().allowedUsers()).containsExactly("grace", "alan");
        assertThat(saved.task().cpu()).as("sized for 25 people").isEqualTo(4096);
        assertThat(saved.network().ingressCidr()).as("students at home get in").isEqualTo("0.0.0.0/0");
        keys.tabTo("run", 60);
        assertThat(robot.lookup("#run").queryButton().getText()).isEqualTo("Deploy");
        keys.press(KeyCode.SPACE);

        // The run starts with its preflight, which finds no Docker here, and says so on that page.
        waitUntil(() -> robot.lookup("#problem-panel").query().isVisible());
        assertThat(robot.lookup("#problem-what").queryAs(Label.class).getText()).contains("Docker");
        assertThat(robot.lookup("#page-title").queryAs(Label.class).getText()).isEqualTo("Preflight");
        assertThat(robot.lookup("#status").queryAs(Label.class).getText()).startsWith("Failed: ");
        assertThat(keys.focusOwner()).as("the focus stays in the window").isPresent();
        assertThat(List.of("retry", "show-details", "next", "run", "back")).contains(focused());
    }

    /** A focused blue button is ringed in a colour other than its own: the ring is seen. */
    private static void assertFocusRingVisible(Button button) {
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(button.isFocused()).isTrue();
        assertThat(button.isDefaultButton()).isTrue();
        Color ring = (Color) button.getBackground().getFills().get(0).getFill();
        assertThat(ring).isEqualTo(Color.web("#1f2933"));
    }
}
