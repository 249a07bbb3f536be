package dev.hubwizard.ui.wizard;

import dev.hubwizard.engine.Problem;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * What failed, why, and what to do next, with "Retry step" and "Show details" (the full log). Shown
 * over the page whose step failed; never a bare stack trace.
 */
public final class ProblemPanel extends VBox {

    public ProblemPanel(ObservableValue<Problem> problem, Runnable retry, Runnable showDetails) {
        this(problem, retry, showDetails, null);
    }

    /**
     * @param signInAgain signs in to AWS again, then retries: offered (as the main button) when the problem's
     *                    remedy is signing in; null where the page cannot offer it
     */
    public ProblemPanel(ObservableValue<Problem> problem, Runnable retry, Runnable showDetails,
                        Runnable signInAgain) {
        super(6);
        setId("problem-panel");
        getStyleClass().add("problem-panel");
        Label what = new Label();
        what.setId("problem-what");
        what.getStyleClass().add("problem-what");
        what.setWrapText(true);
        Label why = new Label();
        why.setId("problem-why");
        why.getStyleClass().add("problem-why");
        why.setWrapText(true);
        Label next = new Label();
        next.setId("problem-next");
        next.getStyleClass().add("problem-next");
        next.setWrapText(true);
        Button retryButton = new Button("Retry step");
        retryButton.setId("retry");
        retryButton.setAccessibleHelp("Run the failed step again");
        retryButton.setOnAction(e -> retry.run());
        Button details = new Button("Show details");
        details.setId("show-details");
        details.setAccessibleHelp("Show the full log of this run");
        details.setOnAction(e -> showDetails.run());
        Button signIn = new Button("Sign in again");
        signIn.setId("sign-in-again");
        signIn.getStyleClass().add("accent");
        signIn.setAccessibleHelp("Sign in to AWS again, then run the failed step again");
        signIn.setOnAction(e -> signInAgain.run());
        BooleanBinding offered = Bindings.createBooleanBinding(
                () -> signInAgain != null && problem.getValue() != null
                        && problem.getValue().remedy() == Problem.Remedy.SIGN_IN,
                problem);
        signIn.visibleProperty().bind(offered);
        signIn.managedProperty().bind(offered);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox buttons = new HBox(8, spacer, details, retryButton, signIn);
        // What to do must be read in full, however small the window: the page below gives way instead.
        for (Label label : new Label[] {what, why, next}) {
            label.setMinHeight(Region.USE_PREF_SIZE);
        }
        buttons.setAlignment(Pos.CENTER_RIGHT);
        getChildren().addAll(what, why, next, buttons);
        problem.addListener((obs, old, now) -> show(now, what, why, next));
        show(problem.getValue(), what, why, next);
    }

    private void show(Problem problem, Label what, Label why, Label next) {
        setVisible(problem != null);
        setManaged(problem != null);
        if (problem != null) {
            what.setText(problem.what());
            why.setText(problem.why().isBlank() ? "" : "Why: " + problem.why());
            why.setManaged(!problem.why().isBlank());
            next.setText(problem.next().isBlank() ? "" : "What to do: " + problem.next());
            next.setManaged(!problem.next().isBlank());
        }
    }
}
