package dev.hubwizard.profile;

import dev.hubwizard.engine.ResourceRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real crashes: a child JVM writes in a loop and is killed with SIGKILL at a random moment, several
 * times. What it reported as written must be on disk, and the file must always be a complete profile.
 * (A killed process leaves the OS's page cache intact: this proves the writes are atomic and complete
 * when they return, not that fsync survives a power cut.)
 */
class ProfileCrashTest {

    private static final int KILLS = 6;

    @TempDir
    Path dir;

    @Test
    void aKillDuringSaveLeavesTheOldOrTheNewFileNeverAMix() throws Exception {
        ProfileStore store = new ProfileStore(dir);
        int lastReported = 0;
        int lastOnDisk = 0;
        for (int kill = 0; kill < KILLS; kill++) {
            List<String> printed = runAndKill("save");
            int reported = printed.isEmpty() ? lastReported : Integer.parseInt(printed.get(printed.size() - 1));

            Profile onDisk = store.load(CrashChild.SAVED);
            int version = Integer.parseInt(onDisk.deployment().imageTag().substring(1));
            assertThat(onDisk).isEqualTo(CrashChild.version(version));
            // Every child starts again at version 1; what it reported saved is there, or the one after it.
            assertThat(version).isBetween(reported, reported + 1);
            // The backup is written the same way, before the file, whenever a save changes an existing file:
            // by this child's second save, or by its first when the killed one before left another version
            // (a save of what is already there writes nothing, so version 1 over version 1 makes none).
            Path backup = store.backupOf(CrashChild.SAVED);
            if (reported >= 2 || (kill > 0 && lastOnDisk != 1)) {
                assertThat(backup).as("after kill %d: reported %d, on disk before %d", kill, reported, lastOnDisk)
                        .exists();
            }
            if (Files.exists(backup)) {
                Profile previous = new ProfileReader().read(backup, CrashChild.SAVED).profile();
                int backupVersion = Integer.parseInt(previous.deployment().imageTag().substring(1));
                assertThat(previous).isEqualTo(CrashChild.version(backupVersion));
            }
            lastReported = reported;
            lastOnDisk = version;
        }
        assertThat(store.list()).singleElement().isInstanceOf(ProfileEntry.Loaded.class);
    }

    @Test
    void everyResourceTheJournalReportedIsOnDiskAfterAKill() throws Exception {
        ProfileStore store = new ProfileStore(dir);
        store.save(TestProfiles.simple(CrashChild.JOURNALED));
        List<String> reported = new ArrayList<>();
        for (int kill = 0; kill < 3; kill++) {
            reported.addAll(runAndKill("journal"));

            List<String> onDisk = store.load(CrashChild.JOURNALED).deployment().resources().stream()
                    .map(ResourceRecord::id).toList();
            assertThat(onDisk).containsAll(reported).doesNotHaveDuplicates();
            // At most one record per kill whose write had finished but whose line was not printed yet.
            assertThat(onDisk.size()).isBetween(reported.size(), reported.size() + kill + 1);
            // In creation order, each child continuing where the killed one stopped.
            assertThat(onDisk).containsSubsequence(reported);
        }
        assertThat(reported).hasSizeGreaterThan(3);
    }

    /**
     * Starts a child, lets it write for a random while after its first report, kills it with SIGKILL,
     * and returns every line it printed.
     */
    private List<String> runAndKill(String mode) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-Xshare:auto", "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                CrashChild.class.getName(), mode, dir.toString())
                .redirectError(ProcessBuilder.Redirect.to(dir.resolve("child-stderr.txt").toFile()))
                .start();
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> readLines(child, lines));
        reader.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (lines.isEmpty()) {
                assertThat(child.isAlive()).as("child is running; its stderr: %s", stderr()).isTrue();
                assertThat(System.nanoTime()).as("child reported a first write in time").isLessThan(deadline);
                Thread.sleep(5);
            }
            Thread.sleep(ThreadLocalRandom.current().nextInt(10, 250));
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
        }
        reader.join(10_000);
        // SIGKILL: the exit status is 128 + 9. Anything else means the child died by itself.
        assertThat(child.exitValue()).as("child was killed, not failed; its stderr: %s", stderr()).isEqualTo(137);
        return new ArrayList<>(lines);
    }

    private static void readLines(Process child, List<String> lines) {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                lines.add(line);
            }
        } catch (IOException e) {
            // The pipe closes when the child is killed; the lines read so far are what it reported.
        }
    }

    private String stderr() throws IOException {
        Path file = dir.resolve("child-stderr.txt");
        return Files.exists(file) ? Files.readString(file) : "";
    }
}
