package dev.hubwizard.aws;

import dev.hubwizard.engine.Cancellation;
import dev.hubwizard.engine.Intent;
import dev.hubwizard.engine.Problem;
import dev.hubwizard.engine.ProblemException;
import dev.hubwizard.engine.ResourceRecord;
import dev.hubwizard.engine.StepContext;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.GetFunctionRequest;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.lambda.waiters.LambdaWaiter;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import static dev.hubwizard.aws.AwsCall.call;
import static dev.hubwizard.aws.AwsCall.run;

/**
 * A profile's Lambda functions: Python code zipped by the app, the role they run with, their environment. A
 * function is named after the profile and recorded by name; a redeploy changes its code only when the zip's
 * SHA-256 differs from what Lambda has, and its configuration only when that differs.
 */
public final class LambdaFunctions {

    /** A new IAM role reaches Lambda seconds after it exists; Lambda refuses to assume it until then. */
    static final Duration NEW_ROLE_PATIENCE = Duration.ofSeconds(60);
    private static final Duration NEW_ROLE_RETRY = Duration.ofSeconds(3);
    /** A function is Active (or updated) within seconds; minutes mean something is wrong. */
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);

    /** What a function must be. */
    public record FunctionSpec(String name, String description, Runtime runtime, String handler, String roleArn,
                               byte[] zip, int timeoutSeconds, int memoryMb, Map<String, String> environment) {

        public FunctionSpec {
            environment = Map.copyOf(environment);
        }

        /** Lambda's CodeSha256: the zip's SHA-256, in base64. */
        String codeSha256() {
            try {
                return Base64.getEncoder().encodeToString(java.security.MessageDigest.getInstance("SHA-256")
                        .digest(zip));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException("Every Java runtime has SHA-256", e);
            }
        }

        /** What differs between Lambda's configuration and this, in words; empty when nothing does. */
        List<String> differences(FunctionConfiguration current) {
            List<String> differences = new ArrayList<>();
            if (!codeSha256().equals(current.codeSha256())) {
                differences.add("its code");
            }
            if (current.runtime() != runtime || !handler.equals(current.handler()) || !roleArn.equals(current.role())
                    || !Objects.equals(current.timeout(), timeoutSeconds)
                    || !Objects.equals(current.memorySize(), memoryMb)
                    || !environment.equals(current.environment() == null ? Map.of()
                    : current.environment().variables())) {
                differences.add("its configuration");
            }
            return differences;
        }
    }

    private final AwsClients aws;
    private final ProfileTags tags;

    public LambdaFunctions(AwsClients aws, ProfileTags tags) {
        this.aws = aws;
        this.tags = tags;
    }

    public Optional<FunctionConfiguration> find(String name) throws ProblemException {
        return call("lambda:GetFunction", () -> {
            try {
                return Optional.of(aws.lambda().getFunction(r -> r.functionName(name)).configuration());
            } catch (ResourceNotFoundException e) {
                return Optional.empty();
            }
        });
    }

    /** Finds or creates the function, brings it to {@code spec}, and waits until it is ready; returns its ARN. */
    public String ensure(StepContext ctx, FunctionSpec spec)
            throws ProblemException, Cancellation.CancelledException, InterruptedException {
        Journaled.Outcome<FunctionConfiguration> outcome = Journaled.ensure(ctx, ResourceKind.LAMBDA_FUNCTION,
                "Lambda function", spec.name(), () -> find(spec.name()), Journaled.NAME_IS_IDENTITY,
                () -> create(ctx, spec),
                new Journaled.Identity<>() {
                    @Override
                    public String id(FunctionConfiguration f) {
                        // Functions are addressed (and deleted) by name.
                        return f.functionName();
                    }

                    @Override
                    public Map<String, String> attributes(FunctionConfiguration f) {
                        return Map.of("arn", f.functionArn());
                    }

                    @Override
                    public boolean owned(FunctionConfiguration f) throws ProblemException {
                        return tags.ownedBy(tagsOf(f.functionArn()));
                    }
                });
        FunctionConfiguration function = outcome.resource();
        if (!outcome.created()) {
            List<String> differences = spec.differences(function);
            if (differences.contains("its code")) {
                waitUntilReady(ctx, spec.name());
                run("lambda:UpdateFunctionCode", () -> aws.lambda().updateFunctionCode(r -> r.functionName(spec.name())
                        .zipFile(SdkBytes.fromByteArray(spec.zip()))));
            }
            if (differences.contains("its configuration")) {
                waitUntilReady(ctx, spec.name());
                run("lambda:UpdateFunctionConfiguration", () -> aws.lambda().updateFunctionConfiguration(r -> r
                        .functionName(spec.name()).runtime(spec.runtime()).handler(spec.handler())
                        .role(spec.roleArn()).timeout(spec.timeoutSeconds()).memorySize(spec.memoryMb())
                        .environment(e -> e.variables(spec.environment()))));
            }
            if (!differences.isEmpty()) {
                ctx.log().info("Changed Lambda function " + spec.name() + ": " + String.join(", ", differences));
            }
        }
        waitUntilReady(ctx, spec.name());
        return function.functionArn();
    }

    private FunctionConfiguration create(StepContext ctx, FunctionSpec spec) throws ProblemException {
        Instant deadline = Instant.now().plus(NEW_ROLE_PATIENCE);
        while (true) {
            try {
                var created = aws.lambda().createFunction(r -> r.functionName(spec.name())
                        .description(spec.description()).runtime(spec.runtime()).handler(spec.handler())
                        .role(spec.roleArn()).code(c -> c.zipFile(SdkBytes.fromByteArray(spec.zip())))
                        .timeout(spec.timeoutSeconds()).memorySize(spec.memoryMb())
                        .environment(e -> e.variables(spec.environment())).tags(tags.named(spec.name())));
                return FunctionConfiguration.builder().functionName(created.functionName())
                        .functionArn(created.functionArn()).codeSha256(created.codeSha256()).build();
            } catch (InvalidParameterValueException e) {
                // IAM is eventually consistent: a role made moments ago may not be usable by Lambda yet.
                if (!String.valueOf(e.getMessage()).contains("cannot be assumed") || Instant.now().isAfter(deadline)) {
                    throw AwsProblems.explain("lambda:CreateFunction", e);
                }
                ctx.log().info("Lambda cannot use the new role " + spec.roleArn() + " yet (IAM takes a few seconds "
                        + "to tell it); trying again");
                try {
                    ctx.pause(NEW_ROLE_RETRY);
                } catch (Cancellation.CancelledException | InterruptedException stopped) {
                    throw new ProblemException(new Problem("The deploy stopped", "it was cancelled while waiting "
                            + "for IAM", "Press Retry"), stopped);
                }
            } catch (AwsServiceException | SdkClientException e) {
                throw AwsProblems.explain("lambda:CreateFunction", e);
            }
        }
    }

    /** The function's state is Active and its last update done, with the SDK's waiters. */
    private void waitUntilReady(StepContext ctx, String name) throws ProblemException, Cancellation.CancelledException {
        GetFunctionRequest request = GetFunctionRequest.builder().functionName(name).build();
        try (LambdaWaiter waiter = aws.lambda().waiter()) {
            waiter.waitUntilFunctionActiveV2(request, Waits.upTo(READY_TIMEOUT, Duration.ofSeconds(5)));
            waiter.waitUntilFunctionUpdatedV2(request, Waits.upTo(READY_TIMEOUT, Duration.ofSeconds(5)));
        } catch (AwsServiceException e) {
            throw AwsProblems.explain("lambda:GetFunction", e);
        } catch (SdkClientException e) {
            ctx.throwIfCancelled();
            throw new ProblemException(new Problem("The Lambda function " + name + " is not ready",
                    "Lambda did not report it Active and up to date within " + READY_TIMEOUT.toMinutes() + " min",
                    "Look at the function in the Lambda console (its state says why), then press Retry"), e);
        }
    }

    /** Deletes the recorded function (see {@link Deletion}). */
    public void delete(StepContext ctx, ResourceRecord record)
            throws ProblemException, Cancellation.CancelledException, InterruptedException {
        Deletion.delete(ctx, tags, record, "Lambda function", () -> find(record.id()),
                f -> tagsOf(f.functionArn()),
                f -> run("lambda:DeleteFunction", () -> aws.lambda().deleteFunction(r -> r.functionName(record.id()))));
    }

    public Intent preview(FunctionSpec spec, String detail) throws ProblemException {
        Optional<FunctionConfiguration> function = find(spec.name());
        if (function.isEmpty()) {
            return Intent.create("Lambda function", spec.name(), detail);
        }
        List<String> differences = spec.differences(function.get());
        return differences.isEmpty() ? Intent.reuse("Lambda function", spec.name(), detail)
                : Intent.change("Lambda function", spec.name(), detail + " (" + String.join(" and ", differences)
                + " change)");
    }

    private Map<String, String> tagsOf(String arn) throws ProblemException {
        return call("lambda:ListTags", () -> aws.lambda().listTags(r -> r.resource(arn)).tags());
    }
}
