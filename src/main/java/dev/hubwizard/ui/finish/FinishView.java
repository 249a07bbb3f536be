package dev.hubwizard.ui.finish;

import dev.hubwizard.cost.CostEstimate;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.StringProperty;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The end of the wizard: the hub's address to click or copy, who the admins are, what to do next,
 * and what it costs while it runs.
 */
public final class FinishView extends VBox {

    public FinishView(javafx.scene.Node stepState, FinishPage page, Consumer<String> openUrl, Consumer<String> copy) {
        super(14);
        StringProperty url = page.urlProperty();
        ObjectProperty<List<String>> admins = page.adminsProperty();
        ObjectProperty<CostEstimate> cost = page.costProperty();
        getStyleClass().addAll("page", "finish");
        Label lead = new Label("Your hub is running at");
        lead.getStyleClass().add("page-description");
        Hyperlink link = new Hyperlink();
        link.setId("hub-link");
        link.getStyleClass().addAll("hub-link", "hub-link-big");
        link.textProperty().bind(url);
        link.setOnAction(e -> openUrl.accept(url.get()));
        Button copyButton = new Button("Copy");
        copyButton.setId("copy-url");
        copyButton.setAccessibleHelp("Copy the hub's address");
        copyButton.setOnAction(e -> copy.accept(url.get()));
        HBox address = new HBox(10, link, copyButton);
        address.setAlignment(javafx.geometry.Pos.CENTER_LEFT);

        Label addressNote = new Label();
        addressNote.setId("finish-address-note");
        addressNote.textProperty().bind(page.addressNoteProperty());
        addressNote.getStyleClass().add("finish-next");
        page.addressNoteProperty().addListener((obs, old, now) -> {
            addressNote.getStyleClass().remove("warning-note");
            if (now.startsWith("Plain HTTP")) {
                addressNote.getStyleClass().add("warning-note");
            }
        });
        addressNote.setWrapText(true);
        addressNote.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);

        Label adminLine = new Label();
        adminLine.setId("finish-admins");
        adminLine.setWrapText(true);
        adminLine.textProperty().bind(Bindings.createStringBinding(() -> admins.get() == null ? ""
                : "Admins: " + String.join(", ", admins.get()), admins));

        Button users = new Button("Change users…");
        users.setId("finish-users");
        users.setAccessibleHelp("Add or remove admins and allowed users while the hub runs");
        users.setOnAction(e -> page.editUsers());
        Label pickedUp = new Label();
        pickedUp.setId("finish-users-picked-up");
        pickedUp.setWrapText(true);
        pickedUp.getStyleClass().add("hint");
        pickedUp.textProperty().bind(page.usersPickedUpProperty());
        HBox usersLine = new HBox(10, users, pickedUp);
        usersLine.setAlignment(javafx.geometry.Pos.CENTER_LEFT);

        Label next = new Label(nextSteps(page.invites()));
        next.setId("finish-next");
        next.getStyleClass().add("finish-next");
        next.setWrapText(true);
        next.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);

        Label costLine = new Label();
        costLine.setId("finish-cost");
        costLine.getStyleClass().add("cost-total");
        costLine.textProperty().bind(Bindings.createStringBinding(() -> cost.get() == null ? ""
                : "While it runs the hub costs " + cost.get().summary() + ".", cost));

        Button invite = new Button("Invite users…");
        invite.setId("invite-users");
        invite.setAccessibleHelp("Cognito e-mails each person a temporary password");
        invite.setOnAction(e -> page.invite());
        Label invitedLine = new Label();
        invitedLine.setId("finish-invited");
        invitedLine.setWrapText(true);
        invitedLine.textProperty().bind(page.invitedProperty());
        HBox invitations = new HBox(10, invite, invitedLine);
        invitations.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        invitations.setVisible(page.invites());
        invitations.setManaged(page.invites());

        VBox ready = new VBox(12, lead, address, addressNote, adminLine, usersLine, invitations, next, costLine);
        ready.visibleProperty().bind(url.isNotEmpty());
        ready.managedProperty().bind(url.isNotEmpty());
        getChildren().addAll(stepState, ready);
    }

    /**
     * What to do once the hub runs. With passwords set at first sign-in, whoever signs in first with an allowed
     * name owns it, until the hub can refuse that: so the person is told to send the address at once.
     */
    static String nextSteps(boolean invites) {
        List<String> steps = new ArrayList<>();
        if (invites) {
            steps.add("Open the address and sign in as an admin with the temporary password Cognito e-mailed you.");
            steps.add("Invite your users with Invite users: Cognito e-mails each a temporary password.");
        } else {
            steps.add("Open the address now and sign in as an admin: the first sign-in with a name sets its password.");
            steps.add("Send the address to each allowed user right away, and ask them to sign in soon: whoever signs in"
                    + " first with an allowed name sets its password and owns that name. Anyone who finds their name"
                    + " taken should tell you at once. The hub keeps the passwords across restarts and redeploys.");
        }
        steps.add("To add or remove users, press Change users: the running hub picks the change up within a minute.");
        steps.add("When you no longer need the hub, Tear down on the start screen removes everything it created.");
        return "What next:\n" + String.join("\n", steps.stream().map(step -> "•  " + step).toList());
    }
}
