package dev.hubwizard.aws;

import dev.hubwizard.engine.ProblemException;
import software.amazon.awssdk.core.exception.SdkException;

import java.util.function.Supplier;

/**
 * Runs one AWS request and, when it fails, explains the failure with the IAM action the request
 * needs. Naming the action at each call also keeps {@code docs/iam-policy.json} honest: it lists
 * exactly the actions named here.
 */
public final class AwsCall {

    private AwsCall() {
    }

    public static <T> T call(String action, Supplier<T> request) throws ProblemException {
        try {
            return request.get();
        } catch (SdkException e) {
            throw AwsProblems.explain(action, e);
        }
    }

    public static void run(String action, Runnable request) throws ProblemException {
        call(action, () -> {
            request.run();
            return null;
        });
    }
}
