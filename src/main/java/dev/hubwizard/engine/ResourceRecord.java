package dev.hubwizard.engine;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * A resource a deploy created, recorded the moment it exists.
 *
 * @param kind       what it is ({@code vpc}, {@code ecr-repository}...), see the aws package
 * @param id         the id AWS gave it (ARN, vpc-…, sg-…), the key to delete it by
 * @param name       the name the profile gave it, when it has one
 * @param attributes further facts teardown or a redeploy needs (the subnet's AZ, the repository URI)
 * @param createdBy  the id of the step that created it
 * @param createdAt  when
 */
public record ResourceRecord(String kind, String id, String name, Map<String, String> attributes,
                             String createdBy, Instant createdAt) {

    public ResourceRecord {
        if (kind == null || kind.isBlank() || id == null || id.isBlank()) {
            throw new IllegalArgumentException("A resource needs a kind and an id");
        }
        name = name == null ? "" : name;
        attributes = Map.copyOf(attributes == null ? Map.of() : attributes);
        createdBy = createdBy == null ? "" : createdBy;
    }

    public String attribute(String key) {
        return attributes.getOrDefault(key, "");
    }

    /** Attributes in a stable order, for files that diff well. */
    public Map<String, String> sortedAttributes() {
        return new TreeMap<>(attributes);
    }
}
