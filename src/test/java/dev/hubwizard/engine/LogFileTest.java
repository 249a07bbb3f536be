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

    @Test
    void readsBackWhatItWroteWithEachLinesStepAndLevelAndTheNewestLinesOnly(@TempDir Path dir) throws Exception {
        Path path = dir.resolve("deploy.log");
        Instant at = Instant.parse("2025-03-14T15:00:01.250Z");
        try (LogFile file = new LogFile(path)) {
            file.log(new LogLine(at, "build", LogLevel.INFO, "Step 1/9 : FROM base"));
            file.log(new LogLine(at, "network", LogLevel.WARN, "slow answer"));
            file.log(new LogLine(at, "service", LogLevel.ERROR, "The hub stopped\nTraceback (most recent call last):"));
        }

        LogFile.Contents all = LogFile.read(path, 100);

        assertThat(all.skipped()).isZero();
        assertThat(all.lines()).extracting(LogLine::stepId).containsExactly("build", "network", "service", "service");
        assertThat(all.lines()).extracting(LogLine::level).containsExactly(LogLevel.INFO, LogLevel.WARN,
                LogLevel.ERROR, LogLevel.ERROR);
        assertThat(all.lines()).extracting(LogLine::text).containsExactly("Step 1/9 : FROM base", "slow answer",
                "The hub stopped", "Traceback (most recent call last):");
        assertThat(LogFile.format(all.lines().get(0))).isEqualTo(LogFile.format(
                new LogLine(at, "build", LogLevel.INFO, "Step 1/9 : FROM base")));

        LogFile.Contents newest = LogFile.read(path, 2);
        assertThat(newest.skipped()).isEqualTo(2);
        assertThat(newest.lines()).extracting(LogLine::text).containsExactly("The hub stopped",
                "Traceback (most recent call last):");
    }
}
