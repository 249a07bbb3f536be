package dev.hubwizard.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/iam-policy.json allows every action the code names at its AWS calls ({@link AwsCall}): a call added
 * without its permission would fail for every user who set up their account from the document.
 */
class IamPolicyTest {

    private static final Pattern NAMED = Pattern.compile("\\b(?:call|run)\\(\"([a-z0-9-]+:[A-Za-z]+)\"");
    /** Needs no permission: not even an explicit deny stops it. */
    private static final Set<String> FREE = Set.of("sts:GetCallerIdentity");

    @Test
    void everyActionTheCodeNamesIsInThePolicy() throws IOException {
        Set<String> allowed = new TreeSet<>();
        for (JsonNode statement : new ObjectMapper().readTree(Path.of("docs", "iam-policy.json").toFile())
                .get("Statement")) {
            JsonNode actions = statement.get("Action");
            if (actions.isArray()) {
                actions.forEach(a -> allowed.add(a.asText()));
            } else {
                allowed.add(actions.asText());
            }
        }
        Set<String> named = new TreeSet<>();
        try (Stream<Path> sources = Files.walk(Path.of("src", "main", "java"))) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = NAMED.matcher(Files.readString(source));
                while (m.find()) {
                    named.add(m.group(1));
                }
            }
        }
        named.removeAll(FREE);

        assertThat(named).isNotEmpty();
        assertThat(allowed).containsAll(named);
    }

    /**
     * Every statement about the hub's own execution role or its task role names it by a pattern: the pattern must
     * match the names deploys make, the long profile names' cut and hashed ones included, or IAM refuses the
     * long-named hub.
     */
    @Test
    void theRoleStatementsMatchEveryRoleNameADeployMakes() throws IOException {
        List<String> profiles = List.of("team-hub", "Team_Hub", "h", "a".repeat(64),
                "b".repeat(40) + "_" + "c".repeat(23));
        int statements = 0;
        for (JsonNode statement : new ObjectMapper().readTree(Path.of("docs", "iam-policy.json").toFile())
                .get("Statement")) {
            List<String> roles = new ArrayList<>();
            JsonNode resources = statement.get("Resource");
            (resources.isArray() ? resources : new ObjectMapper().createArrayNode().add(resources))
                    .forEach(r -> {
                        if (r.asText().contains(":role/hubwizard-")) {
                            roles.add(r.asText());
                        }
                    });
            if (roles.isEmpty()) {
                continue;
            }
            statements++;
            for (String profile : profiles) {
                // A statement is about the hub's own execution role, its task role or the origin updater's role, by
                // the end of its pattern: every name of that kind must match it.
                AwsTexts texts = new AwsTexts(profile);
                String name = roles.stream().anyMatch(r -> r.endsWith("-origin")) ? texts.originUpdaterName()
                        : roles.stream().anyMatch(r -> r.endsWith("-task")) ? texts.taskRoleName()
                        : texts.ownExecutionRoleName();
                String arn = "arn:aws:iam::123456789012:role/" + name;
                assertThat(roles).as(statement.get("Sid").asText() + " for profile " + profile)
                        .anySatisfy(pattern -> assertThat(arn).matches(glob(pattern)));
            }
        }
        assertThat(statements).isGreaterThanOrEqualTo(6);
    }

    /** An IAM resource pattern as a regular expression: '*' any characters, '?' one. */
    private static String glob(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return regex.toString();
    }
}
