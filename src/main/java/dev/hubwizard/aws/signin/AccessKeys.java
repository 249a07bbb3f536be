package dev.hubwizard.aws.signin;

import dev.hubwizard.engine.Problem;
import dev.hubwizard.engine.ProblemException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Access keys for a personal account: checked with STS GetCallerIdentity before anything is saved, then
 * written to the credentials file (the secret never anywhere else) with the profile's region in the config.
 */
public final class AccessKeys {

    /** Who the keys belong to. {@code root}: the account's root user, which AWS advises against using. */
    public record Owner(String account, String arn, boolean root) {
    }

    private static final Pattern KEY_ID = Pattern.compile("[A-Z0-9]{16,128}");
    private static final Set<String> REJECTED = Set.of("InvalidClientTokenId", "SignatureDoesNotMatch",
            "InvalidAccessKeyId", "UnrecognizedClientException", "AuthFailure", "IncompleteSignature");

    private final SignInClients clients;
    private final AwsFileWriter writer;

    public AccessKeys(SignInClients clients, AwsFileWriter writer) {
        this.clients = clients;
        this.writer = writer;
    }

    public static Optional<String> keyIdProblem(String keyId) {
        String text = keyId == null ? "" : keyId.strip();
        if (text.isEmpty()) {
            return Optional.of("Paste the access key ID (it starts with AKIA)");
        }
        if (!KEY_ID.matcher(text).matches()) {
            return Optional.of("An access key ID has only capital letters and digits, like AKIAIOSFODNN7EXAMPLE");
        }
        return Optional.empty();
    }

    public static Optional<String> secretProblem(String secret) {
        String text = secret == null ? "" : secret.strip();
        if (text.isEmpty()) {
            return Optional.of("Paste the secret access key (shown once, when the key was made)");
        }
        if (text.length() < 16 || text.chars().anyMatch(Character::isWhitespace)) {
            return Optional.of("That does not look like a secret access key: it is 40 characters with no spaces");
        }
        return Optional.empty();
    }

    /** Asks AWS who the keys belong to; nothing is saved. */
    public Owner check(String keyId, String secret, String region) throws ProblemException {
        StaticCredentialsProvider keys = StaticCredentialsProvider.create(
                AwsBasicCredentials.create(keyId.strip(), secret.strip()));
        try (StsClient sts = clients.sts(region, keys)) {
            GetCallerIdentityResponse identity = sts.getCallerIdentity();
            return new Owner(identity.account(), identity.arn(), identity.arn().endsWith(":root"));
        } catch (AwsServiceException e) {
            String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
            if (REJECTED.contains(code) || e.statusCode() == 403) {
                throw new ProblemException(new Problem("AWS did not accept these access keys",
                        "the key ID is unknown, the secret does not match it, or the key was deactivated or deleted ("
                                + SignInProblems.said(e) + ")",
                        "Check that you copied both parts whole. If the secret is lost, make a new access key in the "
                                + "IAM console (Users → your user → Security credentials) and paste that"), e);
            }
            throw new ProblemException(new Problem("AWS could not check the access keys", SignInProblems.said(e),
                    "Try again in a minute"), e);
        } catch (SdkException e) {
            throw new ProblemException(new Problem("Could not reach AWS to check the access keys",
                    e.getMessage(), "Check the internet connection, proxy or VPN, then try again"), e);
        }
    }

    /** Saves checked keys as the profile's (replacing any other way it signed in). */
    public void save(String profile, String keyId, String secret, String region) throws ProblemException {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("aws_access_key_id", keyId.strip());
        keys.put("aws_secret_access_key", secret.strip());
        String section = AwsFiles.configSection(profile);
        writer.change()
                .credentials(ini -> {
                    ini.remove(profile, Set.of("aws_session_token"));
                    ini.set(profile, keys);
                })
                .config(ini -> {
                    ini.remove(section, SsoProfiles.OTHER_WAYS);
                    ini.remove(section, Set.of("sso_session", "sso_account_id", "sso_role_name"));
                    if (!region.isBlank()) {
                        ini.set(section, Map.of("region", region));
                    }
                })
                .write();
    }
}
