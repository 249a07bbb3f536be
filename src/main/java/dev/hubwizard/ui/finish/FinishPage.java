package dev.hubwizard.ui.finish;

import dev.hubwizard.aws.HubAddress;
import dev.hubwizard.cost.CostEstimate;
import dev.hubwizard.cost.CostEstimator;
import dev.hubwizard.deploy.HubUrlStep;
import dev.hubwizard.engine.StepState;
import dev.hubwizard.aws.CognitoUsers.InvitedUser;
import dev.hubwizard.engine.ProblemException;
import dev.hubwizard.profile.Options;
import dev.hubwizard.profile.Profile;
import dev.hubwizard.profile.SignIn;
import dev.hubwizard.ui.BackgroundWork;
import dev.hubwizard.ui.Dialogs;
import dev.hubwizard.ui.wizard.DeployController;
import dev.hubwizard.ui.wizard.PageModel;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** The last page: the hub's address once it answers, its admins, and its running cost. */
public final class FinishPage extends PageModel {

    public static final String ID = "hub-url";

    private final Supplier<Profile> profile;
    private final Supplier<CostEstimator> costs;
    private final Invites invites;
    private final Dialogs dialogs;
    private final BackgroundWork background;
    private final StringProperty invited = new SimpleStringProperty("");
    private final StringProperty url = new SimpleStringProperty("");
    private final StringProperty addressNote = new SimpleStringProperty("");
    private final ObjectProperty<List<String>> admins = new SimpleObjectProperty<>(List.of());
    private final ObjectProperty<CostEstimate> cost = new SimpleObjectProperty<>();
    private final StringProperty usersPickedUp = new SimpleStringProperty("");
    private final Runnable editUsers;
    private final BackgroundWork.Job<String> pickedUp;

    public FinishPage(DeployController deploy, Supplier<Profile> profile, Supplier<CostEstimator> costs,
                      Invites invites, Dialogs dialogs, BackgroundWork background, Runnable editUsers,
                      BackgroundWork.Job<String> usersPickedUp) {
        super(ID, "Hub URL", "Finds the hub's address and waits until it answers.", List.of(HubUrlStep.ID));
        this.profile = profile;
        this.costs = costs;
        this.invites = invites;
        this.dialogs = dialogs;
        this.background = background;
        this.editUsers = editUsers;
        this.pickedUp = usersPickedUp;
        url.set(profile.get().deployment().url());
        deploy.onStepEvent(event -> {
            if (event.stepId().equals(HubUrlStep.ID) && event.state() == StepState.DONE) {
                deploy.values().flatMap(v -> v.get(HubUrlStep.HUB_URL)).map(HubAddress::url)
                        .ifPresent(address -> url.set(address.toString()));
            }
        });
    }

    /** How long the wait usually is: CloudFront's deployment of a new address or of a change takes minutes. */
    @Override
    public String typicalWait() {
        if (profile.get().options().awsAddress()) {
            return "Waiting until CloudFront serves the hub at its HTTPS address: a new address usually takes 5 to 15"
                    + " minutes to reach CloudFront's edge locations, a change of the hub's task 2 to 5.";
        }
        return "Waiting until the hub answers at its address: usually under a minute once the service is stable;"
                + " behind a load balancer its health checks take 1 to 3 minutes more.";
    }

    /** Whether people's passwords travel encrypted, in a sentence; what to do when they do not. */
    public StringProperty addressNoteProperty() {
        return addressNote;
    }

    private static String addressNote(Options options) {
        if (options.awsAddress()) {
            return "HTTPS on an AWS address: passwords and notebooks travel encrypted, and the address stays the same"
                    + " when the hub is redeployed or AWS replaces its task. Only CloudFront reaches the hub itself.";
        }
        if (options.ownDomain()) {
            return "HTTPS on " + options.domainName() + ": passwords and notebooks travel encrypted.";
        }
        return "Plain HTTP: passwords cross the network unencrypted. Turn on \"HTTPS on an AWS address\" on the"
                + " Settings page and redeploy to fix it.";
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

    /** When the running hub last picked up its lists of users, in words. */
    public StringProperty usersPickedUpProperty() {
        return usersPickedUp;
    }

    /** Opens the users editor: users change while the hub runs. */
    public void editUsers() {
        editUsers.run();
    }

    /** Who is invited to the hub's Cognito sign-in, in words; empty when the hub signs in otherwise. */
    public StringProperty invitedProperty() {
        return invited;
    }

    /** Cognito sign-in: people are invited (Cognito e-mails them a temporary password). */
    public boolean invites() {
        return profile.get().hub().signIn() == SignIn.COGNITO;
    }

    @Override
    public void shown() {
        admins.set(profile.get().hub().admins());
        addressNote.set(addressNote(profile.get().options()));
        cost.set(costs.get().estimate(profile.get()));
        if (!urlProperty().get().isBlank()) {
            background.run(pickedUp, words -> usersPickedUp.set("Users: " + words),
                    failure -> usersPickedUp.set("Users: " + ProblemException.of(failure).what()));
        }
        if (invites() && !urlProperty().get().isBlank()) {
            background.run(invites::invited, this::showInvited,
                    failure -> invited.set("Could not list who is invited: " + ProblemException.of(failure).text()));
        }
    }

    /** Asks whom to invite, then invites them in the background and lists everyone invited. */
    public void invite() {
        Profile hub = profile.get();
        Optional<String> text = dialogs.askLines("Invite users", "Whom should Cognito invite to " + hub.name() + "?",
                "One person per line: their e-mail address (when their hub name is that address), or their hub "
                        + "name and e-mail address. Cognito e-mails each a temporary password.",
                "", typed -> InvitationList.problem(typed, hub));
        text.ifPresent(typed -> {
            invited.set("Inviting…");
            background.run(() -> {
                invites.invite(InvitationList.parse(typed));
                return invites.invited();
            }, this::showInvited, failure -> {
                invited.set("");
                dialogs.showProblem(ProblemException.of(failure));
            });
        });
    }

    private void showInvited(List<InvitedUser> users) {
        invited.set(users.isEmpty() ? "Nobody is invited yet." : "Invited: " + String.join(", ", users.stream()
                .map(u -> u.userName() + (u.status().equals("CONFIRMED") ? "" : " (invitation sent)")).toList()));
    }
}
