package dev.hubwizard.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every resource a profile's deploys created, in the order they were created. Each change is saved
 * before the call returns, so a crash right after a create still leaves the resource on record and
 * the next run finds it instead of creating a duplicate.
 */
public final class Journal {

    private final JournalStore store;
    private final List<ResourceRecord> records;

    public Journal(JournalStore store) throws IOException {
        this.store = store;
        this.records = new ArrayList<>(store.load());
    }

    /** Records (or updates, by kind and id) a resource, durably. */
    public synchronized void record(ResourceRecord record) {
        List<ResourceRecord> next = new ArrayList<>(records);
        next.removeIf(r -> same(r, record.kind(), record.id()));
        next.add(record);
        save(next);
    }

    /** Forgets a resource that no longer exists (teardown deleted it, or someone else did). */
    public synchronized void forget(String kind, String id) {
        List<ResourceRecord> next = new ArrayList<>(records);
        if (next.removeIf(r -> same(r, kind, id))) {
            save(next);
        }
    }

    public synchronized Optional<ResourceRecord> find(String kind, String name) {
        return records.stream().filter(r -> r.kind().equals(kind) && r.name().equals(name)).reduce((a, b) -> b);
    }

    public synchronized Optional<ResourceRecord> findById(String kind, String id) {
        return records.stream().filter(r -> same(r, kind, id)).findFirst();
    }

    public synchronized List<ResourceRecord> ofKind(String kind) {
        return records.stream().filter(r -> r.kind().equals(kind)).toList();
    }

    public synchronized List<ResourceRecord> all() {
        return List.copyOf(records);
    }

    public synchronized boolean isEmpty() {
        return records.isEmpty();
    }

    private void save(List<ResourceRecord> next) {
        try {
            store.save(next);
        } catch (IOException e) {
            // Not recording a resource that exists would orphan it: stop the step right here.
            throw new UncheckedIOException("Could not save the deployment journal: " + e.getMessage(), e);
        }
        records.clear();
        records.addAll(next);
    }

    private static boolean same(ResourceRecord r, String kind, String id) {
        return r.kind().equals(kind) && r.id().equals(id);
    }
}
