package dev.hubwizard.profile;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Pinned user ids never move: not when users are added, not when they are removed, not when they return. */
class UserIdsTest {

    @Test
    void theFirstUsersGetIdsFromTheFirstInAlphabeticalOrder() {
        Map<String, Integer> ids = UserIds.assign(Map.of(), List.of("grace", "ada", "linus"));

        assertThat(ids).containsExactlyInAnyOrderEntriesOf(Map.of("ada", 2001, "grace", 2002, "linus", 2003));
    }

    @Test
    void addingUsersMovesNobody() {
        Map<String, Integer> before = UserIds.assign(Map.of(), List.of("grace", "linus"));

        // "ada" sorts before both: a scheme by position in the sorted list would move them.
        Map<String, Integer> after = UserIds.assign(before, List.of("ada", "grace", "linus", "zoe"));

        assertThat(after).containsEntry("grace", before.get("grace")).containsEntry("linus", before.get("linus"));
        assertThat(after.get("ada")).isEqualTo(2003);
        assertThat(after.get("zoe")).isEqualTo(2004);
    }

    @Test
    void someoneRemovedKeepsTheirIdForWhenTheyComeBackAndNobodyElseGetsIt() {
        Map<String, Integer> all = UserIds.assign(Map.of(), List.of("ada", "grace"));

        Map<String, Integer> withoutGrace = UserIds.assign(all, List.of("ada", "margaret"));
        Map<String, Integer> graceBack = UserIds.assign(withoutGrace, List.of("ada", "grace", "margaret"));

        assertThat(withoutGrace).containsEntry("grace", 2002).containsEntry("margaret", 2003);
        assertThat(UserIds.of(withoutGrace, List.of("ada", "margaret"))).containsOnlyKeys("ada", "margaret");
        assertThat(graceBack).isEqualTo(withoutGrace);
        assertThat(UserIds.of(graceBack, List.of("ada", "grace", "margaret")))
                .containsExactlyInAnyOrderEntriesOf(Map.of("ada", 2001, "grace", 2002, "margaret", 2003));
    }

    @Test
    void theSameUsersInAnotherOrderGetTheSameIds() {
        assertThat(UserIds.assign(Map.of(), List.of("b", "a", "c")))
                .isEqualTo(UserIds.assign(Map.of(), List.of("c", "b", "a")));
    }

    @Test
    void idsAreKeptInTheFormTheHubImageReads() {
        Map<String, Integer> ids = UserIds.assign(Map.of(), List.of("ada", "grace"));

        assertThat(UserIds.format(ids)).isEqualTo("ada=2001,grace=2002");
        assertThat(UserIds.parse(UserIds.format(ids))).isEqualTo(ids);
        assertThat(UserIds.parse("")).isEmpty();
    }

    @Test
    void everyoneIsTheAdminsAndTheAllowedUsersOnce() {
        HubSettings hub = new HubSettings("", List.of("ada"), List.of("grace", "ada"), SignIn.COGNITO, null, 0, false);

        assertThat(UserIds.everyone(hub)).containsExactly("ada", "grace");
    }
}
