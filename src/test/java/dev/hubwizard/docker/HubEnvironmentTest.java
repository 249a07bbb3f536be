package dev.hubwizard.docker;

import dev.hubwizard.profile.SignIn;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The Java side of the image's environment contract names exactly what the hub's package reads. */
class HubEnvironmentTest {

    @Test
    void everyVariableTheConfigReadsIsNamedHereAndNoOther() throws Exception {
        Pattern variable = Pattern.compile("[\"'](HUB_[A-Z_]+|COGNITO_[A-Z_]+)[\"']");
        Set<String> read = new TreeSet<>();
        try (var files = Files.list(Path.of("hub-image", "hubwizard_hub"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".py")).toList()) {
                Matcher quoted = variable.matcher(Files.readString(file));
                while (quoted.find()) {
                    read.add(quoted.group(1));
                }
            }
        }

        Set<String> named = Arrays.stream(HubEnvironment.class.getFields())
                .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == String.class)
                .map(HubEnvironmentTest::value).collect(Collectors.toCollection(TreeSet::new));

        assertThat(named).isEqualTo(read);
    }

    @Test
    void valuesAreWhatTheConfigExpects() {
        assertThat(HubEnvironment.signIn(SignIn.FIRST_USE_PASSWORD)).isEqualTo("first-use");
        assertThat(HubEnvironment.signIn(SignIn.COGNITO)).isEqualTo("cognito");
        assertThat(HubEnvironment.allowedUsers(List.of("alice", "carol_example_org"))).isEqualTo("alice,carol_example_org");
        assertThat(HubEnvironment.userIds(Map.of("bob", 2002, "alice", 2001))).isEqualTo("alice=2001,bob=2002");
    }

    @Test
    void cognitoGivesTheTaskItsClientButNeverTheSecret() {
        assertThat(HubEnvironment.cognito("https://team.auth.eu-west-1.amazoncognito.com", "client-id",
                "https://hub.example.org/hub/oauth_callback"))
                .containsOnlyKeys(HubEnvironment.COGNITO_DOMAIN, HubEnvironment.COGNITO_CLIENT_ID,
                        HubEnvironment.CALLBACK_URL);
    }

    private static String value(Field field) {
        try {
            return (String) field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
