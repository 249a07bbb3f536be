package dev.hubwizard.aws;

/**
 * Where the users' homes live: the EFS file system and the access point the task mounts as {@code /home}.
 */
public record HubFileSystem(String fileSystemId, String accessPointId) {
}
