package dev.hubwizard.profile;

import dev.hubwizard.engine.ResourceRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

class ProfileStoreTest {

    @TempDir
    Path dir;

    private ProfileStore store() {
        return new ProfileStore(dir.resolve("profiles"));
    }

    @Test
    void everyFieldSurvivesSaveAndLoad() throws Exception {
        ProfileStore store = store();
        Profile full = TestProfiles.full("team");

        store.save(full);

        assertThat(store.load("team")).isEqualTo(full);
        // Not vacuous: the profile really differs from the defaults in every block.
        Profile defaults = Profile.named("team");
        assertThat(full.aws()).isNotEqualTo(defaults.aws());
        assertThat(full.names()).isNotEqualTo(defaults.names());
        assertThat(full.task()).isNotEqualTo(defaults.task());
        assertThat(full.network()).isNotEqualTo(defaults.network());
        assertThat(full.hub()).isNotEqualTo(defaults.hub());
        assertThat(full.options()).isNotEqualTo(defaults.options());
        assertThat(full.advanced()).isNotEqualTo(defaults.advanced());
        assertThat(full.deployment()).isNotEqualTo(defaults.deployment());
    }

    @Test
    void writesReadableBlockStyleInAFixedOrder() throws Exception {
        ProfileStore store = store();
        store.save(TestProfiles.full("team"));

        String text = Files.readString(store.fileOf("team"));

        assertThat(text).startsWith("# Hub Wizard deployment profile.");
        assertThat(text).doesNotContain("!!").doesNotContain("{kind");
        List<String> topLevel = text.lines().filter(l -> l.matches("[a-zA-Z]+:.*")).map(l -> l.split(":")[0]).toList();
        assertThat(topLevel).containsExactly("schemaVersion", "name", "aws", "names", "task", "network", "hub",
                "options", "servers", "advanced", "deployment");
        assertThat(text).contains("schemaVersion: 6\nname: team\naws:\n  profile: work-sso\n  region: eu-central-1\n");
        assertThat(text).contains("  admins:\n    - ana\n    - bo_example_org\n");
        assertThat(text).contains("createdAt: 2024-05-01T10:00:00.123456789Z");
        // Saving the same profile again writes the same bytes: files diff well.
        byte[] first = Files.readAllBytes(store.fileOf("team"));
        store.saveOverBrokenFile(Profile.named("team"));
        store.save(TestProfiles.full("team"));
        assertThat(Files.readAllBytes(store.fileOf("team"))).isEqualTo(first);
    }

    @Test
    void minimalHandWrittenFileLoadsWithTheDefaults() throws Exception {
        ProfileStore store = store();
        Files.createDirectories(store.directory());
        Files.writeString(store.directory().resolve("lab.yaml"), "schemaVersion: 2\nname: lab\naws:\n  region: us-east-1\n");

        assertThat(store.load("lab")).isEqualTo(Profile.named("lab"));
    }

    @Test
    void filesAndFolderArePrivateToTheUser() throws Exception {
        assumeThat(FileSystems.getDefault().supportedFileAttributeViews()).contains("posix");
        ProfileStore store = store();
        store.save(TestProfiles.simple("team"));
        store.save(TestProfiles.full("team"));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.fileOf("team"))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.backupOf("team"))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.directory())))
                .isEqualTo("rwx------");
    }

    @Test
    void keepsThePreviousVersionAsBackup() throws Exception {
        ProfileStore store = store();
        store.save(TestProfiles.simple("team"));
        assertThat(store.backupOf("team")).doesNotExist();
        byte[] firstVersion = Files.readAllBytes(store.fileOf("team"));

        store.save(TestProfiles.full("team"));

        assertThat(Files.readAllBytes(store.backupOf("team"))).isEqualTo(firstVersion);
        assertThat(store.load("team")).isEqualTo(TestProfiles.full("team"));
    }

    @Test
    void listsProfilesByNameAndSkipsBackupsAndTemporaryFiles() throws Exception {
        ProfileStore store = store();
        store.save(TestProfiles.simple("zeta"));
        store.save(TestProfiles.simple("Alpha"));
        store.save(TestProfiles.full("alpha2"));
        store.save(TestProfiles.full("zeta"));
        Files.writeString(store.directory().resolve(".zeta.yaml123.tmp"), "half a fi");
        Files.writeString(store.directory().resolve("notes.txt"), "not a profile");

        List<ProfileEntry> entries = store.list();

        assertThat(entries).extracting(ProfileEntry::name).containsExactly("Alpha", "alpha2", "zeta");
        assertThat(entries).allMatch(e -> e instanceof ProfileEntry.Loaded);
        assertThat(((ProfileEntry.Loaded) entries.get(2)).profile()).isEqualTo(TestProfiles.full("zeta"));
        assertThat(((ProfileEntry.Loaded) entries.get(2)).isOlderLayout()).isFalse();
    }

    @Test
    void listOfAMissingFolderIsEmpty() throws Exception {
        assertThat(store().list()).isEmpty();
    }

    @Test
    void refusesNamesThatAreNotSafeFileNames() {
        ProfileStore store = store();
        for (String name : List.of("../escape", "a/b", "", "with space", "con")) {
            assertThatThrownBy(() -> store.save(TestProfiles.simple("x").withName(name)))
                    .isInstanceOf(ProfileException.class).hasMessageContaining("cannot be a profile name");
            assertThat(store.exists(name)).isFalse();
        }
        assertThat(dir.resolve("escape.yaml")).doesNotExist();
        assertThat(store.directory()).doesNotExist();
    }

    @Test
    void neverWritesSomethingThatLooksLikeAnAccessKey() throws Exception {
        ProfileStore store = store();
        Profile withKeyAsProfile = TestProfiles.simple("team").withAws(new AwsTarget("AKIAIOSFODNN7EXAMPLE", "us-east-1"));
        Profile withSecretAttribute = TestProfiles.simple("team").withDeployment(DeploymentState.NEW.withResources(
                List.of(new ResourceRecord("user", "u-1", "", Map.of("aws_secret_access_key", "x"), "", null))));
        Profile withSecretValue = TestProfiles.simple("team").withDeployment(DeploymentState.NEW.withResources(
                List.of(new ResourceRecord("user", "u-1", "", Map.of("note", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
                        "", null))));

        assertThatThrownBy(() -> store.save(withKeyAsProfile)).isInstanceOf(ProfileException.class)
                .hasMessageContaining("aws.profile looks like an AWS access key").hasMessageContaining("never keys");
        assertThatThrownBy(() -> store.save(withSecretAttribute)).isInstanceOf(ProfileException.class)
                .hasMessageContaining("deployment.resources[0].attributes.aws_secret_access_key");
        assertThatThrownBy(() -> store.save(withSecretValue)).isInstanceOf(ProfileException.class)
                .hasMessageContaining("looks like an AWS access key");
        assertThat(store.exists("team")).isFalse();
    }

    @Test
    void updateIsAReadModifyWriteThatLosesNoConcurrentChange() throws Exception {
        ProfileStore store = store();
        store.save(TestProfiles.simple("team"));
        int threads = 4;
        int perThread = 15;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            futures.add(pool.submit(() -> {
                for (int i = 0; i < perThread; i++) {
                    ResourceRecord r = new ResourceRecord("test", "t" + thread + "-" + i, "", Map.of(), "", null);
                    store.update("team", p -> {
                        List<ResourceRecord> next = new ArrayList<>(p.deployment().resources());
                        next.add(r);
                        return p.withDeployment(p.deployment().withResources(next));
                    });
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertThat(store.load("team").deployment().resources()).hasSize(threads * perThread)
                .extracting(ResourceRecord::id).doesNotHaveDuplicates();
    }

    @Test
    void updateOfAMissingProfileSaysSo() {
        assertThatThrownBy(() -> store().update("ghost", p -> p)).isInstanceOf(ProfileException.class)
                .hasMessageContaining("There is no profile named 'ghost'");
        assertThatThrownBy(() -> store().load("ghost")).isInstanceOf(ProfileException.class)
                .hasMessageContaining("ghost.yaml does not exist");
    }

    @Test
    void saveSettingsKeepsTheJournalOnDisk() throws Exception {
        ProfileStore store = store();
        Profile opened = TestProfiles.simple("team");
        store.save(opened);
        ResourceRecord recorded = new ResourceRecord("vpc", "vpc-1", "", Map.of(), "network", Instant.EPOCH);
        store.update("team", p -> p.withDeployment(p.deployment().withResources(List.of(recorded))));

        Profile edited = opened.withOptions(new Options(true, "", false));
        store.saveSettings(edited);

        Profile saved = store.load("team");
        assertThat(saved.options().stableAddress()).isTrue();
        assertThat(saved.deployment().resources()).containsExactly(recorded);
    }

    @Test
    void duplicateCopiesTheSettingsWithFreshNamesAndNoDeployment() throws Exception {
        ProfileStore store = store();
        Profile full = TestProfiles.full("team");
        store.save(full);

        Profile copy = store.duplicate("team", "team-copy");

        assertThat(store.load("team-copy")).isEqualTo(copy);
        assertThat(copy.name()).isEqualTo("team-copy");
        assertThat(copy.deployment()).isEqualTo(DeploymentState.NEW);
        assertThat(copy.names()).isEqualTo(ResourceNames.derivedFrom("team-copy"));
        assertThat(copy.hub()).isEqualTo(full.hub());
        assertThat(copy.task()).isEqualTo(full.task());
        assertThat(copy.network()).isEqualTo(full.network());
        assertThat(store.load("team")).isEqualTo(full);
        assertThatThrownBy(() -> store.duplicate("team", "team-copy")).isInstanceOf(ProfileException.class)
                .hasMessageContaining("already exists");
    }

    @Test
    void deleteRefusesWhileResourcesAreRecordedAndKeepsABackup() throws Exception {
        ProfileStore store = store();
        store.save(TestProfiles.full("team"));
        store.save(TestProfiles.simple("plain"));
        byte[] plainBytes = Files.readAllBytes(store.fileOf("plain"));

        assertThatThrownBy(() -> store.delete("team")).isInstanceOf(ProfileException.class)
                .hasMessageContaining("still records 3 AWS resources");
        assertThat(store.exists("team")).isTrue();

        store.delete("plain");
        store.deleteEvenIfDeployed("team");

        assertThat(store.exists("plain")).isFalse();
        assertThat(store.exists("team")).isFalse();
        assertThat(store.list()).isEmpty();
        assertThat(Files.readAllBytes(store.backupOf("plain"))).isEqualTo(plainBytes);
        assertThatThrownBy(() -> store.delete("plain")).isInstanceOf(ProfileException.class)
                .hasMessageContaining("no profile named 'plain'");
    }

    @Test
    void readsWindowsLineEndingsAndAByteOrderMark() throws Exception {
        ProfileStore store = store();
        store.save(TestProfiles.full("team"));
        Path file = store.fileOf("team");
        String windows = "\uFEFF" + Files.readString(file).replace("\n", "\r\n");
        Files.write(file, windows.getBytes(StandardCharsets.UTF_8));

        assertThat(store.load("team")).isEqualTo(TestProfiles.full("team"));
    }
}
