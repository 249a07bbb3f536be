package dev.hubwizard.ui.log;

import dev.hubwizard.engine.LogLevel;
import dev.hubwizard.engine.LogLine;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.css.PseudoClass;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.skin.VirtualFlow;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.Map;

/**
 * A virtualized list of log lines, coloured by level through CSS style classes. It follows new lines
 * only while the user is at the bottom: scrolling up to read something stops the following.
 */
public final class LogPane extends ListView<LogLine> {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());
    private static final Map<LogLevel, PseudoClass> LEVELS = new EnumMap<>(LogLevel.class);

    static {
        for (LogLevel level : LogLevel.values()) {
            LEVELS.put(level, PseudoClass.getPseudoClass(level.name().toLowerCase()));
        }
    }

    private final ListChangeListener<LogLine> follower = change -> followIfAtBottom();
    private boolean wasAtBottom = true;

    /** A page's log: every line is of the page's own steps. */
    public LogPane() {
        this(false);
    }

    /** @param showSteps say which step each line is of, for the log of a whole run */
    public LogPane(boolean showSteps) {
        getStyleClass().add("log-pane");
        setId("log-pane");
        setAccessibleText("Log");
        setFocusTraversable(true);
        setCellFactory(list -> new LineCell(showSteps));
        itemsProperty().addListener((obs, old, now) -> {
            if (old != null) {
                old.removeListener(follower);
            }
            if (now != null) {
                now.addListener(follower);
                wasAtBottom = true;
                scrollToEnd();
            }
        });
        // Remember where the user was before a batch lands; the batch itself moves the last index.
        addEventFilter(javafx.scene.input.ScrollEvent.SCROLL, e -> {
            if (e.getDeltaY() > 0) {
                wasAtBottom = false;
            }
        });
        skinProperty().addListener((obs, old, skin) -> {
            VirtualFlow<?> flow = flow();
            if (flow != null) {
                flow.positionProperty().addListener((o, a, b) -> wasAtBottom = isAtBottom());
            }
        });
    }

    public void show(ObservableList<LogLine> lines) {
        setItems(lines);
    }

    private void followIfAtBottom() {
        if (wasAtBottom) {
            scrollToEnd();
        }
    }

    private void scrollToEnd() {
        if (getItems() != null && !getItems().isEmpty()) {
            scrollTo(getItems().size() - 1);
        }
    }

    private boolean isAtBottom() {
        VirtualFlow<?> flow = flow();
        if (flow == null || getItems() == null || getItems().isEmpty()) {
            return true;
        }
        IndexedCell<?> last = flow.getLastVisibleCell();
        return last == null || last.getIndex() >= getItems().size() - 1 || flow.getPosition() >= 0.999;
    }

    private VirtualFlow<?> flow() {
        return lookup(".virtual-flow") instanceof VirtualFlow<?> flow ? flow : null;
    }

    static String format(LogLine line) {
        return TIME.format(line.time()) + "  " + line.text();
    }

    static String formatWithStep(LogLine line) {
        return TIME.format(line.time()) + "  " + (line.stepId().isEmpty() ? "" : "[" + line.stepId() + "]  ")
                + line.text();
    }

    /**
     * Levels are pseudo-classes ({@code :warn}, {@code :error}), not style classes: switching a
     * pseudo-class only re-matches the cell's selectors, while changing style classes re-applies all
     * CSS to the cell, and cells are reused for other lines at every scroll.
     */
    private static final class LineCell extends ListCell<LogLine> {
        private final boolean showSteps;
        private LogLevel shown;

        LineCell(boolean showSteps) {
            this.showSteps = showSteps;
        }

        @Override
        protected void updateItem(LogLine line, boolean empty) {
            super.updateItem(line, empty);
            LogLevel level = empty || line == null ? null : line.level();
            if (level != shown) {
                if (shown != null) {
                    pseudoClassStateChanged(LEVELS.get(shown), false);
                }
                if (level != null) {
                    pseudoClassStateChanged(LEVELS.get(level), true);
                }
                shown = level;
            }
            setText(level == null ? null : showSteps ? formatWithStep(line) : format(line));
        }
    }
}
