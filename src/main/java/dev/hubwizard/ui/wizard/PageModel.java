package dev.hubwizard.ui.wizard;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.time.Duration;
import java.util.List;

/**
 * One page of the wizard: what it is, which engine steps it runs, and their live state. Pages with
 * no steps (settings, plan) only gate Next through {@link #validProperty()}.
 */
public class PageModel {

    private final String id;
    private final String title;
    private final String description;
    private final List<String> stepIds;
    private final List<String> runTargets;
    private final String runLabel;
    private final ObjectProperty<PageState> state = new SimpleObjectProperty<>(PageState.IDLE);
    private final ObjectProperty<Duration> duration = new SimpleObjectProperty<>(Duration.ZERO);
    private final DoubleProperty progress = new SimpleDoubleProperty(0);
    private final StringProperty progressText = new SimpleStringProperty("");
    private final BooleanProperty valid = new SimpleBooleanProperty(true);
    private final StringProperty blockedReason = new SimpleStringProperty("");

    public PageModel(String id, String title, String description, List<String> stepIds) {
        this(id, title, description, stepIds, stepIds, "Run");
    }

    /**
     * @param stepIds    the steps whose state this page shows in the step list
     * @param runTargets what Run runs (with whatever they need that has not run yet); usually the same
     * @param runLabel   the Run button's text on this page ("Deploy" on the plan page)
     */
    public PageModel(String id, String title, String description, List<String> stepIds, List<String> runTargets,
                     String runLabel) {
        this.id = id;
        this.title = title;
        this.description = description;
        this.stepIds = List.copyOf(stepIds);
        this.runTargets = List.copyOf(runTargets);
        this.runLabel = runLabel;
    }

    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    public String description() {
        return description;
    }

    public List<String> stepIds() {
        return stepIds;
    }

    public List<String> runTargets() {
        return runTargets;
    }

    public String runLabel() {
        return runLabel;
    }

    public boolean runsSteps() {
        return !runTargets.isEmpty();
    }

    /** Called each time the page comes into view; a page that loads or checks something on sight does it here. */
    public void shown() {
    }

    public ObjectProperty<PageState> stateProperty() {
        return state;
    }

    /** How long the page's steps took, shown in the step list once done. */
    public ObjectProperty<Duration> durationProperty() {
        return duration;
    }

    /** 0..1 when the amount of work is known, -1 when it is not (a spinner and a timer then). */
    public DoubleProperty progressProperty() {
        return progress;
    }

    public StringProperty progressTextProperty() {
        return progressText;
    }

    /** Whether Next may leave this page. */
    public BooleanProperty validProperty() {
        return valid;
    }

    /** Why Next is disabled, in words the user can act on. */
    public StringProperty blockedReasonProperty() {
        return blockedReason;
    }

    /**
     * Called when the user presses Next on this page; calls {@code proceed} (on the FX thread) when the
     * wizard may move on. A page that must finish something first, such as saving, does it here and
     * keeps itself invalid meanwhile; one that fails does not call {@code proceed} and says why.
     */
    public void beforeNext(Runnable proceed) {
        proceed.run();
    }
}
