package dev.hubwizard.aws;

import software.amazon.awssdk.profiles.Profile;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.profiles.ProfileProperty;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The AWS profiles on this computer, from {@code ~/.aws/config} and {@code ~/.aws/credentials} (or
 * wherever {@code AWS_CONFIG_FILE} and {@code AWS_SHARED_CREDENTIALS_FILE} point), read the way the SDK
 * reads them. Only names and kinds leave here: never keys.
 */
public final class AwsConfigProfiles {

    private AwsConfigProfiles() {
    }

    /**
     * @param sso    signs in through IAM Identity Center (an {@code sso_session} or {@code sso_start_url})
     * @param region the profile's own region, or empty
     */
    public record AwsProfile(String name, boolean sso, String region) {
    }

    public static List<AwsProfile> list() {
        return list(ProfileFile.defaultProfileFile());
    }

    static List<AwsProfile> list(ProfileFile file) {
        List<AwsProfile> result = new ArrayList<>();
        for (Map.Entry<String, Profile> entry : file.profiles().entrySet()) {
            Profile profile = entry.getValue();
            boolean sso = profile.property("sso_session").isPresent()
                    || profile.property(ProfileProperty.SSO_START_URL).isPresent();
            result.add(new AwsProfile(entry.getKey(), sso, profile.property(ProfileProperty.REGION).orElse("")));
        }
        result.sort(java.util.Comparator.comparing((AwsProfile p) -> !p.name().equals("default"))
                .thenComparing(AwsProfile::name));
        return result;
    }
}
