package dev.hubwizard.deploy;

import dev.hubwizard.aws.HubFileSystem;

import java.util.Map;

/**
 * Users' homes on EFS: the file system the task mounts as {@code /home}, and the Unix ids the hub gives the
 * current users so that their files there stay theirs.
 */
public record HomesOnEfs(HubFileSystem fileSystem, Map<String, Integer> userIds) {

    public HomesOnEfs {
        // Sorted: the ids become an environment variable, and another order would be another task definition.
        userIds = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(userIds));
    }
}
