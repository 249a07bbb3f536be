package dev.hubwizard.deploy;

import dev.hubwizard.aws.CognitoUsers.Invitation;
import dev.hubwizard.profile.HubSettings;
import dev.hubwizard.profile.Profile;
import dev.hubwizard.profile.SignIn;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Only the hub's own users are invited, each to an e-mail address. */
class InviteUsersStepTest {

    private static final Profile HUB = Profile.named("team-hub").withHub(new HubSettings("", List.of("ada"),
            List.of("carol_example_org"), SignIn.COGNITO, null, 0, false));

    @Test
    void aNameThatWasAnAddressIsInvitedByItsAddress() {
        Invitation carol = Invitation.byEmail(" Carol@Example.org ");

        assertThat(carol).isEqualTo(new Invitation("carol_example_org", "Carol@Example.org"));
        assertThat(InviteUsersStep.problems(HUB, List.of(carol, new Invitation("ada", "ada@example.org")))).isEmpty();
    }

    @Test
    void someoneTheHubDoesNotListOrAnAddressThatIsNoneIsSaidSo() {
        assertThat(InviteUsersStep.problems(HUB, List.of(new Invitation("mallory", "mallory@example.org"),
                new Invitation("ada", "ada at example"))))
                .containsExactly("mallory is not one of the hub's users: add them to the allowed users and redeploy "
                                + "first, or the hub turns them away after they sign in",
                        "'ada at example' (for ada) is not an e-mail address: Cognito sends the temporary password there");
    }
}
