package dev.hubwizard.deploy;

import dev.hubwizard.aws.AwsClients;
import dev.hubwizard.aws.DeletionWaits;
import dev.hubwizard.aws.ResourceKind;
import dev.hubwizard.engine.Plan;
import dev.hubwizard.profile.AwsTarget;
import dev.hubwizard.profile.Profile;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The users' files go only when the user typed the hub's name, for this hub; every other way keeps them. */
class TeardownChoicesTest {

    private static final Profile HUB = Profile.named("team-hub").withAws(new AwsTarget("", "us-east-1"));

    @Test
    void theUsersFilesAreKeptUnlessSaidOtherwise() {
        for (TeardownChoices choices : new TeardownChoices[]{TeardownChoices.DELETE_EVERYTHING,
                TeardownChoices.KEEP_IMAGES, new TeardownChoices(false)}) {
            assertThat(choices.keepFileSystem()).isTrue();
            assertThat(choices.keeps(ResourceKind.FILE_SYSTEM)).isTrue();
            assertThat(choices.keeps(ResourceKind.ACCESS_POINT)).isTrue();
            assertThat(choices.keeps(ResourceKind.MOUNT_TARGET)).as("mount targets live in the hub's subnets").isFalse();
        }
    }

    @Test
    void deletingThemNeedsTheHubsNameTypedExactly() {
        assertThatThrownBy(() -> TeardownChoices.DELETE_EVERYTHING.deletingFileSystem("team-hub", ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Type the hub's name, team-hub");
        assertThatThrownBy(() -> TeardownChoices.DELETE_EVERYTHING.deletingFileSystem("team-hub", "Team-Hub"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("type team-hub exactly");
        assertThatThrownBy(() -> TeardownChoices.DELETE_EVERYTHING.deletingFileSystem("team-hub", null))
                .isInstanceOf(IllegalArgumentException.class);

        TeardownChoices confirmed = TeardownChoices.KEEP_IMAGES.deletingFileSystem("team-hub", " team-hub ");

        assertThat(confirmed.keepFileSystem()).isFalse();
        assertThat(confirmed.keepImages()).as("the other choices stay as they were").isTrue();
        assertThat(confirmed.keeps(ResourceKind.FILE_SYSTEM)).isFalse();
        assertThat(confirmed.keeps(ResourceKind.ACCESS_POINT)).isFalse();
    }

    @Test
    void aDialogCanAskWhatIsWrongAsTheUserTypes() {
        assertThat(TeardownChoices.fileSystemConfirmationProblem("team-hub", "team")).isPresent();
        assertThat(TeardownChoices.fileSystemConfirmationProblem("team-hub", "team-hub")).isEmpty();
    }

    @Test
    void theTeardownOfAnotherHubRefusesAConfirmationTypedForThisOne() {
        TeardownChoices forTeamHub = TeardownChoices.DELETE_EVERYTHING.deletingFileSystem("team-hub", "team-hub");
        Profile other = Profile.named("other-hub").withAws(new AwsTarget("", "us-east-1"));

        try (AwsClients aws = new AwsClients(other.aws())) {
            assertThatThrownBy(() -> TeardownPlan.create(other, aws, forTeamHub, DeletionWaits.DEFAULT))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("another hub");
            Plan plan = TeardownPlan.create(HUB, aws, forTeamHub, DeletionWaits.DEFAULT);
            assertThat(plan.step(TeardownPlan.FILE_SYSTEMS).title()).isEqualTo("Delete the users' files");
            assertThat(TeardownPlan.create(HUB, aws, TeardownChoices.DELETE_EVERYTHING, DeletionWaits.DEFAULT)
                    .step(TeardownPlan.FILE_SYSTEMS).title()).isEqualTo("Keep the users' files");
        }
    }
}
