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
import java.util.Optional;

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
    private String typicalWait = "";

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

    /**
     * Says what the page's steps wait for and how long that usually takes, for steps that cannot say how
     * far they are (waiting for AWS); shown while they run.
     */
    public PageModel typically(String wait) {
        this.typicalWait = wait;
        return this;
    }

    /** What the page's steps wait for and how long that usually takes; empty when they say how far they are. */
    public String typicalWait() {
        return typicalWait;
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
     * Called when the user leaves this page, whichever way (Next, Back, another step, All hubs, closing the
     * window); calls {@code proceed} (on the FX thread) when the wizard may move on. A page that must finish
     * something first, such as saving, does it here and keeps itself invalid meanwhile; one that cannot
     * does not call {@code proceed} and says why.
     */
    public void beforeLeave(Runnable proceed) {
        proceed.run();
    }

    /** What leaving now would throw away because {@link #beforeLeave} cannot keep it; empty when nothing. */
    public Optional<String> wouldLose() {
        return Optional.empty();
    }

    /** Throws away what {@link #wouldLose} names, when the user chose to leave all the same. */
    public void discard() {
    }
}
