package dev.hubwizard.ui.plan;

import dev.hubwizard.cost.CostEstimate;
import dev.hubwizard.cost.CostLine;
import dev.hubwizard.engine.Intent;
import dev.hubwizard.engine.Problem;
import dev.hubwizard.engine.Preview.StepPreview;
import javafx.beans.property.ObjectProperty;
import javafx.geometry.HPos;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Before the first change in AWS: every resource the deploy will create, reuse or change, as the
 * engine's own steps report it, and what the hub will cost a month. A problem that kept several steps
 * from looking (no credentials, say) is said once, above them, not once per step.
 */
public final class PlanView extends VBox {

    private final GridPane intents = new GridPane();
    private final GridPane costs = new GridPane();
    private final Label total = new Label();
    private final Label attribution = new Label();

    public PlanView(String description, ObjectProperty<List<StepPreview>> previews, ObjectProperty<CostEstimate> cost) {
        super(14);
        getStyleClass().addAll("page", "plan");
        Label intro = new Label(description);
        intro.getStyleClass().add("page-description");
        intro.setWrapText(true);
        intro.setMinHeight(Region.USE_PREF_SIZE);
        Label loading = new Label("Asking AWS what exists already…");
        loading.getStyleClass().add("progress-text");
        loading.visibleProperty().bind(previews.isNull());
        loading.managedProperty().bind(previews.isNull());
        intents.setId("plan-intents");
        intents.getStyleClass().add("plan-intents");
        intents.setHgap(12);
        intents.setVgap(6);
        ColumnConstraints badge = new ColumnConstraints();
        badge.setMinWidth(70);
        badge.setHalignment(HPos.LEFT);
        ColumnConstraints what = new ColumnConstraints();
        what.setPercentWidth(38);
        ColumnConstraints detail = new ColumnConstraints();
        detail.setHgrow(Priority.ALWAYS);
        intents.getColumnConstraints().addAll(badge, what, detail);

        Label costTitle = new Label("Cost");
        costTitle.getStyleClass().add("section-title");
        costs.setId("plan-costs");
        costs.getStyleClass().add("cost-lines");
        costs.setHgap(16);
        costs.setVgap(4);
        // What and how much keep their width; the basis, the longest, wraps.
        ColumnConstraints costItem = new ColumnConstraints();
        costItem.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints costAmount = new ColumnConstraints();
        costAmount.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints costBasis = new ColumnConstraints();
        costBasis.setHgrow(Priority.ALWAYS);
        costs.getColumnConstraints().addAll(costItem, costAmount, costBasis);
        total.setId("plan-total");
        total.getStyleClass().add("cost-total");
        total.setWrapText(true);
        attribution.getStyleClass().add("cost-attribution");
        attribution.setWrapText(true);
        VBox costBox = new VBox(6, costTitle, costs, total, attribution);
        costBox.getStyleClass().add("cost-box");

        VBox content = new VBox(14, intents, costBox);
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("plain-scroll");
        VBox.setVgrow(scroll, Priority.ALWAYS);
        getChildren().addAll(intro, loading, scroll);
        previews.addListener((obs, old, now) -> showIntents(now));
        cost.addListener((obs, old, now) -> showCost(now));
        showIntents(previews.get());
        showCost(cost.get());
    }

    private void showIntents(List<StepPreview> previews) {
        intents.getChildren().clear();
        if (previews == null) {
            return;
        }
        int row = 0;
        Map<Problem, List<String>> shared = sharedProblems(previews);
        for (Map.Entry<Problem, List<String>> problem : shared.entrySet()) {
            intents.add(sharedProblem(problem.getKey(), problem.getValue()), 0, row++, 3, 1);
        }
        for (StepPreview preview : previews) {
            boolean saidAbove = preview.problem() != null && shared.containsKey(preview.problem());
            if (preview.intents().isEmpty() && (preview.problem() == null || saidAbove)) {
                continue; // nothing to say this time (no option was turned off, say), or said above
            }
            Label step = new Label(preview.title());
            step.getStyleClass().add("plan-step");
            intents.add(step, 0, row++, 3, 1);
            if (preview.problem() != null && !saidAbove) {
                Label problem = new Label("Could not check: " + preview.problem().text());
                problem.getStyleClass().add("plan-problem");
                problem.setWrapText(true);
                intents.add(problem, 1, row++, 2, 1);
            }
            for (Intent intent : preview.intents()) {
                Label action = new Label(label(intent.action()));
                action.getStyleClass().addAll("intent-badge", "intent-" + intent.action().name().toLowerCase(Locale.ROOT));
                Label what = new Label(intent.action() == Intent.Action.RUN ? intent.name()
                        : intent.kind() + " " + intent.name());
                what.getStyleClass().add("intent-what");
                what.setWrapText(true);
                intents.add(action, 0, row);
                if (intent.action() == Intent.Action.RUN) {
                    // A step that creates nothing says what it does in one sentence, across both columns.
                    intents.add(what, 1, row++, 2, 1);
                    continue;
                }
                Label detail = new Label(intent.detail());
                detail.getStyleClass().add("intent-detail");
                detail.setWrapText(true);
                GridPane.setHgrow(detail, Priority.ALWAYS);
                intents.add(what, 1, row);
                intents.add(detail, 2, row++);
            }
        }
    }

    /** The problems that kept more than one step from looking, with the titles of those steps. */
    static Map<Problem, List<String>> sharedProblems(List<StepPreview> previews) {
        Map<Problem, List<String>> steps = new LinkedHashMap<>();
        for (StepPreview preview : previews) {
            if (preview.problem() != null) {
                steps.computeIfAbsent(preview.problem(), p -> new ArrayList<>()).add(preview.title());
            }
        }
        steps.values().removeIf(titles -> titles.size() < 2);
        return steps;
    }

    private static VBox sharedProblem(Problem problem, List<String> steps) {
        Label what = new Label("Could not ask AWS what exists: " + problem.what());
        what.getStyleClass().add("problem-title");
        VBox card = new VBox(4, what);
        if (!problem.why().isBlank()) {
            card.getChildren().add(new Label("Why: " + problem.why()));
        }
        if (!problem.next().isBlank()) {
            card.getChildren().add(new Label("What to do: " + problem.next()));
        }
        Label which = new Label("Not checked: " + String.join(", ", steps) + ".");
        which.getStyleClass().add("problem-fix");
        card.getChildren().add(which);
        card.getChildren().forEach(node -> {
            Label label = (Label) node;
            label.setWrapText(true);
            label.setMinHeight(Region.USE_PREF_SIZE);
        });
        card.setId("plan-shared-problem");
        card.getStyleClass().add("problem-card");
        return card;
    }

    static String label(Intent.Action action) {
        return switch (action) {
            case CREATE -> "Create";
            case REUSE -> "Reuse";
            case CHANGE -> "Change";
            case DELETE -> "Delete";
            case KEEP -> "Keep";
            case RUN -> "Run";
        };
    }

    private void showCost(CostEstimate estimate) {
        costs.getChildren().clear();
        if (estimate == null) {
            total.setText("");
            attribution.setText("");
            return;
        }
        int row = 0;
        for (CostLine line : estimate.lines()) {
            Label item = new Label(line.item());
            Label amount = new Label(CostEstimate.dollars(line.monthly()));
            amount.getStyleClass().add("cost-amount");
            Label basis = new Label(line.basis());
            basis.getStyleClass().add("cost-basis");
            basis.setWrapText(true);
            costs.addRow(row++, item, amount, basis);
        }
        String paused = estimate.pausedSummary();
        total.setText((estimate.known() ? "In all: " + estimate.summary() : estimate.summary())
                + (paused.isEmpty() ? "" : "; " + paused + " (Pause on the start screen stops the task; the rest"
                + " stays and costs)"));
        attribution.setText(estimate.attribution());
    }

    /** For the finish page and the profile: one line. */
    static HBox costLine(CostEstimate estimate) {
        return new HBox(new Label(estimate.summary()));
    }
}
