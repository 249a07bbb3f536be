package dev.hubwizard.aws.signin;

import dev.hubwizard.engine.Problem;
import dev.hubwizard.engine.ProblemException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

import java.io.IOException;

/** What went wrong while signing in, in the words of the sign-in page. */
final class SignInProblems {

    private SignInProblems() {
    }

    static ProblemException identityCenter(SsoSession session, SdkException e) {
        if (unreachable(e)) {
            return new ProblemException(new Problem("Could not reach IAM Identity Center in " + session.region(),
                    "the network call failed: " + e.getMessage(),
                    "Check the region: it is the one your IAM Identity Center lives in (its console shows it, and "
                            + "your invitation e-mail names it). Check the internet connection, proxy or VPN, then "
                            + "press Sign in"), e);
        }
        return new ProblemException(new Problem("IAM Identity Center refused the sign-in", said(e),
                "Check the start URL and its region, then press Sign in again"), e);
    }

    static boolean unreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    static String said(SdkException e) {
        if (e instanceof AwsServiceException service && service.awsErrorDetails() != null) {
            String code = service.awsErrorDetails().errorCode();
            String message = service.awsErrorDetails().errorMessage();
            return (code == null ? "HTTP " + service.statusCode() : code) + (message == null ? "" : ": " + message);
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
