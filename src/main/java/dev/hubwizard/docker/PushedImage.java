package dev.hubwizard.docker;

/**
 * An image in a registry.
 *
 * @param reference {@code repositoryUri:tag}
 * @param digest    the manifest's digest ({@code sha256:…}), what the registry and ECR call the image by
 */
public record PushedImage(String reference, String digest) {
}
