package dev.hubwizard.ui;

import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.scene.control.Dialog;
import javafx.scene.control.DialogEvent;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.stage.WindowEvent;

/**
 * Where the app's secondary windows (dialogs, the log) appear and how big they are: centred on the app's
 * window, whatever the window manager does with a new window (some put it in the screen's corner), kept
 * on the screen, and grown when their content grows, so that no button ends up out of sight.
 */
public final class Windows {

    private Windows() {
    }

    /** Centres the window on its owner each time it is shown (on the screen, when it has none). */
    public static void centreOnOwner(Stage window) {
        window.addEventHandler(WindowEvent.WINDOW_SHOWN, e -> centre(window, window.getOwner()));
    }

    public static void centreOnOwner(Dialog<?> dialog) {
        dialog.addEventHandler(DialogEvent.DIALOG_SHOWN,
                e -> centre(dialog.getDialogPane().getScene().getWindow(), dialog.getOwner()));
    }

    /** Resizes the dialog to its content once the content has changed (a problem appeared under a field). */
    public static void fitContent(Dialog<?> dialog) {
        Platform.runLater(() -> {
            Window window = dialog.getDialogPane().getScene() == null ? null
                    : dialog.getDialogPane().getScene().getWindow();
            if (window != null && window.isShowing()) {
                double top = window.getY();
                window.sizeToScene();
                keepOnScreen(window, window.getX(), top);
            }
        });
    }

    static void centre(Window window, Window owner) {
        if (owner == null || !owner.isShowing()) {
            window.centerOnScreen();
            return;
        }
        double x = owner.getX() + (owner.getWidth() - window.getWidth()) / 2;
        // A third of the way down, as JavaFX itself centres: the eye starts near the top.
        double y = owner.getY() + (owner.getHeight() - window.getHeight()) / 3;
        keepOnScreen(window, x, y);
    }

    private static void keepOnScreen(Window window, double x, double y) {
        Rectangle2D screen = Screen.getScreensForRectangle(x, y, Math.max(1, window.getWidth()),
                Math.max(1, window.getHeight())).stream().findFirst().orElse(Screen.getPrimary())
                .getVisualBounds();
        window.setX(Math.max(screen.getMinX(), Math.min(x, screen.getMaxX() - window.getWidth())));
        window.setY(Math.max(screen.getMinY(), Math.min(y, screen.getMaxY() - window.getHeight())));
    }
}
