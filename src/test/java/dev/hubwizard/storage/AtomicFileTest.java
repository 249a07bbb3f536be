package dev.hubwizard.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {

    @TempDir
    Path dir;

    @Test
    void replacesTheContentAndLeavesNoTemporaryFile() throws Exception {
        Path file = dir.resolve("hub.yaml");
        AtomicFile.write(file, "old".getBytes(StandardCharsets.UTF_8));

        AtomicFile.write(file, "new".getBytes(StandardCharsets.UTF_8));

        assertThat(file).hasContent("new");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void aFileIsPrivateToItsOwner() throws Exception {
        Path file = dir.resolve("hub.yaml");

        AtomicFile.write(file, new byte[] {1});

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    /** A cancelled run interrupts its thread while it records what it did: the record must still be written. */
    @Test
    void anInterruptedThreadStillWritesTheWholeFileAndStaysInterrupted() throws Exception {
        Path file = dir.resolve("hub.yaml");
        byte[] content = "x".repeat(1 << 20).getBytes(StandardCharsets.UTF_8);
        boolean[] stillInterrupted = new boolean[1];
        Exception[] failure = new Exception[1];

        Thread writer = new Thread(() -> {
            Thread.currentThread().interrupt();
            try {
                AtomicFile.write(file, content);
            } catch (Exception e) {
                failure[0] = e;
            }
            stillInterrupted[0] = Thread.currentThread().isInterrupted();
        });
        writer.start();
        writer.join();

        assertThat(failure[0]).isNull();
        assertThat(Files.readAllBytes(file)).isEqualTo(content);
        assertThat(stillInterrupted[0]).isTrue();
    }
}
