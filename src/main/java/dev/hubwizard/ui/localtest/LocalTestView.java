package dev.hubwizard.ui.localtest;

import dev.hubwizard.ui.wizard.PageModel;
import dev.hubwizard.ui.wizard.StepPageView;
import javafx.beans.property.ObjectProperty;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

import java.net.URI;
import java.util.function.Consumer;

/**
 * The local test: once the hub answers, a link that opens it in the browser, and "Looks good" to go
 * on (the container is then stopped and removed) or "Something is wrong" to stop here.
 */
public final class LocalTestView extends VBox {

    public LocalTestView(PageModel page, ObjectProperty<URI> waitingAt, Runnable looksGood, Runnable reject,
                         Consumer<String> openUrl) {
        super(14);
        getStyleClass().add("page");
        Hyperlink link = new Hyperlink();
        link.setId("local-hub-link");
        link.getStyleClass().add("hub-link");
        link.setOnAction(e -> openUrl.accept(link.getText()));
        Label hint = new Label("Sign in as one of the admins with a password of your choice: the first sign-in "
                + "sets it. Look around, then say how it went.");
        hint.getStyleClass().add("page-description");
        hint.setWrapText(true);
        Button good = new Button("Looks good");
        good.setId("looks-good");
        good.getStyleClass().add("primary");
        good.setAccessibleHelp("The local hub works: stop it and go on");
        good.setOnAction(e -> looksGood.run());
        Button bad = new Button("Something is wrong");
        bad.setId("looks-wrong");
        bad.setAccessibleHelp("Stop the local hub and the deploy here");
        bad.setOnAction(e -> reject.run());
        VBox ready = new VBox(10, new Label("The hub runs on this computer:"), link, hint, new HBox(8, good, bad));
        ready.getStyleClass().add("ready-box");
        ready.visibleProperty().bind(waitingAt.isNotNull());
        ready.managedProperty().bind(waitingAt.isNotNull());
        waitingAt.addListener((obs, old, now) -> link.setText(now == null ? "" : now.toString()));
        getChildren().addAll(new StepPageView(page), ready);
    }
}
