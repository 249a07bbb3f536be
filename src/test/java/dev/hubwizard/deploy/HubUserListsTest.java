package dev.hubwizard.deploy;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The lists as the hub's parameter holds them: the JSON the hub image's live_users.py parses. */
class HubUserListsTest {

    @Test
    void writesTheJsonTheHubReadsAndReadsItBack() {
        HubUserLists lists = new HubUserLists(List.of("ada"), List.of("grace_example_org", "linus"));
        assertThat(lists.json()).isEqualTo("{\"admins\":[\"ada\"],\"allowedUsers\":[\"grace_example_org\",\"linus\"]}");
        assertThat(HubUserLists.parse(lists.json())).contains(lists);
    }

    @Test
    void somethingElseInTheParameterIsNotLists() {
        assertThat(HubUserLists.parse("not json")).isEmpty();
        assertThat(HubUserLists.parse("[]")).isEmpty();
        assertThat(HubUserLists.parse("{\"admins\":\"ada\"}")).isEmpty();
    }

    @Test
    void namesTheHubWouldRefuseAndListsTooLongForTheParameterAreProblems() {
        assertThat(new HubUserLists(List.of("ada"), List.of("9lives")).problem())
                .contains("Allowed users: '9lives' must start with a letter a-z");
        assertThat(new HubUserLists(List.of(), List.of("ada")).problem()).get().asString()
                .startsWith("Admins: name at least one admin");
        List<String> many = java.util.stream.IntStream.range(0, 300)
                .mapToObj(i -> String.format("user_with_long_name_%04d", i)).toList();
        assertThat(new HubUserLists(List.of("ada"), many).problem()).get().asString()
                .contains("the hub's parameter holds 4096");
        assertThat(new HubUserLists(List.of("ada"), List.of("grace")).problem()).isEmpty();
    }
}
