package dev.hubwizard.operate;

import java.time.Instant;
import java.util.Optional;

/**
 * A hub's live status: its state, what that means for its users in a sentence, the address it answers at now,
 * and how many users have a server running, where the hub can tell.
 *
 * @param detail      the why and what next ("ECS stopped task 1a2b: Essential container in task exited …")
 * @param url         where the hub is reached now; empty when it is not running
 * @param servers     how many users have a server running; empty when the hub cannot tell
 * @param serversNote why {@code servers} is empty, in a sentence; empty otherwise
 * @param checkedAt   when AWS was asked
 */
public record HubStatus(LiveState state, String detail, String url, Optional<Integer> servers, String serversNote,
                        Instant checkedAt) {

    public HubStatus {
        detail = detail == null ? "" : detail;
        url = url == null ? "" : url;
        servers = servers == null ? Optional.empty() : servers;
        serversNote = serversNote == null ? "" : serversNote;
    }
}
