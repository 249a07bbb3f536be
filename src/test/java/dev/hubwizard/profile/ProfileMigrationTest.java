package dev.hubwizard.profile;

import dev.hubwizard.engine.ResourceRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ProfileMigrationTest {

    /** A profile as pre-release builds wrote it: task size at the top level, no options block. */
    private static final String VERSION_1 = """
            schemaVersion: 1
            name: lab
            aws:
              profile: research
              region: eu-north-1
            names:
              repository: lab-hub
              cluster: lab-cluster
              service: lab-service
              taskFamily: lab-hub
            cpu: 512
            memory: 4096
            architecture: ARM64
            network:
              mode: DEFAULT_VPC
              ingressCidr: 198.51.100.0/24
            hub:
              imageFolder: hub-image
              admins:
                - ana
              allowedUsers:
                - bo
              signIn: FIRST_USE_PASSWORD
              localPort: 8000
              hostNetwork: false
            advanced:
              logRetentionDays: 14
            deployment:
              status: DEPLOYED
              imageTag: lab-hub:1
              resources:
                - kind: ecr-repository
                  id: arn:aws:ecr:eu-north-1:123456789012:repository/lab-hub
                  name: lab-hub
                  attributes:
                    uri: 123456789012.dkr.ecr.eu-north-1.amazonaws.com/lab-hub
                  createdBy: repository
                  createdAt: 2023-11-30T08:00:00Z
            """;

    @TempDir
    Path dir;

    private static Profile expected() {
        return new Profile("lab", new AwsTarget("research", "eu-north-1"),
                new ResourceNames("lab-hub", "lab-cluster", "lab-service", "lab-hub"),
                new TaskSize(512, 4096, Architecture.ARM64),
                new NetworkSettings(NetworkMode.DEFAULT_VPC, "", List.of(), "198.51.100.0/24"),
                new HubSettings("hub-image", List.of("ana"), List.of("bo"), SignIn.FIRST_USE_PASSWORD,
                        CognitoSettings.NONE, 8000, false),
                Options.NONE, UserServers.DEFAULT, new Advanced("", 14, ""),
                new DeploymentState(DeploymentStatus.DEPLOYED, List.of(new ResourceRecord("ecr-repository",
                        "arn:aws:ecr:eu-north-1:123456789012:repository/lab-hub", "lab-hub",
                        Map.of("uri", "123456789012.dkr.ecr.eu-north-1.amazonaws.com/lab-hub"), "repository",
                        Instant.parse("2023-11-30T08:00:00Z"))), "lab-hub:1", "", "", "", "", null));
    }

    @Test
    void aVersion1FileLoadsAsTheCurrentRecordsAndStaysAsItIsUntilSaved() throws Exception {
        ProfileStore store = new ProfileStore(dir);
        Path file = dir.resolve("lab.yaml");
        Files.writeString(file, VERSION_1);
        TestProfiles.Snapshot before = TestProfiles.Snapshot.backdated(file);

        assertThat(store.load("lab")).isEqualTo(expected());
        assertThat(store.list()).singleElement().isInstanceOfSatisfying(ProfileEntry.Loaded.class, loaded -> {
            assertThat(loaded.schemaVersion()).isEqualTo(1);
            assertThat(loaded.isOlderLayout()).isTrue();
            assertThat(loaded.profile()).isEqualTo(expected());
        });
        before.assertUnchanged();
    }

    @Test
    void savingWritesTheCurrentVersionAndKeepsTheVersion1FileAsBackup() throws Exception {
        ProfileStore store = new ProfileStore(dir);
        Files.writeString(dir.resolve("lab.yaml"), VERSION_1);

        store.update("lab", p -> p.withOptions(new Options(false, "", true)));

        String saved = Files.readString(dir.resolve("lab.yaml"));
        assertThat(saved).contains("schemaVersion: 6").contains("task:\n  cpu: 512\n  memory: 4096\n  architecture: ARM64")
                .contains("options:\n  stableAddress: false").contains("  jupyterhubVersion: 5.5.0\n")
                .contains("  cloudFront: false\n");
        assertThat(Files.readString(store.backupOf("lab"))).isEqualTo(VERSION_1);
        assertThat(store.load("lab")).isEqualTo(expected().withOptions(new Options(false, "", true)));
        assertThat(store.list()).singleElement().isInstanceOfSatisfying(ProfileEntry.Loaded.class,
                loaded -> assertThat(loaded.schemaVersion()).isEqualTo(6));
    }

    @Test
    void version2BlocksInAVersion1FileAreExplained() throws Exception {
        ProfileStore store = new ProfileStore(dir);
        String content = VERSION_1 + "options:\n  keepUserFiles: true\n";
        Files.writeString(dir.resolve("lab.yaml"), content);

        ProfileException e = catchThrowableOfType(ProfileException.class, () -> store.load("lab"));

        assertThat(e.getMessage()).contains("unknown key 'options' at lab.yaml line "
                + TestProfiles.lineOf(content, "options:") + " — schemaVersion 1 files have no 'options' block:"
                + " change the first line to 'schemaVersion: 6'");
    }

    @Test
    void aVersion2FileLoadsWithTheNumberOfPeopleNotSaidAndIsSavedAsTheCurrentVersion() throws Exception {
        ProfileStore store = new ProfileStore(dir);
        Path file = dir.resolve("team.yaml");
        String version2 = TestProfiles.version5(TestProfiles.simple("team"))
                .replace("schemaVersion: 5", "schemaVersion: 2").replace("  expectedUsers: 0\n", "")
                .replace("  jupyterhubVersion: 5.5.0\n", "").replace("  cloudFront: false\n", "");
        Files.writeString(file, version2);

        assertThat(store.load("team")).isEqualTo(TestProfiles.simple("team"));
        assertThat(store.list()).singleElement().isInstanceOfSatisfying(ProfileEntry.Loaded.class,
                loaded -> assertThat(loaded.isOlderLayout()).isTrue());

        store.update("team", p -> p.withHub(p.hub().withExpectedUsers(25)));

        assertThat(Files.readString(file)).contains("schemaVersion: 6", "  expectedUsers: 25\n");
        assertThat(Files.readString(store.backupOf("team"))).isEqualTo(version2);
        assertThat(store.load("team").hub().expectedUsers()).isEqualTo(25);
    }

    @Test
    void theNumberOfPeopleInAVersion2FileIsExplained() throws Exception {
        ProfileStore store = new ProfileStore(dir);
        String content = TestProfiles.version5(TestProfiles.simple("team").withHub(
                TestProfiles.simple("team").hub().withExpectedUsers(25))).replace("schemaVersion: 5", "schemaVersion: 2")
                .replace("  jupyterhubVersion: 5.5.0\n", "").replace("  cloudFront: false\n", "");
        Files.writeString(dir.resolve("team.yaml"), content);

        ProfileException e = catchThrowableOfType(ProfileException.class, () -> store.load("team"));

        assertThat(e.mistakes()).contains("unknown key 'expectedUsers' in hub at team.yaml line "
                + TestProfiles.lineOf(content, "  expectedUsers:") + " — schemaVersion 2 files have no"
                + " 'hub.expectedUsers': change the first line to 'schemaVersion: 6'");
    }

    @Test
    void aVersion4FileKeepsItsHubWithoutTheAwsAddressAndIsSavedAsVersion5() throws Exception {
        ProfileStore store = new ProfileStore(dir);
        Path file = dir.resolve("team.yaml");
        String version4 = TestProfiles.version5(TestProfiles.simple("team").withAdvanced(
                        TestProfiles.simple("team").advanced().withJupyterhubVersion("6.1.1")))
                .replace("schemaVersion: 5", "schemaVersion: 4").replace("  cloudFront: false\n", "");
        Files.writeString(file, version4);

        Profile loaded = store.load("team");
        assertThat(loaded.options().cloudFront()).as("deployed as it was: plain HTTP").isFalse();
        assertThat(loaded.advanced().jupyterhubVersion()).as("version 4's own key is read").isEqualTo("6.1.1");
        assertThat(Files.readString(file)).isEqualTo(version4);
        assertThat(store.list()).singleElement().isInstanceOfSatisfying(ProfileEntry.Loaded.class,
                entry -> assertThat(entry.schemaVersion()).isEqualTo(4));

        store.update("team", p -> p.withOptions(p.options().withCloudFront(true)));

        assertThat(Files.readString(file)).contains("schemaVersion: 6", "  cloudFront: true\n",
                "  jupyterhubVersion: 6.1.1\n");
        assertThat(Files.readString(store.backupOf("team"))).isEqualTo(version4);
        assertThat(store.load("team").options().awsAddress()).isTrue();
    }

    @Test
    void theAwsAddressInAVersion4FileIsExplained() throws Exception {
        ProfileStore store = new ProfileStore(dir);
        String content = TestProfiles.version5(TestProfiles.simple("team").withOptions(Options.NEW_HUB))
                .replace("schemaVersion: 5", "schemaVersion: 4");
        Files.writeString(dir.resolve("team.yaml"), content);

        ProfileException e = catchThrowableOfType(ProfileException.class, () -> store.load("team"));

        assertThat(e.mistakes()).contains("unknown key 'cloudFront' in options at team.yaml line "
                + TestProfiles.lineOf(content, "  cloudFront:") + " — schemaVersion 4 files have no"
                + " 'options.cloudFront': change the first line to 'schemaVersion: 6'");
    }

    @Test
    void aVersion3FileLoadsWithoutTheAwsAddressAndWithThePinnedJupyterHub() throws Exception {
        ProfileStore store = new ProfileStore(dir);
        Files.writeString(dir.resolve("lab.yaml"), VERSION_3 + "options:\n  keepUserFiles: true\n");

        Profile loaded = store.load("lab");

        assertThat(loaded.options()).isEqualTo(new Options(false, "", true, false));
        assertThat(loaded.advanced().jupyterhubVersion()).isEqualTo("5.5.0");
    }

    @Test
    void aVersion2FileWithTheOldTopLevelKeysIsPointedToTheTaskBlock() throws Exception {
        ProfileStore store = new ProfileStore(dir);
        Files.writeString(dir.resolve("lab.yaml"), VERSION_1.replace("schemaVersion: 1", "schemaVersion: 2"));

        ProfileException e = catchThrowableOfType(ProfileException.class, () -> store.load("lab"));

        assertThat(e.mistakes()).contains("unknown key 'cpu' at lab.yaml line 11 — 'cpu' belongs in the task block",
                "unknown key 'architecture' at lab.yaml line 13 — 'architecture' belongs in the task block");
    }

    @Test
    void aVersion3FileLoadsWithThePinnedJupyterHub() throws Exception {
        ProfileStore store = new ProfileStore(dir);
        String version3 = VERSION_3.replace("advanced:\n", "advanced:\n  baseImage: mirror.example/jupyterhub:5.5.0\n");
        Files.writeString(dir.resolve("lab.yaml"), version3);

        Profile loaded = store.load("lab");

        assertThat(loaded.advanced()).isEqualTo(new Advanced("", 14, "mirror.example/jupyterhub:5.5.0", "5.5.0"));
        assertThat(Files.readString(dir.resolve("lab.yaml"))).isEqualTo(version3);
        assertThat(store.list()).singleElement().isInstanceOfSatisfying(ProfileEntry.Loaded.class,
                entry -> assertThat(entry.schemaVersion()).isEqualTo(3));
    }

    @Test
    void theJupyterHubVersionInAVersion3FileIsExplained() throws Exception {
        ProfileStore store = new ProfileStore(dir);
        String content = VERSION_3.replace("advanced:\n", "advanced:\n  jupyterhubVersion: 6.1.1\n");
        Files.writeString(dir.resolve("lab.yaml"), content);

        ProfileException e = catchThrowableOfType(ProfileException.class, () -> store.load("lab"));

        assertThat(e.mistakes()).contains("unknown key 'jupyterhubVersion' in advanced at lab.yaml line "
                + TestProfiles.lineOf(content, "jupyterhubVersion:") + " — schemaVersion 3 files have no"
                + " 'advanced.jupyterhubVersion': change the first line to 'schemaVersion: 6'");
    }

    @Test
    void aVersion5FileKeepsServersInTheHubAndIsSavedAsVersion6() throws Exception {
        ProfileStore store = new ProfileStore(dir);
        Path file = dir.resolve("team.yaml");
        String version5 = TestProfiles.version5(TestProfiles.simple("team"));
        Files.writeString(file, version5);

        assertThat(version5).doesNotContain("servers");
        assertThat(store.load("team").servers()).isEqualTo(UserServers.DEFAULT);
        assertThat(store.list()).singleElement().isInstanceOfSatisfying(ProfileEntry.Loaded.class,
                entry -> assertThat(entry.schemaVersion()).isEqualTo(5));
        assertThat(Files.readString(file)).isEqualTo(version5);

        store.update("team", p -> p.withServers(p.servers().withPlacement(ServerPlacement.FARGATE)));

        assertThat(Files.readString(file)).contains("schemaVersion: 6", "servers:\n  placement: FARGATE\n  sizes:\n"
                + "    - name: Small\n      cpu: 512\n      memory: 1024\n");
        assertThat(Files.readString(store.backupOf("team"))).isEqualTo(version5);
        assertThat(store.load("team").servers().onFargate()).isTrue();
    }

    @Test
    void theServersBlockInAVersion5FileIsExplained() throws Exception {
        ProfileStore store = new ProfileStore(dir);
        String content = new ProfileWriter().write(TestProfiles.simple("team"))
                .replace("schemaVersion: 6", "schemaVersion: 5");
        Files.writeString(dir.resolve("team.yaml"), content);

        ProfileException e = catchThrowableOfType(ProfileException.class, () -> store.load("team"));

        assertThat(e.mistakes()).contains("unknown key 'servers' at team.yaml line "
                + TestProfiles.lineOf(content, "servers:") + " — schemaVersion 5 files have no 'servers' block:"
                + " change the first line to 'schemaVersion: 6'");
    }

    @Test
    void aVersion6FileReadsItsServersAndTheirDefaults() throws Exception {
        ProfileStore store = new ProfileStore(dir);
        Profile full = TestProfiles.full("team");
        store.save(full);

        assertThat(store.load("team").servers()).isEqualTo(full.servers());

        String partial = new ProfileWriter().write(TestProfiles.simple("team"))
                .replaceFirst("(?ms)^servers:\\n(?:  .*?\\n)+", "servers:\n  placement: fargate\n");
        Files.writeString(dir.resolve("lab.yaml"), partial.replace("name: team", "name: lab"));

        assertThat(store.load("lab").servers()).isEqualTo(UserServers.DEFAULT.withPlacement(ServerPlacement.FARGATE));
    }

    /** A profile as builds before JupyterHub versions could be chosen wrote it. */
    private static final String VERSION_3 = VERSION_1.replace("schemaVersion: 1", "schemaVersion: 3")
            .replace("cpu: 512\nmemory: 4096\narchitecture: ARM64\n", "task:\n  cpu: 512\n  memory: 4096\n"
                    + "  architecture: ARM64\n");
}
