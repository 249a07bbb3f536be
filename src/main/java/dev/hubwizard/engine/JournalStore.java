package dev.hubwizard.engine;

import java.io.IOException;
import java.util.List;

/** Where a journal lives. {@link #save} must be durable when it returns: the app may die next. */
public interface JournalStore {

    List<ResourceRecord> load() throws IOException;

    void save(List<ResourceRecord> records) throws IOException;

    /** A journal that forgets on exit, for previews and tests of steps that create nothing. */
    static JournalStore inMemory() {
        return new JournalStore() {
            private List<ResourceRecord> saved = List.of();

            @Override
            public List<ResourceRecord> load() {
                return saved;
            }

            @Override
            public void save(List<ResourceRecord> records) {
                saved = List.copyOf(records);
            }
        };
    }
}
