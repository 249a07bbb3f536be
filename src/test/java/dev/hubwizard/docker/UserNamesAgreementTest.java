package dev.hubwizard.docker;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hubwizard.profile.UserNames;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The wizard (Java, {@link UserNames}) and the hub (Python, hubwizard_hub.usernames) must turn every name
 * into the same account name and agree on which names are valid: otherwise a user the wizard accepted could
 * not sign in, or an admin file the wizard wrote would stop the hub.
 */
class UserNamesAgreementTest {

    /** Ordinary names, and the corners where Java's and Python's string functions differ. */
    static final List<String> NAMES = List.of(
            "alice", "Alice", "  bob  ", "carol@example.org", "Dave.Smith@Example.ORG", "erin-o_neil",
            "9lives", "_private", "-dash", "a", "", "   ", "x".repeat(32), "x".repeat(33),
            "user name", "tab\tinside", "semi;colon", "$(reboot)", "back`tick`", "quote'd", "slash/ed",
            "ümlaut", "KELVIN\u212A", "İstanbul", "ΣΊΣΥΦΟΣ", "\u00a0nbsp", "nbsp\u00a0", "\u2003emspace",
            "\u0000nul", "bell\u0007", "\u001cfs", "zero\u200bwidth", "ß", "ﬁ", "emoji😀", "a@b.c.d",
            "UPPER.CASE", "trailing.", "@start");

    @BeforeAll
    static void python() {
        UserNamesProbe.requirePython();
    }

    @Test
    void javaAndTheHubNormaliseAndValidateAlike() throws Exception {
        List<JsonNode> python = UserNamesProbe.ask(new ArrayList<>(NAMES));

        for (int i = 0; i < NAMES.size(); i++) {
            String name = NAMES.get(i);
            JsonNode answer = python.get(i);
            assertThat(answer.get(0).asText()).as("normalised %s", name).isEqualTo(UserNames.normalise(name));
            assertThat(answer.get(1).isNull() ? null : answer.get(1).asText()).as("problem with %s", name)
                    .isEqualTo(UserNames.problem(name).orElse(null));
        }
    }

    @Test
    void javaAndTheHubReadNameFilesAlike() throws Exception {
        String file = "# comment\nAlice\r\nbob # inline\n\n  Carol@Example.org  \u2028dave\u0085erin\u000bfrank\u000cgina\ralice\n";

        JsonNode python = UserNamesProbe.ask(List.of(Map.of("file", file))).get(0);

        List<String> names = new ArrayList<>();
        python.forEach(n -> names.add(n.asText()));
        assertThat(names).containsExactlyElementsOf(UserNames.parseLines(file));
    }
}
