package dev.hubwizard.deploy;

import dev.hubwizard.hub.HubCheck;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * A local test that passed.
 *
 * @param imageId the image that was tested, so a later step can tell it is the one it pushes
 * @param url     where it answered (gone now: the container is removed)
 * @param checks  every check, passed, in order: the hub answering, sign-in, server, code
 */
public record LocalTestResult(String imageId, URI url, List<LocalTestCheck> checks) {

    public LocalTestResult {
        checks = List.copyOf(checks);
    }

    /** From {@code docker run} to the end of {@code check}. */
    public Duration sinceStart(HubCheck check) {
        return checks.stream().filter(c -> c.check() == check).findFirst().map(LocalTestCheck::sinceStart)
                .orElseThrow(() -> new IllegalArgumentException(check + " was not checked"));
    }
}
