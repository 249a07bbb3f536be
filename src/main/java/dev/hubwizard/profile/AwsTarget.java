package dev.hubwizard.profile;

/**
 * Which AWS account and region. Never keys: {@code profileName} names a profile in
 * {@code ~/.aws/config} (empty = the SDK's default chain: environment, default profile, SSO...).
 */
public record AwsTarget(String profileName, String region) {

    public AwsTarget {
        profileName = profileName == null ? "" : profileName.trim();
        region = region == null ? "" : region.trim();
    }
}
