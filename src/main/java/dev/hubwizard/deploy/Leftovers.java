package dev.hubwizard.deploy;

import dev.hubwizard.engine.Problem;
import dev.hubwizard.engine.ResourceRecord;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Why the resources a teardown could not delete are still there, noted by the steps that tried, for
 * the report at the end. Steps run in parallel, so this is thread-safe.
 */
final class Leftovers {

    private final Map<String, Problem> reasons = new ConcurrentHashMap<>();

    void add(ResourceRecord record, Problem why) {
        reasons.put(key(record), why);
    }

    void clear(ResourceRecord record) {
        reasons.remove(key(record));
    }

    Optional<Problem> of(ResourceRecord record) {
        return Optional.ofNullable(reasons.get(key(record)));
    }

    private static String key(ResourceRecord record) {
        return record.kind() + " " + record.id();
    }
}
