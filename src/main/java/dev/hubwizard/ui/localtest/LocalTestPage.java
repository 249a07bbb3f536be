package dev.hubwizard.ui.localtest;

import dev.hubwizard.deploy.LocalTestStep;
import dev.hubwizard.deploy.ManualApproval;
import dev.hubwizard.ui.wizard.PageModel;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

import java.net.URI;
import java.util.List;

/**
 * The local test page: while the hub runs on this computer it offers the link and waits for the
 * person's verdict; the step (and so the deploy) goes on only after "Looks good".
 */
public final class LocalTestPage extends PageModel {

    public static final String ID = "test-local";

    private final ObjectProperty<URI> waitingAt = new SimpleObjectProperty<>();
    private final ManualApproval approval;

    /** @param onWaiting told (on the FX thread) that the hub waits for the person's verdict */
    public LocalTestPage(Runnable onWaiting) {
        super(ID, "Test locally", "Starts the image on this computer and waits until the hub answers, so a broken "
                + "image never reaches AWS. Then open it, look around, and say whether it looks right.",
                List.of(LocalTestStep.ID));
        approval = new ManualApproval(url -> Platform.runLater(() -> {
            waitingAt.set(url);
            onWaiting.run();
        }));
    }

    /** What the deploy plan's local test step asks. */
    public ManualApproval approval() {
        return approval;
    }

    public ObjectProperty<URI> waitingAtProperty() {
        return waitingAt;
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
