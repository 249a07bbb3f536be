package dev.hubwizard.profile;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Files a person or an attacker might put in the profiles folder. Each gives a message that names
 * the file, line and key, and the file stays exactly as it was: same bytes, same modification time.
 */
class ProfileFileMistakesTest {

    /** A correct hand-written profile; each test breaks one thing in it. */
    private static final String GOOD = """
            schemaVersion: 2
            name: team
            aws:
              profile: work
              region: eu-west-1
            task:
              cpu: 1024
              memory: 2048
              architecture: X86_64
            network:
              mode: NEW_VPC
              ingressCidr: 203.0.113.0/24
            hub:
              admins: [ana]
            options:
              keepUserFiles: true
            """;

    /** Would record its construction, if a YAML tag could ever construct it. */
    public static final class Canary {
        static volatile boolean constructed;

        public Canary() {
            constructed = true;
        }
    }

    @TempDir
    Path dir;
    private ProfileStore store;
    private Path file;

    @BeforeEach
    void twoProfiles() throws Exception {
        store = new ProfileStore(dir);
        store.save(TestProfiles.simple("other"));
        file = dir.resolve("team.yaml");
    }

    /** Writes {@code content} as team.yaml, then checks that loading it fails and changes nothing. */
    private ProfileException brokenFile(byte[] content) throws Exception {
        Files.write(file, content);
        TestProfiles.Snapshot before = TestProfiles.Snapshot.backdated(file);

        ProfileException e = catchThrowableOfType(ProfileException.class, () -> store.load("team"));

        assertThat(e).as("loading a broken file fails").isNotNull();
        assertThat(e.getMessage()).contains("team.yaml");
        assertThat(e.file()).contains(file);
        // Listing still returns the good profile, and one entry for the broken file with the same message.
        List<ProfileEntry> entries = store.list();
        assertThat(entries).extracting(ProfileEntry::name).containsExactly("other", "team");
        assertThat(entries.get(0)).isInstanceOf(ProfileEntry.Loaded.class);
        assertThat(entries.get(1)).isInstanceOfSatisfying(ProfileEntry.Broken.class,
                broken -> assertThat(broken.problem().getMessage()).isEqualTo(e.getMessage()));
        // Saving over it is refused; an update cannot touch it either.
        assertThatThrownBy(() -> store.save(TestProfiles.simple("team"))).isInstanceOf(ProfileException.class)
                .hasMessageContaining("Not saving over team.yaml");
        assertThatThrownBy(() -> store.update("team", p -> p)).isInstanceOf(ProfileException.class);
        before.assertUnchanged();
        assertThat(store.backupOf("team")).doesNotExist();
        return e;
    }

    private ProfileException brokenFile(String content) throws Exception {
        return brokenFile(content.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theGoodFileLoads() throws Exception {
        Files.writeString(file, GOOD);
        Profile team = store.load("team");
        assertThat(team.aws()).isEqualTo(new AwsTarget("work", "eu-west-1"));
        assertThat(team.hub().admins()).containsExactly("ana");
        assertThat(ProfileValidator.validate(team)).isEmpty();
    }

    @Test
    void syntaxError() throws Exception {
        String content = GOOD.replace("  profile: work", "  profile: work: home");
        ProfileException e = brokenFile(content);
        assertThat(e.getMessage()).contains("YAML syntax error at team.yaml line " + TestProfiles.lineOf(content, "work: home"))
                .contains("mapping values are not allowed here").contains("in quotes");
    }

    @Test
    void tabsForIndentation() throws Exception {
        ProfileException e = brokenFile(GOOD.replace("  region: eu-west-1", "\tregion: eu-west-1"));
        assertThat(e.getMessage()).contains("team.yaml line 5").contains("indent with spaces, not tabs");
    }

    @Test
    void globalTagsNeverConstructAnything() throws Exception {
        String content = GOOD.replace("  region: eu-west-1",
                "  region: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL"
                        + " [\"http://127.0.0.1:1/\"]]]]");
        ProfileException e = brokenFile(content);
        assertThat(e.getMessage()).contains("the tag '!!javax.script.ScriptEngineManager' at team.yaml line 5")
                .contains("not allowed");

        ProfileException canary = brokenFile(GOOD.replace("  profile: work",
                "  profile: !!dev.hubwizard.profile.ProfileFileMistakesTest$Canary {}"));
        assertThat(canary.getMessage()).contains("team.yaml line 4").contains("ProfileFileMistakesTest$Canary");
        assertThat(Canary.constructed).isFalse();
    }

    @Test
    void localTagsAreRefusedToo() throws Exception {
        ProfileException e = brokenFile(GOOD.replace("cpu: 1024", "cpu: !size 1024"));
        assertThat(e.getMessage()).contains("task.cpu at team.yaml line 7 has the tag '!size'");
    }

    @Test
    void billionLaughs() throws Exception {
        StringBuilder bomb = new StringBuilder(GOOD).append("lol0: &lol0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int i = 1; i <= 9; i++) {
            bomb.append("lol").append(i).append(": &lol").append(i).append(" [");
            for (int j = 0; j < 9; j++) {
                bomb.append(j == 0 ? "" : ", ").append("*lol").append(i - 1);
            }
            bomb.append("]\n");
        }
        long start = System.nanoTime();
        ProfileException e = brokenFile(bomb.toString());
        assertThat(e.getMessage()).contains("team.yaml repeats lists or blocks through aliases");
        assertThat((System.nanoTime() - start) / 1_000_000).as("milliseconds").isLessThan(5_000);
    }

    @Test
    void fiveMegabyteFileIsRefusedBeforeParsing() throws Exception {
        StringBuilder big = new StringBuilder(GOOD);
        String comment = "# " + "x".repeat(98) + "\n";
        while (big.length() < 5 * 1024 * 1024) {
            big.append(comment);
        }
        ProfileException e = brokenFile(big.toString());
        assertThat(e.getMessage()).contains("team.yaml is 5.0 MiB").contains("at most 1 MiB");

        store.saveOverBrokenFile(TestProfiles.simple("team"));
        assertThat(store.load("team")).isEqualTo(TestProfiles.simple("team"));
        assertThat(Files.readString(store.backupOf("team"))).isEqualTo(big.toString());
    }

    @Test
    void thousandLevelsOfNesting() throws Exception {
        ProfileException e = brokenFile(GOOD + "deep: " + "[".repeat(1000) + "]".repeat(1000) + "\n");
        assertThat(e.getMessage()).contains("team.yaml nests blocks or lists more than 20 levels deep");
        ProfileException blocks = brokenFile(GOOD + "deep:\n" + "  ".repeat(0) + nestedBlocks(1000));
        assertThat(blocks.getMessage()).contains("levels deep");
    }

    private static String nestedBlocks(int depth) {
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= depth; i++) {
            text.append("  ".repeat(i)).append("k:\n");
        }
        return text.toString();
    }

    @Test
    void duplicateKeys() throws Exception {
        String content = GOOD.replace("  region: eu-west-1", "  region: eu-west-1\n  region: us-east-1");
        ProfileException e = brokenFile(content);
        assertThat(e.getMessage()).contains("duplicate key 'region' in aws at team.yaml line 6 (first at line 5)");
    }

    @Test
    void unknownKeyWithASuggestion() throws Exception {
        ProfileException e = brokenFile(GOOD.replace("  region:", "  regoin:"));
        assertThat(e.mistakes()).contains("unknown key 'regoin' in aws at team.yaml line 5 — did you mean 'region'?");
        // The missing region is reported as well: one pass shows every mistake.
        assertThat(e.getMessage()).contains("missing key 'region' in aws at team.yaml line 4");
    }

    @Test
    void unknownKeyInTheWrongBlock() throws Exception {
        ProfileException e = brokenFile(GOOD + "cpu: 2048\n");
        assertThat(e.getMessage()).contains("unknown key 'cpu' at team.yaml line 17 — 'cpu' belongs in the task block");
    }

    @Test
    void unknownKeyWithoutAnyNearMatchListsTheKeysTheBlockTakes() throws Exception {
        ProfileException e = brokenFile(GOOD.replace("  mode: NEW_VPC", "  zones: 2"));
        assertThat(e.getMessage()).contains("unknown key 'zones' in network at team.yaml line 11 — network takes:"
                + " mode, vpcId, subnetIds, ingressCidr");
    }

    @Test
    void wrongType() throws Exception {
        String content = GOOD.replace("cpu: 1024", "cpu: lots");
        ProfileException e = brokenFile(content);
        assertThat(e.getMessage()).contains("task.cpu at team.yaml line " + TestProfiles.lineOf(content, "lots")
                + " must be a whole number, not 'lots'");
    }

    @Test
    void wrongShapes() throws Exception {
        ProfileException e = brokenFile(GOOD.replace("  admins: [ana]", "  admins: ana, bo\n  hostNetwork: maybe")
                .replace("memory: 2048", "memory: 2.5"));
        assertThat(e.mistakes()).containsExactly(
                "task.memory at team.yaml line 8 must be a whole number, not '2.5'",
                "hub.admins at team.yaml line 14 must be a list: one '- item' per line under it, or [a, b] on one"
                        + " line, not 'ana, bo'",
                "hub.hostNetwork at team.yaml line 15 must be true or false, not 'maybe'");
    }

    @Test
    void badEnumValueListsTheAllowedOnes() throws Exception {
        ProfileException e = brokenFile(GOOD.replace("architecture: X86_64", "architecture: sparc"));
        assertThat(e.getMessage()).contains("task.architecture at team.yaml line 9 must be one of X86_64, ARM64,"
                + " not 'sparc'");
    }

    @Test
    void missingRequiredKeys() throws Exception {
        ProfileException e = brokenFile(GOOD.replace("schemaVersion: 2\n", "").replace("name: team\n", "")
                .replace("  region: eu-west-1\n", ""));
        assertThat(e.mistakes()).contains(
                "missing key 'schemaVersion' in team.yaml: add a line 'schemaVersion: 6' at the top level",
                "missing key 'name' in team.yaml: add a line 'name: team' at the top level",
                "missing key 'region' in aws at team.yaml line 2: add 'region: us-east-1' to that block");
    }

    @Test
    void nameMustMatchTheFileName() throws Exception {
        ProfileException e = brokenFile(GOOD.replace("name: team", "name: other-team"));
        assertThat(e.getMessage()).contains("name 'other-team' at team.yaml line 2 does not match the file name:"
                + " write 'name: team', or rename the file to other-team.yaml");
    }

    @Test
    void credentialKeysAreRefusedWithAnExplanation() throws Exception {
        ProfileException e = brokenFile(GOOD.replace("  profile: work",
                "  profile: work\n  aws_secret_access_key: wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"));
        assertThat(e.getMessage()).contains("'aws_secret_access_key' in aws at team.yaml line 5 looks like a credential")
                .contains("profiles hold the name of an AWS profile (aws.profile), never keys");
    }

    @Test
    void accessKeyValuesAreRefused() throws Exception {
        ProfileException e = brokenFile(GOOD.replace("profile: work", "profile: AKIAIOSFODNN7EXAMPLE"));
        assertThat(e.getMessage()).contains("aws.profile at team.yaml line 4 looks like an AWS access key")
                .doesNotContain("wJalr");
    }

    @Test
    void newerSchemaVersion() throws Exception {
        ProfileException e = brokenFile(GOOD.replace("schemaVersion: 2", "schemaVersion: 7"));
        assertThat(e.getMessage()).contains("team.yaml was written by a newer Hub Wizard")
                .contains("Update Hub Wizard");
    }

    @Test
    void notUtf8() throws Exception {
        byte[] latin1 = GOOD.replace("work", "wörk").getBytes(StandardCharsets.ISO_8859_1);
        ProfileException e = brokenFile(latin1);
        assertThat(e.getMessage()).contains("team.yaml is not UTF-8 text");
    }

    @Test
    void emptyFileAndAListInsteadOfAProfile() throws Exception {
        assertThat(brokenFile("").getMessage()).contains("team.yaml is empty");
        assertThat(brokenFile("- a\n- b\n").getMessage()).contains("team.yaml must be a block of 'key: value' lines");
    }

    @Test
    void manyMistakesAreReportedTogetherInLineOrder() throws Exception {
        ProfileException e = brokenFile(GOOD.replace("cpu: 1024", "cpu: lots").replace("  region:", "  regoin:")
                .replace("mode: NEW_VPC", "mode: own"));
        assertThat(e.mistakes()).hasSize(4);
        assertThat(e.mistakes().get(0)).contains("missing key 'region'");
        assertThat(e.mistakes().get(1)).contains("line 5").contains("regoin");
        assertThat(e.mistakes().get(2)).contains("line 7").contains("task.cpu");
        assertThat(e.mistakes().get(3)).contains("line 11").contains("network.mode");
    }

    @Test
    void aBrokenFileIsReplacedOnlyWhenAskedAndThenKeptAsTheBackup() throws Exception {
        String broken = GOOD.replace("cpu: 1024", "cpu: lots");
        brokenFile(broken);

        store.saveOverBrokenFile(TestProfiles.simple("team"));

        assertThat(store.load("team")).isEqualTo(TestProfiles.simple("team"));
        assertThat(Files.readString(store.backupOf("team"))).isEqualTo(broken);
    }

    @Test
    void aBrokenFileCanBeDeletedAndIsKeptAsTheBackup() throws Exception {
        String broken = GOOD.replace("cpu: 1024", "cpu: lots");
        brokenFile(broken);

        store.delete("team");

        assertThat(store.exists("team")).isFalse();
        assertThat(Files.readString(store.backupOf("team"))).isEqualTo(broken);
    }

    @Test
    void badlyNamedFilesAreListedAsBroken() throws Exception {
        Files.writeString(dir.resolve("my team.yaml"), GOOD);
        Files.writeString(dir.resolve("lab.yml"), GOOD);

        List<ProfileEntry> entries = store.list();

        assertThat(entries).extracting(ProfileEntry::name).containsExactly("lab", "my team", "other");
        assertThat(entries.get(0)).isInstanceOfSatisfying(ProfileEntry.Broken.class,
                b -> assertThat(b.problem().getMessage()).contains("Rename it to lab.yaml"));
        assertThat(entries.get(1)).isInstanceOfSatisfying(ProfileEntry.Broken.class,
                b -> assertThat(b.problem().getMessage()).contains("cannot be a profile name"));
    }
}
