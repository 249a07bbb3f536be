package dev.hubwizard.deploy;

/**
 * Users' files a teardown keeps, and their price.
 *
 * @param bytes   what the file system holds now
 * @param monthly what keeping it costs a month at that size, in US dollars
 */
public record KeptFileSystem(String fileSystemId, long bytes, double monthly) {
}
