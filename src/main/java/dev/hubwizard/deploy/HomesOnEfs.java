package dev.hubwizard.deploy;

import dev.hubwizard.aws.HubFileSystem;

import java.util.Map;

/**
 * Users' homes on EFS: the file system the task mounts as {@code /home}, and the Unix ids the hub gives the
 * current users so that their files there stay theirs.
 */
public record HomesOnEfs(HubFileSystem fileSystem, Map<String, Integer> userIds) {

    public HomesOnEfs {
        userIds = Map.copyOf(userIds);
    }
}
