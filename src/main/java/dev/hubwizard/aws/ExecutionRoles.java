package dev.hubwizard.aws;

import dev.hubwizard.engine.Intent;
import dev.hubwizard.engine.Problem;
import dev.hubwizard.engine.ProblemException;
import dev.hubwizard.engine.ResourceRecord;
import dev.hubwizard.engine.StepContext;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
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
 * The task execution role: the name the ECS console gives it ({@code ecsTaskExecutionRole}), trusted by
 * {@code ecs-tasks.amazonaws.com}, with AWS's managed AmazonECSTaskExecutionRolePolicy. Most accounts
 * have it already; it is created (and journaled as this profile's) only when missing.
 */
public final class ExecutionRoles {

    public static final String NAME = "ecsTaskExecutionRole";
    static final String TRUSTED_SERVICE = "ecs-tasks.amazonaws.com";
    static final String POLICY_NAME = "AmazonECSTaskExecutionRolePolicy";
    private static final String TRUST_POLICY = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"%s"},\
            "Action":"sts:AssumeRole"}]}""".formatted(TRUSTED_SERVICE);

    private final AwsClients aws;
    private final ProfileTags tags;

    public ExecutionRoles(AwsClients aws, ProfileTags tags) {
        this.aws = aws;
        this.tags = tags;
    }

    public Optional<Role> find() throws ProblemException {
        return call("iam:GetRole", () -> {
            try {
                return Optional.of(aws.iam().getRole(r -> r.roleName(NAME)).role());
            } catch (NoSuchEntityException e) {
                return Optional.empty();
            }
        });
    }

    public ExecutionRole ensure(StepContext ctx) throws ProblemException {
        Journaled.Outcome<Role> outcome = Journaled.ensure(ctx, ResourceKind.IAM_ROLE, "IAM role", NAME, this::find,
                Journaled.NAME_IS_IDENTITY,
                () -> call("iam:CreateRole", () -> aws.iam().createRole(r -> r.roleName(NAME)
                        .assumeRolePolicyDocument(TRUST_POLICY)
                        .description("Lets ECS pull images and write logs for Fargate tasks (Hub Wizard)")
                        .tags(tags.iam(NAME))).role()),
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
                });
        Role role = outcome.resource();
        if (!trustsEcsTasks(role)) {
            throw new ProblemException("The IAM role " + NAME + " cannot be used by ECS tasks",
                    "a role of that name exists, but its trust policy does not let " + TRUSTED_SERVICE
                            + " assume it",
                    "Add " + TRUSTED_SERVICE + " to the role's trust relationships in the IAM console, "
                            + "then press Retry");
        }
        if (!hasPolicy(role)) {
            String policyArn = policyArn(role);
            run("iam:AttachRolePolicy", () -> aws.iam().attachRolePolicy(r -> r.roleName(NAME).policyArn(policyArn)));
            ctx.log().info("Attached " + POLICY_NAME + " to " + NAME);
        }
        boolean ours = ctx.journal().findById(ResourceKind.IAM_ROLE, role.arn()).isPresent();
        return new ExecutionRole(NAME, role.arn(), ours);
    }

    /**
     * Deletes the recorded role, unless something else now relies on it. The role has a well-known name:
     * once this profile made it, other profiles (and people) reuse it without recording it, so the tag
     * alone does not make it safe to delete. The rule:
     * <ul>
     *   <li>not this profile's any more (no such role, or not tagged for it): as for every resource
     *       ({@link Deletion});</li>
     *   <li>an ACTIVE task definition in the region runs with it: if one of this profile's own (its
     *       deregistration failed) the role stays on record for the next teardown; if any other, the role
     *       is left in place for it and leaves this profile's record;</li>
     *   <li>IAM says it was last used in another region (IAM is global, task definitions are regional):
     *       left in place and off the record, the same way;</li>
     *   <li>otherwise AWS's managed policy (the one a deploy attaches) is detached and the role deleted. A
     *       policy someone else attached makes IAM refuse, and the role is reported.</li>
     * </ul>
     */
    public void delete(StepContext ctx, ResourceRecord record, TaskDefinitions taskDefinitions)
            throws ProblemException {
        Optional<Role> found = find().filter(r -> r.arn().equals(record.id()));
        if (found.isEmpty()) {
            Deletion.gone(ctx, record, "IAM role");
            return;
        }
        Role role = found.get();
        Map<String, String> carried = ProfileTags.fromIam(role.tags());
        if (!tags.ownedBy(carried)) {
            throw Deletion.notOurs(tags, record, "IAM role", carried);
        }
        List<String> users = taskDefinitions.activeUsing(role.arn());
        List<String> ours = users.stream()
                .filter(arn -> ctx.journal().findById(ResourceKind.TASK_DEFINITION, arn).isPresent()).toList();
        if (!ours.isEmpty()) {
            throw new ProblemException(new Problem("Kept the IAM role " + NAME + " for now",
                    "this profile's task definition(s) " + ours + " still use it: they could not be deregistered",
                    "Deal with what is said about them; the role goes with the next teardown"));
        }
        String lastRegion = role.roleLastUsed() == null ? null : role.roleLastUsed().region();
        String elsewhere = !users.isEmpty() ? "task definition(s) " + users + " use it"
                : lastRegion != null && !lastRegion.equals(aws.region().id())
                ? "it was last used in region " + lastRegion + ", where this profile runs nothing" : "";
        if (!elsewhere.isEmpty()) {
            ctx.journal().forget(record.kind(), record.id());
            ctx.log().warn("Leaving the IAM role " + NAME + " in place: this profile created it, but " + elsewhere
                    + ". It is no longer on this profile's record");
            return;
        }
        String policyArn = policyArn(role);
        if (hasPolicy(role)) {
            run("iam:DetachRolePolicy", () -> aws.iam().detachRolePolicy(r -> r.roleName(NAME).policyArn(policyArn)));
        }
        try {
            run("iam:DeleteRole", () -> aws.iam().deleteRole(r -> r.roleName(NAME)));
        } catch (ProblemException e) {
            if (!AwsProblems.isNotFound(e)) {
                throw deleteRefused(e);
            }
        }
        ctx.journal().forget(record.kind(), record.id());
        ctx.log().info("Deleted " + Deletion.describe("IAM role", record));
    }

    /** IAM's DeleteConflict: someone attached policies (or an instance profile) this profile did not. */
    private static ProblemException deleteRefused(ProblemException e) {
        if (!e.problem().why().startsWith("DeleteConflict")) {
            return e;
        }
        return new ProblemException(new Problem("Kept the IAM role " + NAME,
                "IAM refused to delete it (" + e.problem().why() + "): something Hub Wizard did not add is "
                        + "attached to it",
                "If nothing needs the role any more, detach its other policies (or remove it from its instance "
                        + "profiles) in the IAM console, then run the teardown again"), e);
    }

    public List<Intent> preview() throws ProblemException {
        Optional<Role> role = find();
        if (role.isEmpty()) {
            return List.of(Intent.create("IAM role", NAME, "trusted by ECS tasks, with " + POLICY_NAME));
        }
        if (!hasPolicy(role.get())) {
            return List.of(Intent.change("IAM role", NAME, "attach " + POLICY_NAME));
        }
        return List.of(Intent.reuse("IAM role", NAME, role.get().arn()));
    }

    private boolean hasPolicy(Role role) throws ProblemException {
        return call("iam:ListAttachedRolePolicies", () -> aws.iam()
                .listAttachedRolePoliciesPaginator(r -> r.roleName(role.roleName())).attachedPolicies().stream()
                .map(AttachedPolicy::policyArn).anyMatch(policyArn(role)::equals));
    }

    /** AWS's managed policy, in the role's partition (aws, aws-cn, aws-us-gov). */
    private static String policyArn(Role role) {
        String partition = role.arn().split(":", 3)[1];
        return "arn:" + partition + ":iam::aws:policy/service-role/" + POLICY_NAME;
    }

    private static boolean trustsEcsTasks(Role role) {
        String document = role.assumeRolePolicyDocument();
        // IAM returns the document URL-encoded.
        String decoded = document == null ? "" : URLDecoder.decode(document, StandardCharsets.UTF_8);
        return decoded.contains(TRUSTED_SERVICE);
    }
}
