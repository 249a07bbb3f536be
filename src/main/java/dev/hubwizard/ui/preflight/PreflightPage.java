package dev.hubwizard.ui.preflight;

import dev.hubwizard.deploy.PreflightReport;
import dev.hubwizard.deploy.PreflightStep;
import dev.hubwizard.ui.wizard.DeployController;
import dev.hubwizard.ui.wizard.PageModel;
import dev.hubwizard.ui.wizard.PageState;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

import java.util.List;
import java.util.function.Consumer;

/** The preflight page: runs its checks as soon as it is shown, and holds what they found. */
public final class PreflightPage extends PageModel {

    public static final String ID = "preflight";

    private final DeployController deploy;
    private final ObjectProperty<PreflightReport> report = new SimpleObjectProperty<>();
    private Consumer<String> settingOpener = key -> { };
    private Runnable signIn;

    public PreflightPage(DeployController deploy) {
        super(ID, "Preflight", "Before anything runs: is Docker running, do AWS credentials work and whose account "
                + "are they, which region, is the local test's port free, does this computer build images for the "
                + "Fargate platform, is the hub image folder complete, and is there room for one more VPC.",
                List.of(PreflightStep.ID), List.of(PreflightStep.ID), "Check again");
        this.deploy = deploy;
        deploy.onStepEvent(event -> {
            if (event.stepId().equals(PreflightStep.ID) && event.state().isFinished()) {
                report.set(deploy.values().flatMap(v -> v.get(PreflightStep.REPORT)).orElse(null));
            }
        });
    }

    public ObjectProperty<PreflightReport> reportProperty() {
        return report;
    }

    /** What "Sign in to AWS…" on the credentials check does; the wizard sets it. */
    public void signInWith(Runnable signIn) {
        this.signIn = signIn;
    }

    public void signIn() {
        if (signIn != null) {
            signIn.run();
        }
    }

    /** @param opener shows the settings page at the field with the profile key it is given */
    public void onOpenSetting(Consumer<String> opener) {
        this.settingOpener = opener;
    }

    /** A check's fix is a setting: show it, ready to change. */
    public void openSetting(String key) {
        settingOpener.accept(key);
    }

    @Override
    public void shown() {
        if (stateProperty().get() == PageState.IDLE && !deploy.runningProperty().get()) {
            deploy.run(List.of(PreflightStep.ID));
        }
    }
}
