package dev.hubwizard.ui.steps;

import dev.hubwizard.ui.wizard.PageModel;
import dev.hubwizard.ui.wizard.PageState;
import javafx.beans.value.ChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

import java.time.Duration;
import java.util.Arrays;

/** A row of the step list: state icon (a CSS shape), number and title, and the duration once done. */
public final class StepListCell extends ListCell<PageModel> {

    private static final String[] STATE_CLASSES =
            Arrays.stream(PageState.values()).map(StepListCell::styleClass).toArray(String[]::new);

    private final Region icon = new Region();
    private final Label title = new Label();
    private final Label duration = new Label();
    private final HBox row = new HBox(8, icon, title, duration);
    private final ChangeListener<Object> refresh = (obs, old, now) -> refresh();
    private final Tooltip tooltip = new Tooltip();
    private PageModel shown;

    public StepListCell() {
        getStyleClass().add("step-cell");
        // As wide as the list, never wider: a long title wraps onto a second line rather than being
        // cut or scrolled sideways.
        setPrefWidth(0);
        icon.getStyleClass().add("step-icon");
        duration.getStyleClass().add("step-duration");
        // The duration is short and always whole; a long title gives way instead.
        duration.setMinWidth(Region.USE_PREF_SIZE);
        title.getStyleClass().add("step-title");
        title.setWrapText(true);
        title.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(title, Priority.ALWAYS);
        row.setAlignment(Pos.CENTER_LEFT);
    }

    @Override
    protected void updateItem(PageModel page, boolean empty) {
        super.updateItem(page, empty);
        if (shown != null) {
            shown.stateProperty().removeListener(refresh);
            shown.durationProperty().removeListener(refresh);
        }
        shown = empty ? null : page;
        if (shown == null) {
            setGraphic(null);
            setText(null);
            setTooltip(null);
            return;
        }
        shown.stateProperty().addListener(refresh);
        shown.durationProperty().addListener(refresh);
        refresh();
        setGraphic(row);
        setTooltip(tooltip);
    }

    private void refresh() {
        PageModel page = shown;
        if (page == null) {
            return;
        }
        title.setText((getIndex() + 1) + "  " + page.title());
        tooltip.setText(page.title() + " — " + page.stateProperty().get().label());
        PageState state = page.stateProperty().get();
        getStyleClass().removeAll(STATE_CLASSES);
        getStyleClass().add(styleClass(state));
        Duration took = page.durationProperty().get();
        duration.setText(state == PageState.DONE && !page.stepIds().isEmpty() ? format(took) : "");
        setAccessibleText(page.title() + ", " + state.label());
    }

    static String styleClass(PageState state) {
        return "state-" + state.name().toLowerCase();
    }

    static String format(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds < 60) {
            return String.format(java.util.Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
        }
        return seconds / 60 + " min " + seconds % 60 + " s";
    }
}
