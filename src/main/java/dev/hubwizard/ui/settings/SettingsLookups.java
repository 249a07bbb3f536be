package dev.hubwizard.ui.settings;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the settings page looks up outside the app, each slow (files, network) and so called on a
 * background thread. The composition root wires the real sources.
 *
 * @param awsProfiles the profile names in {@code ~/.aws/config} (and credentials), for the AWS profile list
 * @param regions     the regions to offer, with their names
 * @param currentIp   this computer's public IPv4 address as the internet sees it ({@code 203.0.113.7},
 *                    with or without {@code /32}); empty when it cannot be found
 * @param bundledHubImage the hub image folder that comes with the app, which a profile that names none uses
 */
public record SettingsLookups(Supplier<List<String>> awsProfiles, Supplier<List<AwsRegion>> regions,
                              Supplier<Optional<String>> currentIp, Path bundledHubImage) {
}
