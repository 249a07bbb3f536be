package dev.hubwizard.ui;

import javafx.scene.control.Control;
import javafx.scene.control.Tooltip;
import javafx.util.Duration;
import org.controlsfx.validation.Severity;
import org.controlsfx.validation.ValidationMessage;
import org.controlsfx.validation.decoration.ValidationDecoration;

/**
 * How ControlsFX validation marks a field with a problem here: the style class {@code field-error},
 * which the theme's CSS draws as a red border with an error icon, and a tooltip saying what is wrong
 * (the field's own tooltip comes back once the problem is fixed).
 *
 * <p>ControlsFX's own graphic decorations wrap the scene's root in a pane of theirs the first time
 * they decorate; that moves the whole view while the theme's colours are being looked up and logs
 * CSS errors. Drawing the mark with CSS keeps the scene as it is and lets each theme style it.
 */
public final class ProblemDecoration implements ValidationDecoration {

    public static final String ERROR_CLASS = "field-error";
    private static final String OWN_TOOLTIP = ProblemDecoration.class.getName() + ".ownTooltip";

    @Override
    public void removeDecorations(Control target) {
        target.getStyleClass().remove(ERROR_CLASS);
        if (target.getProperties().containsKey(OWN_TOOLTIP)) {
            target.setTooltip((Tooltip) target.getProperties().remove(OWN_TOOLTIP));
        }
    }

    @Override
    public void applyValidationDecoration(ValidationMessage message) {
        Control target = message.getTarget();
        if (message.getSeverity() != Severity.ERROR) {
            return;
        }
        if (!target.getStyleClass().contains(ERROR_CLASS)) {
            target.getStyleClass().add(ERROR_CLASS);
        }
        if (!target.getProperties().containsKey(OWN_TOOLTIP)) {
            target.getProperties().put(OWN_TOOLTIP, target.getTooltip());
        }
        Tooltip tooltip = new Tooltip(message.getText());
        tooltip.getStyleClass().add("problem-tooltip");
        tooltip.setWrapText(true);
        tooltip.setMaxWidth(420);
        tooltip.setShowDelay(Duration.millis(200));
        target.setTooltip(tooltip);
    }

    @Override
    public void applyRequiredDecoration(Control target) {
        // No field is marked as required: every field has a value or says what it needs.
    }
}
