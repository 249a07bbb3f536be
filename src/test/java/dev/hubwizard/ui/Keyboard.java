package dev.hubwizard.ui;

import javafx.application.Platform;
import javafx.event.Event;
import javafx.event.EventTarget;
import javafx.event.EventType;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.testfx.util.WaitForAsyncUtils;

import java.util.Optional;
import java.util.function.Consumer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A keyboard for UI tests: keys go to the focused node of the focused window, as a desktop delivers them,
 * through the scene's whole dispatch chain (so Tab moves the focus, Enter presses the default button,
 * Space the focused one). Each key is sent without waiting for its effect, because a key may open a
 * modal dialog whose nested event loop only returns once the dialog is closed.
 */
public final class Keyboard {

    public void press(KeyCode key) {
        press(key, false);
    }

    public void press(KeyCode key, boolean shift) {
        send(target -> {
            fire(target, KeyEvent.KEY_PRESSED, "", key, shift);
            fire(target, KeyEvent.KEY_RELEASED, "", key, shift);
        });
    }

    /** Types text: each character pressed, typed and released (a new line is Enter). */
    public void type(String text) {
        for (char c : text.toCharArray()) {
            if (c == '\n') {
                press(KeyCode.ENTER);
                continue;
            }
            String character = String.valueOf(c);
            send(target -> {
                fire(target, KeyEvent.KEY_PRESSED, "", KeyCode.UNDEFINED, false);
                fire(target, KeyEvent.KEY_TYPED, character, KeyCode.UNDEFINED, false);
                fire(target, KeyEvent.KEY_RELEASED, "", KeyCode.UNDEFINED, false);
            });
        }
    }

    /** Presses Tab until the node with this id has the focus; fails when it is not reached. */
    public Node tabTo(String id, int atMost) throws TimeoutException {
        for (int i = 0; i <= atMost; i++) {
            Optional<Node> owner = focusOwner();
            if (owner.isPresent() && id.equals(owner.get().getId())) {
                return owner.get();
            }
            press(KeyCode.TAB);
        }
        throw new AssertionError("Tab did not reach #" + id + " in " + atMost + " presses; the focus is on "
                + focusOwner().map(Node::toString).orElse("nothing"));
    }

    /** The focus owner of the focused window, once events have settled. */
    public Optional<Node> focusOwner() {
        WaitForAsyncUtils.waitForFxEvents();
        try {
            return WaitForAsyncUtils.asyncFx(() -> focusedScene().map(Scene::getFocusOwner)).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the FX thread did not answer", e);
        }
    }

    /** Waits until a window of this title has the focus (a dialog that opened). */
    public void waitForWindow(String title) throws TimeoutException {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> focusedScene()
                .map(scene -> scene.getWindow() instanceof Stage stage && title.equals(stage.getTitle()))
                .orElse(false));
    }

    private static Optional<Scene> focusedScene() {
        return Window.getWindows().stream().filter(Window::isFocused).reduce((first, last) -> last)
                .or(() -> Window.getWindows().stream().reduce((first, last) -> last)).map(Window::getScene);
    }

    private static void send(Consumer<EventTarget> keys) {
        Platform.runLater(() -> focusedScene().ifPresent(scene -> keys.accept(
                scene.getFocusOwner() != null ? scene.getFocusOwner() : scene)));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static void fire(EventTarget target, EventType<KeyEvent> type, String character,
                             KeyCode key, boolean shift) {
        Event.fireEvent(target, new KeyEvent(type, character, "", key, shift, false, false, false));
    }
}
