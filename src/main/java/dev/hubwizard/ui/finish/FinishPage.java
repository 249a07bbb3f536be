package dev.hubwizard.ui.finish;

import dev.hubwizard.aws.HubAddress;
import dev.hubwizard.cost.CostEstimate;
import dev.hubwizard.cost.CostEstimator;
import dev.hubwizard.deploy.HubUrlStep;
import dev.hubwizard.engine.StepState;
import dev.hubwizard.profile.Profile;
import dev.hubwizard.ui.wizard.DeployController;
import dev.hubwizard.ui.wizard.PageModel;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.util.List;
import java.util.function.Supplier;

/** The last page: the hub's address once it answers, its admins, and its running cost. */
public final class FinishPage extends PageModel {

    public static final String ID = "hub-url";

    private final Supplier<Profile> profile;
    private final Supplier<CostEstimator> costs;
    private final StringProperty url = new SimpleStringProperty("");
    private final ObjectProperty<List<String>> admins = new SimpleObjectProperty<>(List.of());
    private final ObjectProperty<CostEstimate> cost = new SimpleObjectProperty<>();

    public FinishPage(DeployController deploy, Supplier<Profile> profile, Supplier<CostEstimator> costs) {
        super(ID, "Hub URL", "Finds the hub's address and waits until it answers.", List.of(HubUrlStep.ID));
        this.profile = profile;
        this.costs = costs;
        url.set(profile.get().deployment().url());
        deploy.onStepEvent(event -> {
            if (event.stepId().equals(HubUrlStep.ID) && event.state() == StepState.DONE) {
                deploy.values().flatMap(v -> v.get(HubUrlStep.HUB_URL)).map(HubAddress::url)
                        .ifPresent(address -> url.set(address.toString()));
            }
        });
    }

    public StringProperty urlProperty() {
        return url;
    }

    public ObjectProperty<List<String>> adminsProperty() {
        return admins;
    }

    public ObjectProperty<CostEstimate> costProperty() {
        return cost;
    }

    @Override
    public void shown() {
        admins.set(profile.get().hub().admins());
        cost.set(costs.get().estimate(profile.get()));
    }
}
