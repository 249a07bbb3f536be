package dev.hubwizard.ui;

import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBoxBase;
import javafx.scene.control.RadioButton;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;

import java.util.Optional;

/** Where the keyboard focus goes, for people who use the keyboard alone. */
public final class Focus {

    private Focus() {
    }

    /** Whether the focus is on {@code container} or inside it. */
    public static boolean isWithin(Scene scene, Node container) {
        Node owner = scene == null ? null : scene.getFocusOwner();
        for (Node node = owner; node != null; node = node.getParent()) {
            if (node == container) {
                return true;
            }
        }
        return false;
    }

    /** Focuses the first field (text, choice, check box) in {@code root}, in the order Tab visits them. */
    public static boolean first(Node root) {
        // A view shown for the first time has no skins yet, and without them no fields inside its controls.
        if (root instanceof Parent parent && parent.getScene() != null) {
            parent.applyCss();
        }
        Optional<Node> field = firstField(root);
        field.ifPresent(Node::requestFocus);
        return field.isPresent();
    }

    static Optional<Node> firstField(Node node) {
        if (!node.isVisible() || node.isDisabled()) {
            return Optional.empty();
        }
        if (isField(node) && node.isFocusTraversable()) {
            return Optional.of(node);
        }
        if (node instanceof Parent parent && !isField(node)) {
            for (Node child : parent.getChildrenUnmodifiable()) {
                Optional<Node> found = firstField(child);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    private static boolean isField(Node node) {
        return node instanceof TextInputControl || node instanceof ComboBoxBase<?> || node instanceof RadioButton
                || node instanceof CheckBox || node instanceof Spinner<?>;
    }

    /** Focuses the first of these that can take the focus now. */
    public static void firstOf(Node... candidates) {
        for (Node node : candidates) {
            if (node != null && node.isVisible() && !node.isDisabled() && node.getScene() != null) {
                node.requestFocus();
                return;
            }
        }
    }

    /**
     * Tab and Shift+Tab move the focus out of a text area, as in every other field, instead of typing a tab:
     * user lists have no use for tabs, and a keyboard user must not be trapped in the box.
     */
    public static void tabLeaves(TextArea area) {
        area.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.TAB && !e.isControlDown() && !e.isAltDown() && !e.isMetaDown()) {
                e.consume();
                // Ctrl+Tab is the text area's own "move the focus on".
                area.fireEvent(new KeyEvent(e.getSource(), e.getTarget(), KeyEvent.KEY_PRESSED, "", "",
                        KeyCode.TAB, e.isShiftDown(), true, false, false));
            }
        });
    }
}
