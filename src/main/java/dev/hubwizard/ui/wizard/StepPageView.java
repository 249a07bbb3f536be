package dev.hubwizard.ui.wizard;

import javafx.beans.binding.Bindings;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The page of a step that has no page of its own yet: what it does, and how far it is. */
public final class StepPageView extends VBox {

    public StepPageView(PageModel page) {
        super(12);
        getStyleClass().add("page");
        Label description = new Label(page.description());
        description.getStyleClass().add("page-description");
        description.setWrapText(true);

        ProgressBar bar = new ProgressBar();
        bar.setId("progress-" + page.id());
        bar.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(bar, Priority.ALWAYS);
        bar.progressProperty().bind(page.progressProperty());
        Label progressText = new Label();
        progressText.getStyleClass().add("progress-text");
        progressText.textProperty().bind(page.progressTextProperty());
        Label state = new Label();
        state.getStyleClass().add("page-state");
        state.textProperty().bind(Bindings.createStringBinding(() -> page.stateProperty().get().label(),
                page.stateProperty()));
        VBox progress = new VBox(6, new HBox(12, state, bar), progressText);
        progress.visibleProperty().bind(page.stateProperty().isNotEqualTo(PageState.IDLE));
        getChildren().addAll(description, progress);
    }
}
