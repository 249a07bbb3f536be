package dev.hubwizard.ui.localtest;

import dev.hubwizard.deploy.LocalTestCheck;
import dev.hubwizard.deploy.LocalTestStep;
import dev.hubwizard.deploy.ManualApproval;
import dev.hubwizard.hub.HubCheck;
import dev.hubwizard.ui.wizard.PageModel;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.net.URI;
import java.util.Arrays;
import java.util.List;

/**
 * The local test page: the checks as they pass (the hub answers, a throwaway person signs in, gets a
 * server and runs code), then, while the hub still runs on this computer, the link and the person's verdict;
 * the step (and so the deploy) goes on only after "Looks good".
 */
public final class LocalTestPage extends PageModel {

    public static final String ID = "test-local";

    private final ObjectProperty<URI> waitingAt = new SimpleObjectProperty<>();
    private final ObservableList<LocalTestCheck> checks = FXCollections.observableArrayList(waiting());
    private final ManualApproval approval;

    /** @param onWaiting told (on the FX thread) that the hub waits for the person's verdict */
    public LocalTestPage(Runnable onWaiting) {
        super(ID, "Test locally", "Starts the image on this computer and uses it as a person would: signs in as a "
                + "throwaway admin, starts a notebook server and runs a line of Python. A broken image never "
                + "reaches AWS. Then open it yourself, look around, and say whether it looks right.",
                List.of(LocalTestStep.ID));
        approval = new ManualApproval(url -> Platform.runLater(() -> {
            waitingAt.set(url);
            onWaiting.run();
        }), check -> Platform.runLater(() -> show(check)));
    }

    /** What the deploy plan's local test step asks. */
    public ManualApproval approval() {
        return approval;
    }

    public ObjectProperty<URI> waitingAtProperty() {
        return waitingAt;
    }

    /** The four checks in order, each as it stands. */
    public ObservableList<LocalTestCheck> checks() {
        return checks;
    }

    /** A check's news; the first check starting means a new run, so the others start over. */
    void show(LocalTestCheck check) {
        if (check.check() == HubCheck.HUB_ANSWERS && check.status() == LocalTestCheck.Status.RUNNING) {
            checks.setAll(waiting());
        }
        checks.set(check.check().ordinal(), check);
    }

    private static List<LocalTestCheck> waiting() {
        return Arrays.stream(HubCheck.values()).map(LocalTestCheck::waiting).toList();
    }

    public void looksGood() {
        waitingAt.set(null);
        approval.looksGood();
    }

    public void reject() {
        waitingAt.set(null);
        approval.reject();
    }
}
