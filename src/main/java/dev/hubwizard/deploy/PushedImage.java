package dev.hubwizard.deploy;

/**
 * The hub image as pushed to ECR.
 *
 * @param image  {@code repository-uri:tag}, as the task definition names it
 * @param digest the registry's {@code sha256:…} for it: a new digest under the same tag means a new image
 */
public record PushedImage(String image, String digest) {
}
