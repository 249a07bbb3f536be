package dev.hubwizard.aws.signin;

import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.profiles.Profile;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.utils.SdkAutoCloseable;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Credentials for a profile with {@code role_arn}, {@code source_profile} and {@code mfa_serial}: the SDK's
 * profile provider assumes such a role without the MFA code, which AWS refuses; this one asks the person
 * for the code (through {@link MfaCodePrompt}) each time the SDK's assume-role provider needs new
 * credentials, and asks again, up to three times, when AWS does not accept a code.
 */
public final class MfaRoleCredentials implements AwsCredentialsProvider, SdkAutoCloseable {

    /** Thrown when the person did not give a code, or AWS accepted none: {@code AwsProblems} explains it. */
    public static final class MfaCodeMissingException extends RuntimeException {
        public MfaCodeMissingException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    static final int ATTEMPTS = 3;

    private final ProfileCredentialsProvider source;
    private final StsClient sts;
    private final StsAssumeRoleCredentialsProvider provider;
    private final AtomicBoolean lastRefused = new AtomicBoolean();

    private MfaRoleCredentials(ProfileCredentialsProvider source, StsClient sts,
                               StsAssumeRoleCredentialsProvider provider) {
        this.source = source;
        this.sts = sts;
        this.provider = provider;
    }

    /** The provider for {@code profileName}, when it is a role that needs an MFA code. */
    public static Optional<MfaRoleCredentials> forProfile(ProfileFile file, String profileName, MfaCodePrompt prompt,
                                                          SdkHttpClient http, Region region) {
        Optional<Profile> found = file.profile(profileName);
        if (found.isEmpty() || SignInKind.of(found.get()) != SignInKind.MFA_ROLE
                || found.get().property("source_profile").isEmpty()) {
            return Optional.empty();
        }
        Profile profile = found.get();
        String roleArn = profile.property("role_arn").orElseThrow();
        String serial = profile.property("mfa_serial").orElseThrow();
        ProfileCredentialsProvider source = ProfileCredentialsProvider.builder().profileFile(file)
                .profileName(profile.property("source_profile").orElseThrow()).build();
        StsClient sts = StsClient.builder().httpClient(http).region(region).credentialsProvider(source).build();
        MfaRoleCredentials[] self = new MfaRoleCredentials[1];
        StsAssumeRoleCredentialsProvider provider = StsAssumeRoleCredentialsProvider.builder()
                .stsClient(sts)
                .asyncCredentialUpdateEnabled(false)
                .refreshRequest(() -> {
                    boolean retry = self[0].lastRefused.getAndSet(false);
                    String code = prompt.ask(new MfaCodePrompt.Request(profileName, roleArn, serial, retry))
                            .map(String::strip)
                            .orElseThrow(() -> new MfaCodeMissingException("The MFA code for AWS profile '"
                                    + profileName + "' was not given", null));
                    AssumeRoleRequest.Builder request = AssumeRoleRequest.builder().roleArn(roleArn)
                            .roleSessionName(profile.property("role_session_name")
                                    .orElse("hubwizard-" + System.currentTimeMillis()))
                            .serialNumber(serial).tokenCode(code);
                    profile.property("external_id").ifPresent(request::externalId);
                    profile.property("duration_seconds").map(Integer::valueOf).ifPresent(request::durationSeconds);
                    return request.build();
                })
                .build();
        self[0] = new MfaRoleCredentials(source, sts, provider);
        return Optional.of(self[0]);
    }

    @Override
    public AwsCredentials resolveCredentials() {
        for (int attempt = 1; ; attempt++) {
            try {
                return provider.resolveCredentials();
            } catch (AwsServiceException e) {
                // STS answers a wrong or reused code with AccessDenied ("MultiFactorAuthentication failed ...").
                boolean codeRefused = e.statusCode() == 403 && String.valueOf(e.getMessage()).contains("MultiFactor");
                if (!codeRefused) {
                    throw e;
                }
                if (attempt == ATTEMPTS) {
                    throw missing(new MfaCodeMissingException("AWS did not accept the MFA code (" + attempt
                            + " tries): " + e.getMessage(), e));
                }
                lastRefused.set(true);
            } catch (MfaCodeMissingException e) {
                throw missing(e);
            } catch (SdkClientException e) {
                if (e.getCause() instanceof MfaCodeMissingException missing) {
                    throw missing(missing);
                }
                throw e;
            }
        }
    }

    /** As the SDK's own exception, so that every caller's handling of SDK failures explains it. */
    private static SdkClientException missing(MfaCodeMissingException e) {
        return SdkClientException.create(e.getMessage(), e);
    }

    @Override
    public void close() {
        provider.close();
        sts.close();
        source.close();
    }
}
