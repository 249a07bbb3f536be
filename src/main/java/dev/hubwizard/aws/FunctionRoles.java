package dev.hubwizard.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hubwizard.engine.Cancellation;
import dev.hubwizard.engine.Intent;
import dev.hubwizard.engine.ProblemException;
import dev.hubwizard.engine.ResourceRecord;
import dev.hubwizard.engine.StepContext;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Role;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.hubwizard.aws.AwsCall.call;
import static dev.hubwizard.aws.AwsCall.run;

/**
 * IAM roles a profile's Lambda function runs with: trusted by {@code lambda.amazonaws.com} alone, allowed exactly
 * what one inline policy says and nothing else (no managed policy). Each is the profile's own, made and deleted
 * with it, and recorded under its own journal kind.
 */
public final class FunctionRoles {

    static final String TRUSTED_SERVICE = "lambda.amazonaws.com";
    private static final String TRUST_POLICY = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"%s"},\
            "Action":"sts:AssumeRole"}]}""".formatted(TRUSTED_SERVICE);
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A role and what it may do.
     *
     * @param policyName     its one inline policy's name
     * @param policyDocument that policy: JSON, compared by content with what IAM has
     */
    public record Wanted(String kind, String name, String description, String policyName, String policyDocument) {
    }

    private final AwsClients aws;
    private final ProfileTags tags;

    public FunctionRoles(AwsClients aws, ProfileTags tags) {
        this.aws = aws;
        this.tags = tags;
    }

    public Optional<Role> find(String name) throws ProblemException {
        return call("iam:GetRole", () -> {
            try {
                return Optional.of(aws.iam().getRole(r -> r.roleName(name)).role());
            } catch (NoSuchEntityException e) {
                return Optional.empty();
            }
        });
    }

    /** Finds or creates the role, then writes its policy when IAM has another (or none); returns the role's ARN. */
    public String ensure(StepContext ctx, Wanted wanted) throws ProblemException {
        Role role = Journaled.ensure(ctx, wanted.kind(), "IAM role", wanted.name(), () -> find(wanted.name()),
                Journaled.NAME_IS_IDENTITY,
                () -> call("iam:CreateRole", () -> aws.iam().createRole(r -> r.roleName(wanted.name())
                        .assumeRolePolicyDocument(TRUST_POLICY).description(wanted.description())
                        .tags(tags.iam(wanted.name()))).role()),
                new Journaled.Identity<>() {
                    @Override
                    public String id(Role r) {
                        return r.arn();
                    }

                    @Override
                    public Map<String, String> attributes(Role r) {
                        return Map.of();
                    }

                    @Override
                    public boolean owned(Role r) {
                        return tags.ownedBy(ProfileTags.fromIam(r.tags()));
                    }
                }).resource();
        if (!policyIs(wanted)) {
            run("iam:PutRolePolicy", () -> aws.iam().putRolePolicy(r -> r.roleName(wanted.name())
                    .policyName(wanted.policyName()).policyDocument(wanted.policyDocument())));
            ctx.log().info("The IAM role " + wanted.name() + " may now do what its policy " + wanted.policyName()
                    + " allows, and nothing else");
        }
        return role.arn();
    }

    /** Deletes the recorded role with its inline policies (see {@link Deletion}). */
    public void delete(StepContext ctx, ResourceRecord record)
            throws ProblemException, Cancellation.CancelledException, InterruptedException {
        Deletion.delete(ctx, tags, record, "IAM role",
                () -> find(record.name()).filter(r -> r.arn().equals(record.id())),
                r -> ProfileTags.fromIam(r.tags()),
                r -> {
                    List<String> policies = call("iam:ListRolePolicies", () -> aws.iam()
                            .listRolePoliciesPaginator(p -> p.roleName(r.roleName())).policyNames().stream().toList());
                    for (String policy : policies) {
                        run("iam:DeleteRolePolicy", () -> aws.iam().deleteRolePolicy(p -> p.roleName(r.roleName())
                                .policyName(policy)));
                    }
                    run("iam:DeleteRole", () -> aws.iam().deleteRole(p -> p.roleName(r.roleName())));
                });
    }

    public Intent preview(Wanted wanted, String detail) throws ProblemException {
        if (find(wanted.name()).isEmpty()) {
            return Intent.create("IAM role", wanted.name(), detail);
        }
        return policyIs(wanted) ? Intent.reuse("IAM role", wanted.name(), detail)
                : Intent.change("IAM role", wanted.name(), detail + " (its policy changes)");
    }

    private boolean policyIs(Wanted wanted) throws ProblemException {
        Optional<String> current = call("iam:GetRolePolicy", () -> {
            try {
                return Optional.of(URLDecoder.decode(aws.iam().getRolePolicy(r -> r.roleName(wanted.name())
                        .policyName(wanted.policyName())).policyDocument(), StandardCharsets.UTF_8));
            } catch (NoSuchEntityException e) {
                return Optional.empty();
            }
        });
        return current.filter(c -> sameJson(c, wanted.policyDocument())).isPresent();
    }

    /** IAM hands documents back URL-encoded and respaced: compared as JSON. */
    static boolean sameJson(String a, String b) {
        try {
            return JSON.readTree(a).equals(JSON.readTree(b));
        } catch (JsonProcessingException e) {
            return false;
        }
    }
}
