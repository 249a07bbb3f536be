package dev.hubwizard.aws;

import dev.hubwizard.aws.signin.MfaRoleCredentials;
import dev.hubwizard.engine.Problem;
import dev.hubwizard.engine.ProblemException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;

import java.io.IOException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns what AWS or the SDK threw into what the user reads: what happened, why, what to do next.
 * The permission a call needs is named by the caller ({@link AwsCall}), because not every service
 * says which permission was missing (EC2 answers with an encoded message).
 */
public final class AwsProblems {

    static final String POLICY_HINT = "docs/iam-policy.json lists every permission Hub Wizard needs";

    private static final Set<String> ACCESS_DENIED = Set.of("AccessDenied", "AccessDeniedException",
            "UnauthorizedOperation", "UnauthorizedAccess", "AuthorizationError", "Client.UnauthorizedOperation",
            "NotAuthorized");
    private static final Set<String> EXPIRED = Set.of("ExpiredToken", "ExpiredTokenException", "TokenRefreshRequired",
            "RequestExpired");
    private static final Set<String> INVALID_CREDENTIALS = Set.of("InvalidClientTokenId", "UnrecognizedClientException",
            "AuthFailure", "InvalidAccessKeyId", "SignatureDoesNotMatch", "InvalidSignatureException",
            "IncompleteSignature", "MissingAuthenticationToken");
    private static final Set<String> IN_USE = Set.of("DependencyViolation", "ResourceInUse", "ResourceInUseException",
            "FileSystemInUse");
    private static final Set<String> THROTTLED = Set.of("Throttling", "ThrottlingException", "RequestLimitExceeded",
            "TooManyRequestsException");
    /** The SDK's words when the chosen AWS profile has no credentials, or is not there at all. */
    private static final Pattern NO_CREDENTIALS_IN_PROFILE =
            Pattern.compile("Profile file contained no credentials for profile '([^']*)'");

    private AwsProblems() {
    }

    public static ProblemException explain(String action, SdkException e) {
        return new ProblemException(problem(action, e), e);
    }

    /** @param action the IAM action of the call that failed, e.g. {@code ec2:CreateVpc} */
    public static Problem problem(String action, SdkException e) {
        return problem(action, e, () -> AwsConfigProfiles.list().stream().map(AwsConfigProfiles.AwsProfile::name)
                .toList());
    }

    /** @param awsProfiles the AWS profiles on this computer, read only when a profile is not there */
    static Problem problem(String action, SdkException e, Supplier<List<String>> awsProfiles) {
        if (e instanceof AwsServiceException service && service.awsErrorDetails() != null) {
            return serviceProblem(action, service);
        }
        return missingProfile(e, awsProfiles).orElseGet(() -> clientProblem(action, e));
    }

    /** A profile name that is not in the AWS files is a typo or a profile on another computer: say which there are. */
    private static Optional<Problem> missingProfile(SdkException e, Supplier<List<String>> awsProfiles) {
        // Only the named profile's own provider: the default chain says the same of 'default' among its tries.
        Matcher named = NO_CREDENTIALS_IN_PROFILE.matcher(String.valueOf(e.getMessage()));
        if (!named.lookingAt()) {
            return Optional.empty();
        }
        String name = named.group(1);
        List<String> existing = awsProfiles.get();
        if (existing.contains(name)) {
            return Optional.empty();
        }
        return Optional.of(new Problem("AWS profile '" + name + "' does not exist",
                existing.isEmpty() ? "this computer has no AWS profiles at all"
                        : "these do: " + String.join(", ", existing),
                existing.isEmpty() ? "Press Sign in to AWS (IAM Identity Center or access keys); Hub Wizard then retries"
                        : "Choose one of them as the AWS profile on the Settings page, or press Sign in to AWS to make"
                                + " it; Hub Wizard then retries", Problem.Remedy.SIGN_IN));
    }

    private static Problem serviceProblem(String action, AwsServiceException e) {
        String code = e.awsErrorDetails().errorCode() == null ? "" : e.awsErrorDetails().errorCode();
        String message = e.awsErrorDetails().errorMessage() == null ? "" : e.awsErrorDetails().errorMessage();
        // What AWS said, for the curious: its error code and message, or at least the HTTP status.
        String said = (code.isBlank() ? "HTTP " + e.statusCode() : code) + (message.isBlank() ? "" : ": " + message);
        // GetCallerIdentity needs no permission (not even an explicit deny stops it): refused, it can only
        // mean the credentials themselves are bad.
        boolean identityRefused = "sts:GetCallerIdentity".equals(action) && (e.statusCode() == 401
                || e.statusCode() == 403) && !EXPIRED.contains(code);
        if (INVALID_CREDENTIALS.contains(code) || identityRefused) {
            return new Problem("AWS did not accept your credentials",
                    "the access key is unknown, mistyped or deleted, or the region is not enabled for this account ("
                            + said + ")",
                    "Press Sign in again to sign in to AWS (IAM Identity Center or new access keys); Hub Wizard "
                            + "then retries. If the sign-in is fine, enable the region under Account settings in the "
                            + "AWS console or pick another region on the Settings page", Problem.Remedy.SIGN_IN);
        }
        if (ACCESS_DENIED.contains(code) || e.statusCode() == 403 && !EXPIRED.contains(code)) {
            return new Problem("AWS refused " + action,
                    "the AWS identity Hub Wizard signs in with is not allowed to " + action + " (" + said + ")",
                    "Ask whoever manages your AWS account to allow " + action + " for it (" + POLICY_HINT
                            + "), or pick an AWS profile that has it, then press Retry");
        }
        if (EXPIRED.contains(code)) {
            return new Problem("Your AWS sign-in has expired",
                    "AWS rejected the temporary credentials as expired (" + said + ")",
                    "Press Sign in again: Hub Wizard renews the sign-in (in the browser only if it must), then "
                            + "retries. If it keeps happening, check that this computer's clock is right",
                    Problem.Remedy.SIGN_IN);
        }
        if ("OptInRequired".equals(code)) {
            return new Problem("This AWS region is not enabled for your account",
                    "AWS answered " + said + " to " + action,
                    "Enable the region under Account settings in the AWS console (or pick an enabled region in "
                            + "the profile), then press Retry");
        }
        if ("VpcLimitExceeded".equals(code)) {
            return new Problem("Your account has as many VPCs as AWS allows in this region",
                    "creating the hub's own VPC would exceed the VPC quota (" + message + ")",
                    "Delete a VPC you no longer use, ask for a higher quota in Service Quotas, or choose "
                            + "'Use the default VPC' in the network settings, then press Retry");
        }
        if (code.endsWith("LimitExceeded") || code.endsWith("LimitExceededException")
                || "ServiceQuotaExceededException".equals(code)) {
            return new Problem("An AWS quota is used up",
                    action + " would exceed a limit of your account (" + said + ")",
                    "Delete resources you no longer use or ask for a higher quota in Service Quotas, "
                            + "then press Retry");
        }
        if (THROTTLED.contains(code)) {
            return new Problem("AWS is slowing Hub Wizard down",
                    "too many requests in a short time (" + said + "), even after retries",
                    "Wait a minute, then press Retry");
        }
        if (e.statusCode() >= 500) {
            return new Problem("AWS had a problem answering " + action, said, "This is usually brief: press Retry");
        }
        return new Problem("AWS refused " + action, said, "Open the log for details, then press Retry");
    }

    private static Problem clientProblem(String action, SdkException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (hasCause(e, MfaRoleCredentials.MfaCodeMissingException.class)) {
            return new Problem("AWS needs the code from your MFA device", message,
                    "Press Retry and type the 6-digit code your MFA device or authenticator app shows now");
        }
        if (message.contains("login_session") || message.contains("Please reauthenticate")) {
            return new Problem("Your console sign-in session has expired",
                    "the sign-in from the AWS console ('aws login') has ended: " + message,
                    "Press Sign in again and sign in with IAM Identity Center or access keys (or, if you use the "
                            + "AWS CLI, run 'aws login' again); Hub Wizard then retries", Problem.Remedy.SIGN_IN);
        }
        if (message.contains("SSO") && (message.contains("expired") || message.contains("refresh")
                || message.contains("sso login"))) {
            return new Problem("Your IAM Identity Center (SSO) sign-in has expired",
                    "the SSO session of this profile has ended or is no longer valid",
                    "Press Sign in again: Hub Wizard renews it (in the browser only if it must), then retries",
                    Problem.Remedy.SIGN_IN);
        }
        if (message.contains("Unable to load credentials") || message.contains("Unable to load an AWS profile")
                || message.contains("Profile file contained no credentials")) {
            return new Problem("No AWS credentials found",
                    "Hub Wizard looked in the environment, ~/.aws/credentials, ~/.aws/config and SSO and found no "
                            + "usable credentials for this profile",
                    "Press Sign in to AWS (IAM Identity Center or access keys), or pick an AWS profile that works "
                            + "on the Settings page; Hub Wizard then retries", Problem.Remedy.SIGN_IN);
        }
        if (message.contains("Unable to load region")) {
            return new Problem("No AWS region chosen", "neither the profile nor the AWS configuration names a region",
                    "Pick a region in the profile's AWS settings, then press Retry");
        }
        if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException) {
            return new Problem("AWS did not answer in time", action + " took longer than "
                    + AwsClients.API_CALL_TIMEOUT.toSeconds() + " s",
                    "Check the internet connection (and proxy), then press Retry");
        }
        if (hasCause(e, UnknownHostException.class) || hasCause(e, IOException.class)) {
            return new Problem("Could not reach AWS", action + " failed on the network: " + message,
                    "Check the internet connection, proxy or VPN, then press Retry");
        }
        return new Problem("The call " + action + " failed", message, "Open the log for details, then press Retry");
    }

    /**
     * Whether AWS answered that the resource does not exist: {@code InvalidVpcID.NotFound} (EC2),
     * {@code ...NotFoundException} (ECS, ECR, Logs, ACM, Cognito, Secrets Manager), {@code ...NotFound} (ELB,
     * EFS), {@code NoSuchEntity} (IAM), {@code NoSuchDistribution} (CloudFront). Looks through causes, so a
     * {@link dev.hubwizard.engine.ProblemException} from {@link AwsCall} answers too.
     */
    public static boolean isNotFound(Throwable e) {
        String code = errorCode(e);
        return code.endsWith(".NotFound") || code.endsWith("NotFoundException") || code.endsWith("NotFound")
                || code.startsWith("NoSuch");
    }

    /**
     * Whether AWS refused because something still uses the resource: a network interface holds a subnet
     * or security group ({@code DependencyViolation}, EC2), a listener a target group or certificate
     * ({@code ResourceInUse}, ELB; {@code ResourceInUseException}, ACM), mount targets a file system
     * ({@code FileSystemInUse}, EFS).
     */
    public static boolean isInUse(Throwable e) {
        return IN_USE.contains(errorCode(e));
    }

    /** Whether AWS answered with this error code ({@code PreconditionFailed}); looks through causes. */
    static boolean hasCode(Throwable e, String code) {
        return code.equals(errorCode(e));
    }

    private static String errorCode(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof AwsServiceException service && service.awsErrorDetails() != null
                    && service.awsErrorDetails().errorCode() != null) {
                return service.awsErrorDetails().errorCode();
            }
        }
        return "";
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
