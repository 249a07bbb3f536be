package dev.hubwizard.engine;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JournalTest {

    private static ResourceRecord record(String kind, String id, String name) {
        return new ResourceRecord(kind, id, name, Map.of(), "test", Instant.parse("2026-11-23T10:00:00Z"));
    }

    @Test
    void savesEveryChangeBeforeReturning() throws IOException {
        List<List<ResourceRecord>> saves = new ArrayList<>();
        Journal journal = new Journal(new JournalStore() {
            @Override
            public List<ResourceRecord> load() {
                return List.of();
            }

            @Override
            public void save(List<ResourceRecord> records) {
                saves.add(records);
            }
        });

        journal.record(record("vpc", "vpc-1", "team"));
        journal.record(record("subnet", "subnet-1", "team-a"));
        journal.forget("vpc", "vpc-1");

        assertThat(saves).hasSize(3);
        assertThat(saves.get(1)).extracting(ResourceRecord::id).containsExactly("vpc-1", "subnet-1");
        assertThat(saves.get(2)).extracting(ResourceRecord::id).containsExactly("subnet-1");
    }

    @Test
    void recordingTheSameResourceAgainUpdatesIt() throws IOException {
        Journal journal = new Journal(JournalStore.inMemory());
        journal.record(record("ecr-repository", "arn:1", "team"));
        journal.record(new ResourceRecord("ecr-repository", "arn:1", "team", Map.of("uri", "u"), "repository",
                Instant.now()));

        assertThat(journal.all()).hasSize(1);
        assertThat(journal.find("ecr-repository", "team").orElseThrow().attribute("uri")).isEqualTo("u");
    }

    @Test
    void aFailedSaveLeavesTheJournalAsItWasAndStopsTheStep() throws IOException {
        Journal journal = new Journal(new JournalStore() {
            @Override
            public List<ResourceRecord> load() {
                return List.of(record("vpc", "vpc-1", "team"));
            }

            @Override
            public void save(List<ResourceRecord> records) throws IOException {
                throw new IOException("disk full");
            }
        });

        assertThatThrownBy(() -> journal.record(record("subnet", "subnet-1", "a"))).hasMessageContaining("disk full");
        assertThat(journal.all()).extracting(ResourceRecord::id).containsExactly("vpc-1");
    }

    @Test
    void findsByKindAndIdAndKind() throws IOException {
        Journal journal = new Journal(JournalStore.inMemory());
        journal.record(record("subnet", "subnet-1", "a"));
        journal.record(record("subnet", "subnet-2", "b"));
        journal.record(record("vpc", "vpc-1", "team"));

        assertThat(journal.ofKind("subnet")).extracting(ResourceRecord::id).containsExactly("subnet-1", "subnet-2");
        assertThat(journal.findById("vpc", "vpc-1")).isPresent();
        assertThat(journal.findById("vpc", "vpc-2")).isEmpty();
    }
}
