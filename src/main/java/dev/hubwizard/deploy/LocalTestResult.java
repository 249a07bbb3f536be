package dev.hubwizard.deploy;

import java.net.URI;
import java.time.Duration;

/**
 * A local test that passed.
 *
 * @param imageId       the image that was tested, so a later step can tell it is the one it pushes
 * @param url           where it answered (gone now: the container is removed)
 * @param timeToHealthy from container start to the first 200 from {@code /hub/health}
 */
public record LocalTestResult(String imageId, URI url, Duration timeToHealthy) {
}
