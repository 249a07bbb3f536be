package dev.hubwizard.aws.signin;

import software.amazon.awssdk.profiles.ProfileFileLocation;
import software.amazon.awssdk.utils.UserHomeDirectoryUtils;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;

/**
 * Where the AWS CLI and SDKs keep their sign-ins on this computer: the config file, the credentials file
 * (both moved by {@code AWS_CONFIG_FILE} / {@code AWS_SHARED_CREDENTIALS_FILE}, as every AWS tool honours)
 * and the SSO token cache under the home folder. Found the way the SDK finds them, so that what Hub
 * Wizard writes is what the SDK, the AWS CLI and boto3 read.
 */
public record AwsFiles(Path config, Path credentials, Path ssoCache) {

    public static AwsFiles ofThisMachine() {
        return new AwsFiles(ProfileFileLocation.configurationFilePath(), ProfileFileLocation.credentialsFilePath(),
                Path.of(UserHomeDirectoryUtils.userHomeDirectory(), ".aws", "sso", "cache"));
    }

    /** Everything under one folder, {@code DIR/config}, {@code DIR/credentials}, {@code DIR/sso/cache}: tests. */
    public static AwsFiles in(Path awsFolder) {
        return new AwsFiles(awsFolder.resolve("config"), awsFolder.resolve("credentials"),
                awsFolder.resolve("sso").resolve("cache"));
    }

    /** The token cache file of an {@code [sso-session NAME]}: the SHA-1 of the session's name, as botocore names it. */
    public Path ssoToken(String sessionName) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-1")
                    .digest(sessionName.getBytes(StandardCharsets.UTF_8));
            return ssoCache.resolve(HexFormat.of().formatHex(digest) + ".json");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-1", e);
        }
    }

    /** The config file's section of a profile: {@code [default]} or {@code [profile NAME]}. */
    public static String configSection(String profile) {
        return "default".equals(profile) ? "default" : "profile " + profile;
    }
}
