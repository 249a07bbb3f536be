package dev.hubwizard.ui.wizard;

import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.util.Duration;
import javafx.scene.layout.VBox;

/** The page of a step that has no page of its own yet: what it does, and how far it is. */
public final class StepPageView extends VBox {

    public StepPageView(PageModel page) {
        super(12);
        getStyleClass().add("page");
        Label description = new Label(page.description());
        description.getStyleClass().add("page-description");
        description.setWrapText(true);
        description.setMinHeight(Region.USE_PREF_SIZE);

        ProgressBar bar = new ProgressBar();
        bar.setId("progress-" + page.id());
        bar.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(bar, Priority.ALWAYS);
        bar.progressProperty().bind(page.progressProperty());
        Label progressText = new Label();
        progressText.setId("progress-text-" + page.id());
        progressText.getStyleClass().add("progress-text");
        progressText.setWrapText(true);
        progressText.setMinHeight(Region.USE_PREF_SIZE);
        // A step that cannot say how far it is: what it waits for, and how long that usually takes.
        progressText.textProperty().bind(Bindings.createStringBinding(() -> {
            String said = page.progressTextProperty().get();
            return said.isEmpty() && page.stateProperty().get() == PageState.RUNNING ? page.typicalWait() : said;
        }, page.progressTextProperty(), page.stateProperty()));
        Label state = new Label();
        state.getStyleClass().add("page-state");
        state.textProperty().bind(Bindings.createStringBinding(() -> page.stateProperty().get().label(),
                page.stateProperty()));
        Label elapsed = new Label();
        elapsed.setId("elapsed-" + page.id());
        elapsed.getStyleClass().add("elapsed");
        elapsed.setMinWidth(Region.USE_PREF_SIZE);
        ticking(page, elapsed);
        HBox barRow = new HBox(12, state, bar, elapsed);
        barRow.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        VBox progress = new VBox(6, barRow, progressText);
        progress.visibleProperty().bind(page.stateProperty().isNotEqualTo(PageState.IDLE));
        getChildren().addAll(description, progress);
    }

    /**
     * A clock while the page's steps run: where the amount of work is unknown (waiting for the service
     * to be stable), the time gone by is what tells the user that something still happens.
     */
    private static void ticking(PageModel page, Label elapsed) {
        long[] started = new long[1];
        Timeline clock = new Timeline(new KeyFrame(Duration.seconds(1),
                e -> elapsed.setText(clockText(System.nanoTime() - started[0]))));
        clock.setCycleCount(Animation.INDEFINITE);
        page.stateProperty().addListener((obs, old, now) -> {
            if (now == PageState.RUNNING && old != PageState.RUNNING) {
                started[0] = System.nanoTime();
                elapsed.setText(clockText(0));
                clock.play();
            } else if (now != PageState.RUNNING) {
                clock.stop();
                elapsed.setText("");
            }
        });
    }

    static String clockText(long nanos) {
        long seconds = nanos / 1_000_000_000L;
        return String.format(java.util.Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }
}
