package dev.hubwizard.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class LogFileTest {

    @Test
    void keepsEveryLineInOrder(@TempDir Path dir) throws Exception {
        Path path = dir.resolve("logs/deploy.log");
        try (LogFile file = new LogFile(path)) {
            for (int i = 0; i < 10_000; i++) {
                file.log(new LogLine(Instant.now(), "build", LogLevel.INFO, "line " + i));
            }
        }

        var lines = Files.readAllLines(path);
        assertThat(lines).hasSize(10_000);
        assertThat(lines.get(0)).endsWith("INFO  [build] line 0");
        assertThat(lines.get(9_999)).endsWith("[build] line 9999");
    }
}
