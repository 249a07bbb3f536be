package dev.hubwizard.ui.finish;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What the finish page tells the person to do next, by the way people sign in. */
class FinishViewTest {

    @Test
    void firstUsePasswordsSayThatWhoeverSignsInFirstOwnsTheNameAndToSendTheAddressAtOnce() {
        String next = FinishView.nextSteps(false);

        assertThat(next).contains("whoever signs in first with an allowed name sets its password and owns that name",
                "Send the address to each allowed user right away", "Redeploy", "Tear down");
        assertThat(next).doesNotContain("Cognito");
    }

    @Test
    void cognitoHubsInviteInstead() {
        assertThat(FinishView.nextSteps(true)).contains("Invite users", "temporary password")
                .doesNotContain("owns that name");
    }
}
