package dev.hubwizard.ui.users;

import dev.hubwizard.deploy.HubUserLists;
import dev.hubwizard.engine.Problem;
import dev.hubwizard.operate.HubUsers;
import dev.hubwizard.profile.CognitoSettings;
import dev.hubwizard.profile.HubSettings;
import dev.hubwizard.profile.Profile;
import dev.hubwizard.profile.SignIn;
import dev.hubwizard.ui.BackgroundWork;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The users editor's state and commands, without a window; its access plays the hub's users service. */
class UsersEditorTest {

    private static final Instant NOW = Instant.parse("2026-12-03T14:00:00Z");

    private final List<HubUserLists> sent = new ArrayList<>();
    private HubUsers.Lists current = new HubUsers.Lists(new HubUserLists(List.of("ada"), List.of("grace")), 3,
            Optional.of(new HubUsers.PickedUp(NOW.minusSeconds(20), 3)));
    private Optional<Problem> notSent = Optional.empty();

    private final UsersEditor.Access access = new UsersEditor.Access() {
        @Override
        public HubUsers.Lists read() {
            return current;
        }

        @Override
        public HubUsers.Change change(HubUserLists wanted) {
            if (notSent.isPresent()) {
                return new HubUsers.Change(null, Optional.empty(), notSent);
            }
            sent.add(wanted);
            current = new HubUsers.Lists(wanted, 4, Optional.of(new HubUsers.PickedUp(NOW, 4)));
            return new HubUsers.Change(null, Optional.of(4L), Optional.empty());
        }
    };

    private UsersEditor editor() {
        Profile profile = Profile.named("team-hub").withHub(new HubSettings("", List.of("ada"), List.of("linus"),
                SignIn.FIRST_USE_PASSWORD, CognitoSettings.NONE, 8000, false));
        return new UsersEditor(profile, access, BackgroundWork.onCallingThread(),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void showsTheHubsListsAndWhenItPickedThemUp() {
        UsersEditor editor = editor();
        editor.load();
        assertThat(editor.adminsProperty().get()).isEqualTo("ada");
        assertThat(editor.allowedProperty().get()).isEqualTo("grace");
        assertThat(editor.pickedUpProperty().get()).startsWith("The hub picked up these lists at").endsWith("(20 s ago).");
        assertThat(editor.canApplyProperty().get()).isTrue();
    }

    @Test
    void anInvalidNameIsRefusedWithTheReasonAndNothingIsSent() {
        UsersEditor editor = editor();
        editor.load();
        editor.allowedProperty().set("grace\n9lives");
        assertThat(editor.problemProperty().get()).isEqualTo("Allowed users: '9lives' must start with a letter a-z");
        assertThat(editor.canApplyProperty().get()).isFalse();
        editor.apply();
        assertThat(sent).isEmpty();
        editor.adminsProperty().set("");
        editor.allowedProperty().set("grace");
        assertThat(editor.problemProperty().get()).contains("at least one admin");
    }

    @Test
    void applySendsNormalisedNamesAndFollowsUntilTheHubHasThem() {
        UsersEditor editor = editor();
        editor.load();
        editor.allowedProperty().set("Grace\nMargaret@Example.org\n");
        editor.apply();
        assertThat(sent).containsExactly(new HubUserLists(List.of("ada"), List.of("grace", "margaret_example_org")));
        assertThat(editor.outcomeProperty().get()).contains("within a minute, without a restart");
        assertThat(editor.pickedUpProperty().get()).startsWith("The hub picked up these lists at");
    }

    @Test
    void aChangeThatDidNotReachTheHubSaysWhatHappens() {
        notSent = Optional.of(new Problem("The change is saved in the profile but did not reach the hub",
                "AWS could not be reached", "it picks them up when it next starts"));
        UsersEditor editor = editor();
        editor.load();
        editor.allowedProperty().set("grace\nlinus");
        editor.apply();
        assertThat(editor.outcomeProperty().get()).contains("did not reach the hub", "when it next starts");
    }
}
