package dev.hubwizard.ui.plan;

import dev.hubwizard.cost.CostEstimate;
import dev.hubwizard.cost.CostEstimator;
import dev.hubwizard.deploy.HubUrlStep;
import dev.hubwizard.engine.Preview.StepPreview;
import dev.hubwizard.profile.Profile;
import dev.hubwizard.ui.wizard.DeployController;
import dev.hubwizard.ui.wizard.PageModel;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

import java.util.List;
import java.util.function.Supplier;

/**
 * The plan page: what the deploy will create, reuse or change, asked of the engine's own steps each
 * time the page is shown, and what it costs. Its Run button is Deploy: the whole plan.
 */
public final class PlanPage extends PageModel {

    public static final String ID = "plan";

    private final DeployController deploy;
    private final Supplier<Profile> profile;
    private final Supplier<CostEstimator> costs;
    private final ObjectProperty<List<StepPreview>> previews = new SimpleObjectProperty<>();
    private final ObjectProperty<CostEstimate> cost = new SimpleObjectProperty<>();

    public PlanPage(DeployController deploy, Supplier<Profile> profile, Supplier<CostEstimator> costs) {
        super(ID, "Plan and cost", "Nothing has changed in AWS yet. This is what Deploy will do, as each step "
                        + "sees your account right now, and what the hub will cost a month while it runs.", List.of(),
                List.of(HubUrlStep.ID), "Deploy");
        this.deploy = deploy;
        this.profile = profile;
        this.costs = costs;
    }

    public ObjectProperty<List<StepPreview>> previewsProperty() {
        return previews;
    }

    public ObjectProperty<CostEstimate> costProperty() {
        return cost;
    }

    @Override
    public void shown() {
        cost.set(costs.get().estimate(profile.get()));
        if (!deploy.runningProperty().get()) {
            previews.set(null);
            deploy.preview(previews::set);
        }
    }
}
