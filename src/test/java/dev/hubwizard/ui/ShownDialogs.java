package dev.hubwizard.ui;

import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.stage.Window;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A real dialog's nodes as a person meets them: only once the dialog is on the screen where it stays. A lookup
 * finds a dialog's button while its window is still being shown, before it has a place (its screen bounds are
 * NaN) or before it is centred on the app's window; a click aimed then lands beside the button, and the dialog
 * waits for a click that never comes. A closed dialog's nodes also linger until collected.
 */
public final class ShownDialogs {

    private ShownDialogs() {
    }

    /**
     * The node of the dialog showing now, once its place on the screen has stayed the same across two rounds of
     * the FX thread's events.
     */
    public static Node showing(FxRobot robot, String query, int seconds) throws TimeoutException {
        AtomicReference<Bounds> seen = new AtomicReference<>();
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> {
            Optional<Node> node = find(robot, query);
            WaitForAsyncUtils.waitForFxEvents();
            Bounds now = node.isEmpty() ? null : onScreen(node.get());
            Bounds before = seen.getAndSet(now);
            return now != null && now.equals(before);
        });
        return find(robot, query).orElseThrow();
    }

    /**
     * Clicks the button of the dialog showing now, then waits for the dialog to close, as each of the app's
     * dialog buttons closes its dialog; if it stays, says where the click went and where the button was.
     */
    public static void click(FxRobot robot, String query) throws TimeoutException {
        Node button = showing(robot, query, 60);
        Window window = button.getScene().getWindow();
        Bounds place = onScreen(button);
        javafx.geometry.Point2D aimedAt = robot.point(button).query();
        robot.clickOn(button);
        try {
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !window.isShowing());
        } catch (TimeoutException e) {
            throw new AssertionError("The click on " + query + " at " + aimedAt + " did not close its dialog. The"
                    + " button was at " + place + ", and is at " + onScreen(button) + "; the mouse is at "
                    + robot.robotContext().getBaseRobot().retrieveMouse() + ".", e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static Optional<Node> find(FxRobot robot, String query) {
        return robot.lookup(query).match((Node n) -> n.getScene() != null && n.getScene().getWindow() != null
                && n.getScene().getWindow().isShowing()).tryQuery();
    }

    /** Where the node is on the screen, asked on the FX thread; null while its window has no place yet. */
    private static Bounds onScreen(Node node) {
        try {
            Bounds bounds = WaitForAsyncUtils.asyncFx(() -> node.localToScreen(node.getBoundsInLocal())).get(10,
                    TimeUnit.SECONDS);
            return bounds == null || Double.isNaN(bounds.getMinX()) || Double.isNaN(bounds.getMinY()) ? null : bounds;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
            return null;
        }
    }
}
