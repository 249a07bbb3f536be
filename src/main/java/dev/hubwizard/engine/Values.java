package dev.hubwizard.engine;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * What steps hand to each other during a deploy session. Lives as long as the session, so a step run
 * on its own (the wizard's Run button) sees what earlier runs produced.
 */
public final class Values {

    private final ConcurrentMap<String, Object> values = new ConcurrentHashMap<>();

    public <T> void put(Key<T> key, T value) {
        values.put(key.name(), key.type().cast(value));
    }

    public <T> Optional<T> get(Key<T> key) {
        return Optional.ofNullable(values.get(key.name())).map(key.type()::cast);
    }

    /** The value, or a clear failure naming the step that should have produced it. */
    public <T> T require(Key<T> key) {
        return get(key).orElseThrow(() -> new IllegalStateException(
                "No " + key.name() + " yet: run the step that produces it first"));
    }

    public void remove(Key<?> key) {
        values.remove(key.name());
    }
}
