package dev.hubwizard.ui.finish;

import dev.hubwizard.aws.CognitoUsers.InvitedUser;
import dev.hubwizard.aws.CognitoUsers.Invitation;
import dev.hubwizard.cost.CostEstimator;
import dev.hubwizard.cost.PriceList;
import dev.hubwizard.engine.Journal;
import dev.hubwizard.engine.JournalStore;
import dev.hubwizard.engine.Plan;
import dev.hubwizard.engine.ProblemException;
import dev.hubwizard.engine.Runner;
import dev.hubwizard.engine.Session;
import dev.hubwizard.profile.CognitoSettings;
import dev.hubwizard.profile.DeploymentState;
import dev.hubwizard.profile.DeploymentStatus;
import dev.hubwizard.profile.HubSettings;
import dev.hubwizard.profile.Options;
import dev.hubwizard.profile.Profile;
import dev.hubwizard.profile.SignIn;
import dev.hubwizard.ui.BackgroundWork;
import dev.hubwizard.ui.ScriptedDialogs;
import dev.hubwizard.ui.wizard.DeployController;
import dev.hubwizard.ui.wizard.DeploySource;
import org.testfx.api.FxToolkit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The finish page's Cognito invitations: what the dialog accepts, what is invited, what is shown. */
class FinishPageTest {

    @TempDir
    Path logs;

    private final Runner runner = Runner.withBackgroundThreads();
    private final ScriptedDialogs dialogs = new ScriptedDialogs();
    private final List<Invitation> sent = new ArrayList<>();
    private final List<InvitedUser> pool = new ArrayList<>();

    private final Invites invites = new Invites() {
        @Override
        public List<InvitedUser> invited() {
            return List.copyOf(pool);
        }

        @Override
        public void invite(List<Invitation> invitations) throws Exception {
            if (invitations.stream().anyMatch(i -> i.email().endsWith("@bounce.example"))) {
                throw new ProblemException("Nobody was invited", "Cognito refused the address", "Check it");
            }
            sent.addAll(invitations);
            invitations.forEach(i -> pool.add(new InvitedUser(i.userName(), i.email(), "FORCE_CHANGE_PASSWORD", true)));
        }
    };

    /** The deploy controller hands events to the FX thread: start the toolkit the way TestFX does. */
    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void close() {
        runner.close();
    }

    private FinishPage page(SignIn signIn) {
        return page(signIn, new Options(true, "hub.example.org", false));
    }

    private FinishPage page(SignIn signIn, Options options) {
        Profile profile = Profile.named("team-hub")
                .withOptions(options)
                .withHub(new HubSettings("", List.of("ada"), List.of("grace_example_org", "linus"), signIn,
                        new CognitoSettings("team-hub-users", "team-hub"), 8000, false))
                .withDeployment(new DeploymentState(DeploymentStatus.DEPLOYED, List.of(), "", "", "", "",
                        "https://hub.example.org/", Instant.now()));
        DeployController deploy = new DeployController(DeploySource.of(runner, FinishPageTest::session,
                () -> new Plan("none", List.of())), logs, "team-hub");
        return new FinishPage(deploy, () -> profile, () -> new CostEstimator(PriceList.bundled()), invites, dialogs,
                BackgroundWork.onCallingThread(), () -> { }, () -> "The hub picked up these lists at 14:02:11.");
    }

    private static Session session() {
        try {
            return new Session(new Journal(JournalStore.inMemory()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aCognitoHubInvitesByEmailAndShowsWhoIsInvited() {
        FinishPage page = page(SignIn.COGNITO);
        page.shown();
        assertThat(page.invites()).isTrue();
        assertThat(page.invitedProperty().get()).isEqualTo("Nobody is invited yet.");

        dialogs.answer("Grace@Example.org\nlinus linus@example.org");
        page.invite();

        assertThat(sent).containsExactly(new Invitation("grace_example_org", "Grace@Example.org"),
                new Invitation("linus", "linus@example.org"));
        assertThat(page.invitedProperty().get())
                .isEqualTo("Invited: grace_example_org (invitation sent), linus (invitation sent)");
    }

    @Test
    void theDialogRefusesSomeoneWhoIsNotAHubUser() {
        Profile profile = Profile.named("team-hub").withHub(new HubSettings("", List.of("ada"), List.of("linus"),
                SignIn.COGNITO, null, 8000, false));

        assertThat(InvitationList.problem("mallory mallory@example.org", profile)).get().asString()
                .contains("mallory is not one of the hub's users");
        assertThat(InvitationList.problem("", profile)).get().asString().startsWith("Write one person per line");
        assertThat(InvitationList.problem("linus linus@example.org", profile)).isEmpty();
    }

    @Test
    void aRefusedInvitationIsExplained() {
        FinishPage page = page(SignIn.COGNITO);
        dialogs.answer("linus linus@bounce.example");

        page.invite();

        assertThat(dialogs.problems).singleElement().satisfies(p -> assertThat(p.what()).isEqualTo("Nobody was invited"));
        assertThat(sent).isEmpty();
    }

    @Test
    void thePageSaysWhetherPasswordsTravelEncryptedAndHowLongCloudFrontTakes() {
        FinishPage aws = page(SignIn.FIRST_USE_PASSWORD, Options.NEW_HUB);
        aws.shown();
        assertThat(aws.addressNoteProperty().get()).startsWith("HTTPS on an AWS address: passwords and notebooks"
                + " travel encrypted").contains("the address stays the same");
        assertThat(aws.typicalWait()).contains("CloudFront", "5 to 15 minutes", "2 to 5");

        FinishPage plain = page(SignIn.FIRST_USE_PASSWORD, Options.NONE);
        plain.shown();
        assertThat(plain.addressNoteProperty().get()).startsWith("Plain HTTP: passwords cross the network"
                + " unencrypted").contains("Turn on \"HTTPS on an AWS address\"");
        assertThat(plain.typicalWait()).doesNotContain("CloudFront");

        FinishPage domain = page(SignIn.FIRST_USE_PASSWORD);
        domain.shown();
        assertThat(domain.addressNoteProperty().get()).isEqualTo("HTTPS on hub.example.org: passwords and notebooks"
                + " travel encrypted.");
    }

    @Test
    void aHubWithFirstUsePasswordsInvitesNobody() {
        assertThat(page(SignIn.FIRST_USE_PASSWORD).invites()).isFalse();
    }
}
