package dev.hubwizard.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hubwizard.engine.Cancellation;
import dev.hubwizard.engine.Intent;
import dev.hubwizard.engine.ProblemException;
import dev.hubwizard.engine.ResourceRecord;
import dev.hubwizard.engine.StepContext;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.cloudfront.model.DescribeFunctionResponse;
import software.amazon.awssdk.services.cloudfront.model.FunctionRuntime;
import software.amazon.awssdk.services.cloudfront.model.FunctionStage;
import software.amazon.awssdk.services.cloudfront.model.FunctionSummary;
import software.amazon.awssdk.services.cloudfront.model.NoSuchFunctionExistsException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.hubwizard.aws.AwsCall.call;
import static dev.hubwizard.aws.AwsCall.run;

/**
 * The CloudFront function that keeps the hub to the address range its settings allow, now that its own port is
 * CloudFront's alone (CloudFront's addresses are shared by everyone, so a security group can no longer tell people
 * apart). It runs at the edge on every viewer request (CloudFront Functions: 2 million a month in the always-free
 * tier, $0.10 per million after) and answers 403 to any address outside the range ({@code allowed_viewers.js},
 * with the range filled in).
 *
 * <p>A function is published (its LIVE stage) before a distribution may use it. Functions carry no tags: one is
 * this profile's when the journal names it, or, after a crash, when its comment names the profile.
 */
public final class ViewerFunctions {

    static final String TEMPLATE = "allowed_viewers.js";
    private static final String RANGES = "/*ALLOWED*/[]";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AwsClients aws;
    private final ProfileTags tags;

    public ViewerFunctions(AwsClients aws, ProfileTags tags) {
        this.aws = aws;
        this.tags = tags;
    }

    /** The function's code: the template with {@code ranges} in it. */
    public static String code(List<String> ranges) {
        try (InputStream in = ViewerFunctions.class.getResourceAsStream(TEMPLATE)) {
            if (in == null) {
                throw new IllegalStateException(TEMPLATE + " is missing from the app");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace(RANGES,
                    JSON.writeValueAsString(ranges));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The function at a stage, with its ETag; empty when it does not exist (or is not published, for LIVE). */
    public Optional<DescribeFunctionResponse> find(String name, FunctionStage stage) throws ProblemException {
        return call("cloudfront:DescribeFunction", () -> {
            try {
                return Optional.of(aws.cloudFront().describeFunction(r -> r.name(name).stage(stage)));
            } catch (NoSuchFunctionExistsException e) {
                return Optional.empty();
            }
        });
    }

    /** Finds or creates the function, publishes {@code code} when it is not what runs, and returns the LIVE ARN. */
    public String ensure(StepContext ctx, String name, String comment, String code) throws ProblemException {
        FunctionSummary function = Journaled.ensure(ctx, ResourceKind.VIEWER_FUNCTION, "CloudFront function", name,
                () -> find(name, FunctionStage.DEVELOPMENT).map(DescribeFunctionResponse::functionSummary),
                Journaled.NAME_IS_IDENTITY,
                () -> call("cloudfront:CreateFunction", () -> aws.cloudFront().createFunction(r -> r.name(name)
                        .functionConfig(c -> c.comment(comment).runtime(FunctionRuntime.CLOUDFRONT_JS_2_0))
                        .functionCode(SdkBytes.fromUtf8String(code))).functionSummary()),
                new Journaled.Identity<>() {
                    @Override
                    public String id(FunctionSummary f) {
                        // Functions are addressed (and deleted) by name.
                        return f.name();
                    }

                    @Override
                    public Map<String, String> attributes(FunctionSummary f) {
                        return Map.of("arn", f.functionMetadata().functionARN());
                    }

                    @Override
                    public boolean owned(FunctionSummary f) {
                        return comment.equals(f.functionConfig().comment());
                    }
                }).resource();
        if (!code.equals(liveCode(name).orElse(""))) {
            if (!code.equals(code(name, FunctionStage.DEVELOPMENT).orElse(""))) {
                String eTag = find(name, FunctionStage.DEVELOPMENT).orElseThrow().eTag();
                run("cloudfront:UpdateFunction", () -> aws.cloudFront().updateFunction(r -> r.name(name).ifMatch(eTag)
                        .functionConfig(c -> c.comment(comment).runtime(FunctionRuntime.CLOUDFRONT_JS_2_0))
                        .functionCode(SdkBytes.fromUtf8String(code))));
            }
            // UpdateFunction's answer names its ETag header "ETtag" (sic): asked again rather than trusted.
            String eTag = find(name, FunctionStage.DEVELOPMENT).orElseThrow().eTag();
            run("cloudfront:PublishFunction", () -> aws.cloudFront().publishFunction(r -> r.name(name).ifMatch(eTag)));
            ctx.log().info("Published CloudFront function " + name + ": it lets in only the hub's address range");
        }
        return function.functionMetadata().functionARN();
    }

    private Optional<String> liveCode(String name) throws ProblemException {
        return code(name, FunctionStage.LIVE);
    }

    private Optional<String> code(String name, FunctionStage stage) throws ProblemException {
        return call("cloudfront:GetFunction", () -> {
            try {
                return Optional.of(aws.cloudFront().getFunction(r -> r.name(name).stage(stage)).functionCode()
                        .asUtf8String());
            } catch (NoSuchFunctionExistsException e) {
                return Optional.empty();
            }
        });
    }

    /**
     * Deletes the recorded function once no distribution uses it (see {@link Deletion}): functions have no tags, so
     * the record and the comment naming the profile make it this profile's.
     */
    public void delete(StepContext ctx, ResourceRecord record, String comment)
            throws ProblemException, Cancellation.CancelledException, InterruptedException {
        Deletion.delete(ctx, tags, record, "CloudFront function",
                () -> find(record.id(), FunctionStage.DEVELOPMENT),
                f -> comment.equals(f.functionSummary().functionConfig().comment())
                        ? Map.of(ProfileTags.PROFILE_KEY, tags.profile()) : Map.of(),
                f -> run("cloudfront:DeleteFunction", () -> aws.cloudFront().deleteFunction(r -> r.name(record.id())
                        .ifMatch(f.eTag()))));
    }

    public Intent preview(String name, String code, String detail) throws ProblemException {
        if (find(name, FunctionStage.DEVELOPMENT).isEmpty()) {
            return Intent.create("CloudFront function", name, detail);
        }
        return code.equals(liveCode(name).orElse("")) ? Intent.reuse("CloudFront function", name, detail)
                : Intent.change("CloudFront function", name, detail + " (its address range changes)");
    }
}
