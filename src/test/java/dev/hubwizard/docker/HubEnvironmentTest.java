package dev.hubwizard.docker;

import dev.hubwizard.profile.Options;
import dev.hubwizard.profile.Profile;
import dev.hubwizard.profile.ServerPlacement;
import dev.hubwizard.profile.SignIn;
import dev.hubwizard.profile.UserServers;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    void theHubTagsTheAccessPointsTeardownDeletes() throws Exception {
        String homes = Files.readString(Path.of("hub-image", "hubwizard_hub", "homes.py"));

        assertThat(homes).contains("SHARED_TAG = \"" + dev.hubwizard.aws.AccessPoints.SHARED_TAG + "\"")
                .contains("\"" + dev.hubwizard.aws.AccessPoints.USER_TAG + "\", username");
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

    @Test
    void fargateServersTellTheHubWhereAndHowToStartThem() {
        Profile profile = Profile.named("team-hub").withOptions(new Options(false, "", true))
                .withServers(UserServers.DEFAULT.withPlacement(ServerPlacement.FARGATE).withCullIdleMinutes(45));
        HubEnvironment.FargateServers where = new HubEnvironment.FargateServers(
                "arn:aws:ecs:eu-central-1:123456789012:cluster/team-hub-cluster", "team-hub-user",
                List.of("subnet-0123456789abcdef0", "subnet-0fedcba9876543210"), List.of("sg-0123456789abcdef0"), true,
                Optional.of("fs-0123456789abcdef0"), "Z0123456789ABCDEFGHIJ", "hub.team-hub.hubwizard.internal");

        assertThat(HubEnvironment.fargate(profile, where)).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                Map.entry("HUB_SPAWNER", "fargate"),
                Map.entry("HUB_FARGATE_CLUSTER", "arn:aws:ecs:eu-central-1:123456789012:cluster/team-hub-cluster"),
                Map.entry("HUB_FARGATE_TASK_DEFINITION", "team-hub-user"),
                Map.entry("HUB_FARGATE_CONTAINER", "notebook"),
                Map.entry("HUB_FARGATE_SUBNETS", "subnet-0123456789abcdef0,subnet-0fedcba9876543210"),
                Map.entry("HUB_FARGATE_SECURITY_GROUPS", "sg-0123456789abcdef0"),
                Map.entry("HUB_FARGATE_PUBLIC_IP", "true"),
                Map.entry("HUB_FARGATE_PROFILE", "team-hub"),
                Map.entry("HUB_FARGATE_KEEP_SERVERS", "true"),
                Map.entry("HUB_SERVER_SIZES", "Small=0.5/1, Medium=1/4, Large=4/16"),
                Map.entry("HUB_CULL_IDLE_TIMEOUT", "45m"),
                Map.entry("HUB_API_PORT", "8081"),
                Map.entry("HUB_FARGATE_API_ZONE", "Z0123456789ABCDEFGHIJ"),
                Map.entry("HUB_FARGATE_API_NAME", "hub.team-hub.hubwizard.internal"),
                Map.entry("HUB_FARGATE_FILE_SYSTEM", "fs-0123456789abcdef0"),
                Map.entry("HUB_FARGATE_SHARED_FOLDER", "false")));
        assertThat(HubEnvironment.fargate(profile.withServers(profile.servers().withSharedFolder(true)), where))
                .containsEntry("HUB_FARGATE_SHARED_FOLDER", "true");
    }

    @Test
    void withoutKeptFilesARedeployStopsTheServersAndNoFileSystemIsNamed() {
        Profile profile = Profile.named("lab").withServers(UserServers.DEFAULT.withPlacement(ServerPlacement.FARGATE));

        Map<String, String> environment = HubEnvironment.fargate(profile, new HubEnvironment.FargateServers(
                "arn:aws:ecs:us-east-1:123456789012:cluster/lab-cluster", "lab-user", List.of("subnet-0123456789abcdef0"),
                List.of("sg-0123456789abcdef0"), false, Optional.empty(), "Z0123456789ABCDEFGHIJ",
                "hub.lab.hubwizard.internal"));

        assertThat(environment).containsEntry("HUB_FARGATE_KEEP_SERVERS", "false")
                .containsEntry("HUB_FARGATE_PUBLIC_IP", "false").doesNotContainKey("HUB_FARGATE_FILE_SYSTEM")
                .doesNotContainKey("HUB_FARGATE_SHARED_FOLDER");
    }

    private static String value(Field field) {
        try {
            return (String) field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
