package dev.hubwizard.profile;

import dev.hubwizard.engine.Journal;
import dev.hubwizard.engine.ProblemException;
import dev.hubwizard.engine.ResourceRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ProfileJournalStoreTest {

    @TempDir
    Path dir;

    private static ResourceRecord record(String kind, String id) {
        return new ResourceRecord(kind, id, id + "-name", Map.of("zone", "eu-west-1a"), "step", Instant.parse(
                "2024-05-01T10:00:00Z"));
    }

    @Test
    void theJournalIsTheProfilesResourcesAndEveryChangeIsOnDiskAtOnce() throws Exception {
        ProfileStore store = new ProfileStore(dir);
        store.save(TestProfiles.simple("team"));
        Journal journal = new Journal(new ProfileJournalStore(store, "team"));

        journal.record(record("vpc", "vpc-1"));
        journal.record(record("subnet", "subnet-1"));
        assertThat(store.load("team").deployment().resources()).extracting(ResourceRecord::id)
                .containsExactly("vpc-1", "subnet-1");

        journal.forget("vpc", "vpc-1");
        assertThat(store.load("team").deployment().resources()).containsExactly(record("subnet", "subnet-1"));

        // A new journal over the same profile, as after a restart, starts from what is on disk.
        assertThat(new Journal(new ProfileJournalStore(store, "team")).all()).containsExactly(record("subnet", "subnet-1"));
    }

    @Test
    void recordingKeepsTheSettingsSomeoneElseSavedMeanwhile() throws Exception {
        ProfileStore store = new ProfileStore(dir);
        store.save(TestProfiles.simple("team"));
        Journal journal = new Journal(new ProfileJournalStore(store, "team"));

        store.saveSettings(TestProfiles.simple("team").withOptions(new Options(true, "", true)));
        journal.record(record("vpc", "vpc-1"));

        Profile saved = store.load("team");
        assertThat(saved.options()).isEqualTo(new Options(true, "", true));
        assertThat(saved.deployment().resources()).containsExactly(record("vpc", "vpc-1"));
    }

    @Test
    void aFailedSaveStopsTheStepWithTheProfilesOwnMessage() throws Exception {
        ProfileStore store = new ProfileStore(dir);
        store.save(TestProfiles.simple("team"));
        Journal journal = new Journal(new ProfileJournalStore(store, "team"));
        Files.writeString(store.fileOf("team"), "schemaVersion: 2\nname: team\naws:\n  regoin: x\n");

        UncheckedIOException e = catchThrowableOfType(UncheckedIOException.class,
                () -> journal.record(record("vpc", "vpc-1")));

        assertThat(ProblemException.of(e).text()).contains("unknown key 'regoin' in aws at team.yaml line 4");
        assertThat(journal.all()).isEmpty();
        assertThatThrownBy(() -> new ProfileJournalStore(store, "team").load())
                .hasMessageContaining("team.yaml cannot be used");
    }
}
