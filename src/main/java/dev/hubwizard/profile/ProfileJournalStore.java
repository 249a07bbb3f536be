package dev.hubwizard.profile;

import dev.hubwizard.engine.JournalStore;
import dev.hubwizard.engine.ResourceRecord;

import java.io.IOException;
import java.util.List;

/**
 * A profile's journal is its {@code deployment.resources}: the record of what a deploy created lives
 * in the same file as the settings, so copying or backing up a profile never separates the two.
 * Each save is a read–modify–write of the whole file through {@link ProfileStore#update}, atomic and
 * fsynced before it returns, so a resource is on disk the moment a step records it.
 */
public final class ProfileJournalStore implements JournalStore {

    private final ProfileStore store;
    private final String profileName;

    public ProfileJournalStore(ProfileStore store, String profileName) {
        this.store = store;
        this.profileName = profileName;
    }

    @Override
    public List<ResourceRecord> load() throws IOException {
        try {
            return store.load(profileName).deployment().resources();
        } catch (ProfileException e) {
            throw journalFailure(e);
        }
    }

    @Override
    public void save(List<ResourceRecord> records) throws IOException {
        try {
            store.update(profileName, p -> p.withDeployment(p.deployment().withResources(records)));
        } catch (ProfileException e) {
            throw journalFailure(e);
        }
    }

    /** The journal speaks IOException; the cause keeps the user-facing problem for ProblemException.of. */
    private static IOException journalFailure(ProfileException e) {
        return new IOException(e.getMessage(), e);
    }
}
