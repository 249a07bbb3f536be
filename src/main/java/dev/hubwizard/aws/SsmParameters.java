package dev.hubwizard.aws;

import dev.hubwizard.engine.ProblemException;
import dev.hubwizard.engine.ResourceRecord;
import dev.hubwizard.engine.StepContext;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterTier;
import software.amazon.awssdk.services.ssm.model.ParameterType;
import software.amazon.awssdk.services.ssm.model.ResourceTypeForTagging;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static dev.hubwizard.aws.AwsCall.call;
import static dev.hubwizard.aws.AwsCall.run;

/**
 * String parameters in SSM Parameter Store (standard tier, free): a deployed hub's live lists of users and the
 * hub's note of when it picked them up. Created tagged and journaled (SSM takes tags only on creation, so a
 * value is written with {@code Overwrite} afterwards), and written only when the value differs, so that a
 * repeated write makes no new version.
 */
public final class SsmParameters {

    /** SSM's limit for a standard parameter's value. */
    public static final int MAX_VALUE = 4096;

    /** A parameter as read: its ARN (for a policy), value and version (each write makes the next). */
    public record Parameter(String name, String arn, String value, long version) {
    }

    private final AwsClients aws;
    private final ProfileTags tags;

    public SsmParameters(AwsClients aws, ProfileTags tags) {
        this.aws = aws;
        this.tags = tags;
    }

    public Optional<Parameter> find(String name) throws ProblemException {
        return call("ssm:GetParameter", () -> {
            try {
                var p = aws.ssm().getParameter(r -> r.name(name)).parameter();
                return Optional.of(new Parameter(p.name(), p.arn(), p.value(), p.version()));
            } catch (ParameterNotFoundException e) {
                return Optional.empty();
            }
        });
    }

    /** The parameter, created with {@code initialValue} when missing (an existing one keeps its value). */
    public Parameter ensure(StepContext ctx, String name, String description, String initialValue)
            throws ProblemException {
        return Journaled.ensure(ctx, ResourceKind.SSM_PARAMETER, "SSM parameter", name, () -> find(name),
                Journaled.NAME_IS_IDENTITY,
                () -> {
                    run("ssm:PutParameter", () -> aws.ssm().putParameter(r -> r.name(name).description(description)
                            .type(ParameterType.STRING).tier(ParameterTier.STANDARD).value(initialValue)
                            .overwrite(false).tags(tags.ssm(name))));
                    return find(name).orElseGet(() -> new Parameter(name, "", initialValue, 1));
                },
                new Journaled.Identity<>() {
                    @Override
                    public String id(Parameter p) {
                        return p.name();
                    }

                    @Override
                    public Map<String, String> attributes(Parameter p) {
                        return Map.of();
                    }

                    @Override
                    public boolean owned(Parameter p) throws ProblemException {
                        return tags.ownedBy(tagsOf(p.name()));
                    }
                }).resource();
    }

    /** Writes {@code value} unless the parameter holds it already; the parameter as it is afterwards. */
    public Parameter write(String name, String value) throws ProblemException {
        Optional<Parameter> current = find(name);
        if (current.isPresent() && current.get().value().equals(value)) {
            return current.get();
        }
        long version = call("ssm:PutParameter", () -> aws.ssm().putParameter(r -> r.name(name).value(value)
                .type(ParameterType.STRING).overwrite(true))).version();
        return new Parameter(name, current.map(Parameter::arn).orElse(""), value, version);
    }

    public void delete(StepContext ctx, ResourceRecord record) throws ProblemException {
        Optional<Parameter> found = find(record.id());
        if (found.isEmpty()) {
            Deletion.gone(ctx, record, "SSM parameter");
            return;
        }
        Map<String, String> carried = tagsOf(record.id());
        if (!tags.ownedBy(carried)) {
            throw Deletion.notOurs(tags, record, "SSM parameter", carried);
        }
        try {
            run("ssm:DeleteParameter", () -> aws.ssm().deleteParameter(r -> r.name(record.id())));
        } catch (ProblemException e) {
            if (!AwsProblems.isNotFound(e)) {
                throw e;
            }
        }
        ctx.journal().forget(record.kind(), record.id());
        ctx.log().info("Deleted " + Deletion.describe("SSM parameter", record));
    }

    private Map<String, String> tagsOf(String name) throws ProblemException {
        return call("ssm:ListTagsForResource", () -> aws.ssm().listTagsForResource(r -> r
                .resourceType(ResourceTypeForTagging.PARAMETER).resourceId(name)).tagList().stream()
                .collect(Collectors.toMap(t -> t.key(), t -> t.value(), (a, b) -> b)));
    }
}
