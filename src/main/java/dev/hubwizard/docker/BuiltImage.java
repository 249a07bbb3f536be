package dev.hubwizard.docker;

import dev.hubwizard.profile.Architecture;

/**
 * A hub image in the local engine.
 *
 * @param imageId      Docker's content address ({@code sha256:…}); stays the same when a rebuild
 *                     changes nothing, because every build step then comes from the cache
 * @param repository   the local repository name (the profile's ECR repository name)
 * @param version      the tag: the first 12 hex digits of {@code imageId} ({@link #versionOf})
 * @param architecture what the image runs on; the Fargate task must match
 * @param sizeBytes    the image's size in the engine
 */
public record BuiltImage(String imageId, String repository, String version, Architecture architecture,
                         long sizeBytes) {

    /**
     * The version tag of an image: its id, shortened the way {@code docker images} shows it. Same
     * content, same tag: a rebuild with nothing changed needs no push and no new task definition,
     * and a tag never names two different images (ECR's immutable tags stay happy). Readable enough
     * to compare with {@code docker images} by eye.
     */
    public static String versionOf(String imageId) {
        String hex = imageId.startsWith("sha256:") ? imageId.substring("sha256:".length()) : imageId;
        if (!hex.matches("[0-9a-f]{12,64}")) {
            throw new IllegalArgumentException("Not a Docker image id: " + imageId);
        }
        return hex.substring(0, 12);
    }

    /** {@code repository:version}, what {@code docker run} and {@code docker push} take. */
    public String reference() {
        return repository + ":" + version;
    }
}
