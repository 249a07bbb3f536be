package dev.hubwizard.ui;

import dev.hubwizard.engine.Runner;
import dev.hubwizard.profile.ProfileStore;
import dev.hubwizard.ui.preferences.Preferences;
import dev.hubwizard.ui.preferences.PreferencesFile;
import dev.hubwizard.ui.preferences.WindowBounds;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** The app's window, headless: remembered bounds and theme, and going between the start screen and a wizard. */
@ExtendWith(ApplicationExtension.class)
class AppWindowTest {

    private static final WindowBounds SAVED = new WindowBounds(120, 90, 1000, 650, false);

    @TempDir
    Path home;

    private Stage stage;
    private PreferencesFile preferences;
    private AppWindow window;
    private ProfileStore store;
    private Runner runner;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        preferences = new PreferencesFile(home.resolve("settings.yaml"));
        preferences.write(new Preferences(Theme.LIGHT, SAVED));
        store = new ProfileStore(home.resolve("profiles"));
        SampleHubs.populate(store);
        runner = Runner.withBackgroundThreads();
        BackgroundWork background = BackgroundWork.daemonThreads();
        window = new AppWindow(stage, preferences, preferences.read(), background);
        Services services = SampleHubs.services(store, background, runner, home.resolve("logs"),
                SampleHubs.lookups(), url -> { });
        new Navigator(window, services).showStart();
    }

    @AfterEach
    void stop() {
        runner.close();
    }

    private static void waitUntil(BooleanSupplier condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, condition::getAsBoolean);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void theWindowOpensWhereItWasAndItsNewBoundsAreSavedForNextTime(FxRobot robot) throws Exception {
        assertThat(new double[] {stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight()})
                .containsExactly(120, 90, 1000, 650);

        robot.interact(() -> {
            stage.setX(200);
            stage.setWidth(1050);
        });
        robot.interact(() -> {
            try {
                window.savePreferences();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });

        assertThat(preferences.read().window()).isEqualTo(new WindowBounds(200, 90, 1050, 650, false));
        assertThat(Files.readString(preferences.file())).contains("window.x: 200", "window.width: 1050");
    }

    @Test
    void aMaximisedWindowThatTheWindowManagerShrinksIsMaximisedAgain(FxRobot robot) throws Exception {
        robot.interact(() -> stage.setMaximized(true));
        waitUntil(() -> stage.getWidth() > 1000);
        double maximizedWidth = stage.getWidth();
        double maximizedHeight = stage.getHeight();

        // What some window managers do to a maximised window when a modal dialog opens over it.
        robot.interact(() -> {
            stage.setWidth(900);
            stage.setHeight(600);
        });

        waitUntil(() -> stage.getWidth() == maximizedWidth && stage.getHeight() == maximizedHeight);
        assertThat(stage.isMaximized()).isTrue();
        robot.interact(() -> stage.setMaximized(false));
        assertThat(window.preferences().window()).as("the normal bounds are kept for un-maximising")
                .isEqualTo(new WindowBounds(120, 90, 1000, 650, false));
    }

    @Test
    void aPositionOffEveryScreenIsIgnored(FxRobot robot) {
        Stage[] other = new Stage[1];
        robot.interact(() -> {
            other[0] = new Stage();
            new AppWindow(other[0], new PreferencesFile(home.resolve("other.yaml")),
                    new Preferences(Theme.LIGHT, new WindowBounds(5000, 4000, 1000, 650, false)),
                    BackgroundWork.onCallingThread()).show(new javafx.scene.layout.Pane(), "other");
        });

        var screen = Screen.getPrimary().getVisualBounds();
        assertThat(other[0].getX()).isBetween(screen.getMinX(), screen.getMaxX() - 100);
        assertThat(other[0].getY()).isBetween(screen.getMinY(), screen.getMaxY() - 100);
        robot.interact(other[0]::close);
    }

    @Test
    void theThemeSwitchSwapsTheStylesheetsAndIsRemembered(FxRobot robot) throws Exception {
        assertThat(stage.getScene().getStylesheets()).noneMatch(s -> s.endsWith("dark.css"));

        robot.clickOn("#theme-switch");

        assertThat(window.themeProperty().get()).isEqualTo(Theme.DARK);
        assertThat(stage.getScene().getStylesheets()).containsExactlyElementsOf(Theme.DARK.stylesheets());
        waitUntil(() -> preferences.read().theme() == Theme.DARK);

        robot.clickOn("#theme-switch");

        assertThat(stage.getScene().getStylesheets()).containsExactlyElementsOf(Theme.LIGHT.stylesheets());
        waitUntil(() -> preferences.read().theme() == Theme.LIGHT);
    }

    @Test
    void openShowsTheHubsWizardWithItsNameInTheTitleAndAllHubsGoesBack(FxRobot robot) throws Exception {
        assertThat(stage.getTitle()).isEqualTo("Hub Wizard");
        waitUntil(() -> robot.lookup("team-hub").tryQuery().isPresent());

        robot.doubleClickOn("team-hub");

        waitUntil(() -> robot.lookup("#wizard-view").tryQuery().isPresent());
        assertThat(stage.getTitle()).isEqualTo("Hub Wizard — team-hub");
        robot.clickOn("#theme-switch");
        assertThat(window.themeProperty().get()).as("the wizard's switch is the same switch").isEqualTo(Theme.DARK);

        // The wizard opens on the preflight, which checks at once (here: no Docker, no AWS) and keeps
        // "All hubs" disabled while it runs.
        waitUntil(() -> !robot.lookup("#all-hubs").query().isDisabled());
        robot.clickOn("#all-hubs");

        assertThat(robot.lookup("#start-view").tryQuery()).isPresent();
        assertThat(robot.lookup("#wizard-view").tryQuery()).isEmpty();
        assertThat(stage.getTitle()).isEqualTo("Hub Wizard");
        assertThat(stage.getScene().getStylesheets()).containsExactlyElementsOf(Theme.DARK.stylesheets());
    }
}
