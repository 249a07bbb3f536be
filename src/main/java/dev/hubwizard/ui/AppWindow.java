package dev.hubwizard.ui;

import dev.hubwizard.ui.preferences.Preferences;
import dev.hubwizard.ui.preferences.PreferencesFile;
import dev.hubwizard.ui.preferences.WindowBounds;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ChangeListener;
import javafx.geometry.Pos;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.controlsfx.control.ToggleSwitch;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The app's one window: shows the start screen or a wizard in one scene, in the chosen theme, and
 * remembers its size, position and theme across runs ({@link PreferencesFile}). A saved position
 * that is off every screen now (a monitor unplugged since) is ignored and the window is centred.
 * A maximised window stays maximised when a dialog opens over it.
 */
public final class AppWindow {

    private final Stage stage;
    private final Scene scene;
    private final PreferencesFile preferencesFile;
    private final BackgroundWork background;
    private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>();
    /** The theme switches' side of the theme: they bind to it both ways, weakly, so old views are not kept. */
    private final BooleanProperty dark = new SimpleBooleanProperty();
    private final Dialogs dialogs;
    private WindowBounds normal;
    private WindowBounds beforeLastChange;

    public AppWindow(Stage stage, PreferencesFile preferencesFile, Preferences preferences, BackgroundWork background) {
        this.stage = stage;
        this.preferencesFile = preferencesFile;
        this.background = background;
        this.scene = new Scene(new Region());
        this.dialogs = new JavaFxDialogs(() -> stage, theme::get);
        stage.setScene(scene);
        // The window's own icon (task bar, Alt+Tab); the same picture as the installers'.
        stage.getIcons().add(new javafx.scene.image.Image(
                java.util.Objects.requireNonNull(AppWindow.class.getResource("hubwizard.png")).toExternalForm()));
        stage.setMinWidth(900);
        stage.setMinHeight(600);
        place(preferences.window().fitTo(screens()));
        theme.set(preferences.theme());
        theme.get().applyTo(scene);
        dark.set(theme.get() == Theme.DARK);
        dark.addListener((obs, old, now) -> theme.set(now ? Theme.DARK : Theme.LIGHT));
        theme.addListener((obs, old, now) -> {
            now.applyTo(scene);
            dark.set(now == Theme.DARK);
            saveInBackground();
        });
        trackNormalBounds();
        keepMaximized();
    }

    /**
     * Some Linux window managers shrink a maximised JavaFX window to its minimum size when a modal dialog
     * opens over it, while it still reports being maximised (JDK-8332222, fixed after JavaFX 21). A
     * maximised window that shrinks far below its screen is maximised again; one the window manager leaves
     * as it is (no change follows) is left alone.
     */
    private void keepMaximized() {
        ChangeListener<Number> shrunk = (obs, old, now) -> {
            if (!stage.isMaximized() || stage.isIconified() || now.doubleValue() >= old.doubleValue()) {
                return;
            }
            Rectangle2D screen = Screen.getScreensForRectangle(stage.getX(), stage.getY(), 1, 1).stream()
                    .findFirst().orElse(Screen.getPrimary()).getVisualBounds();
            if (stage.getWidth() < screen.getWidth() * 0.8 || stage.getHeight() < screen.getHeight() * 0.8) {
                // Once the shrinking is done: the window fills its screen again, as maximised.
                Platform.runLater(() -> {
                    if (stage.isMaximized()) {
                        stage.setX(screen.getMinX());
                        stage.setY(screen.getMinY());
                        stage.setWidth(screen.getWidth());
                        stage.setHeight(screen.getHeight());
                    }
                });
            }
        };
        stage.widthProperty().addListener(shrunk);
        stage.heightProperty().addListener(shrunk);
    }

    private static List<Rectangle2D> screens() {
        List<Rectangle2D> screens = new ArrayList<>();
        screens.add(Screen.getPrimary().getVisualBounds());
        Screen.getScreens().stream().filter(s -> !s.equals(Screen.getPrimary()))
                .forEach(s -> screens.add(s.getVisualBounds()));
        return screens;
    }

    private void place(WindowBounds bounds) {
        stage.setWidth(bounds.width());
        stage.setHeight(bounds.height());
        if (bounds.hasPosition()) {
            stage.setX(bounds.x());
            stage.setY(bounds.y());
        } else {
            stage.centerOnScreen();
        }
        stage.setMaximized(bounds.maximized());
        normal = new WindowBounds(bounds.x(), bounds.y(), bounds.width(), bounds.height(), false);
        beforeLastChange = normal;
    }

    /**
     * Remembers the window's normal bounds, not the maximized ones: maximizing moves and resizes the
     * window before it reports being maximized on some platforms, so that last change is undone then.
     */
    private void trackNormalBounds() {
        ChangeListener<Number> moved = (obs, old, now) -> {
            if (!stage.isMaximized() && !stage.isIconified() && !stage.isFullScreen()) {
                beforeLastChange = normal;
                normal = new WindowBounds(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(), false);
            }
        };
        stage.xProperty().addListener(moved);
        stage.yProperty().addListener(moved);
        stage.widthProperty().addListener(moved);
        stage.heightProperty().addListener(moved);
        stage.maximizedProperty().addListener((obs, old, maximized) -> {
            if (maximized && normal.width() == stage.getWidth() && normal.height() == stage.getHeight()) {
                normal = beforeLastChange;
            }
        });
    }

    /** Shows {@code root} in the window under {@code title}, and the window itself if it is not yet showing. */
    public void show(Parent root, String title) {
        scene.setRoot(root);
        stage.setTitle(title);
        if (!stage.isShowing()) {
            stage.show();
        }
    }

    public void setTitle(String title) {
        stage.setTitle(title);
    }

    public Stage stage() {
        return stage;
    }

    public Dialogs dialogs() {
        return dialogs;
    }

    public ObjectProperty<Theme> themeProperty() {
        return theme;
    }

    /**
     * A new light/dark switch for a view's header or side bar; all switches show the same theme.
     * ControlsFX's switch toggles with Space and with a click on the switch itself; its label is a
     * label of its own here, so that a click on the words toggles it too.
     */
    public Node themeSwitch() {
        ToggleSwitch toggle = new ToggleSwitch();
        toggle.setId("theme-switch");
        toggle.setAccessibleText("Dark theme");
        toggle.setAccessibleHelp("Switches between the light and the dark look");
        toggle.selectedProperty().bindBidirectional(dark);
        Label label = new Label("Dark theme");
        label.setLabelFor(toggle);
        label.setOnMouseClicked(e -> toggle.setSelected(!toggle.isSelected()));
        HBox box = new HBox(8, label, toggle);
        box.setAlignment(Pos.CENTER_LEFT);
        box.getStyleClass().add("theme-switch");
        return box;
    }

    /** The preferences as they are now: the theme and the window's normal bounds. */
    public Preferences preferences() {
        return new Preferences(theme.get(), new WindowBounds(normal.x(), normal.y(), normal.width(), normal.height(),
                stage.isMaximized()));
    }

    /** Writes the preferences now, on the calling thread: for when the app closes and the window is gone. */
    public void savePreferences() throws IOException {
        preferencesFile.write(preferences());
    }

    private void saveInBackground() {
        Preferences now = preferences();
        background.run(() -> {
            preferencesFile.write(now);
            return now;
        }, saved -> { }, failure -> System.getLogger(AppWindow.class.getName())
                .log(System.Logger.Level.WARNING, "Could not save preferences to " + preferencesFile.file(), failure));
    }
}
