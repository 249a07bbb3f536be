package dev.hubwizard.aws;

import dev.hubwizard.engine.Cancellation;
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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.hubwizard.aws.AwsCall.call;
import static dev.hubwizard.aws.AwsCall.run;

/**
 * Task execution roles, trusted by {@code ecs-tasks.amazonaws.com}, with AWS's managed
 * AmazonECSTaskExecutionRolePolicy. Usually the one the ECS console makes ({@code ecsTaskExecutionRole}): most
 * accounts have it already; it is created (and journaled as this profile's) only when missing.
 *
 * <p>A hub with Cognito sign-in has a role of its own ({@link AwsTexts#ownExecutionRoleName}), because its task
 * must also read the app client's secret: granting that to the shared role would let every task in the account
 * that runs with it read the hub's secret, and a role this profile did not create is not Hub Wizard's to change.
 * The role of its own gets an inline policy allowing {@code secretsmanager:GetSecretValue} on that one secret.
 */
public final class ExecutionRoles {

    public static final String NAME = "ecsTaskExecutionRole";
    static final String TRUSTED_SERVICE = "ecs-tasks.amazonaws.com";
    static final String POLICY_NAME = "AmazonECSTaskExecutionRolePolicy";
    /** The inline policy that lets a hub's own role read its secrets. */
    static final String SECRETS_POLICY = AwsTexts.SECRETS_POLICY;
    private static final String SECRETS_DOCUMENT = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"secretsmanager:GetSecretValue",\
            "Resource":%s}]}""";
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
        return find(NAME);
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

    public ExecutionRole ensure(StepContext ctx) throws ProblemException {
        return ensure(ctx, NAME);
    }

    public ExecutionRole ensure(StepContext ctx, String name) throws ProblemException {
        String description = AwsTexts.executionRoleDescription(NAME.equals(name), tags.profile());
        Journaled.Outcome<Role> outcome = Journaled.ensure(ctx, ResourceKind.IAM_ROLE, "IAM role", name,
                () -> find(name), Journaled.NAME_IS_IDENTITY,
                () -> call("iam:CreateRole", () -> aws.iam().createRole(r -> r.roleName(name)
                        .assumeRolePolicyDocument(TRUST_POLICY)
                        .description(description)
                        .tags(tags.iam(name))).role()),
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
            throw new ProblemException("The IAM role " + name + " cannot be used by ECS tasks",
                    "a role of that name exists, but its trust policy does not let " + TRUSTED_SERVICE
                            + " assume it",
                    "Add " + TRUSTED_SERVICE + " to the role's trust relationships in the IAM console, "
                            + "then press Retry");
        }
        boolean changed = outcome.created();
        if (!hasPolicy(role)) {
            String policyArn = policyArn(role);
            run("iam:AttachRolePolicy", () -> aws.iam().attachRolePolicy(r -> r.roleName(name).policyArn(policyArn)));
            ctx.log().info("Attached " + POLICY_NAME + " to " + name);
            changed = true;
        }
        boolean ours = ctx.journal().findById(ResourceKind.IAM_ROLE, role.arn()).isPresent();
        ExecutionRole result = new ExecutionRole(name, role.arn(), ours);
        return changed ? result.changedAt(ctx.now()) : result;
    }

    /**
     * Waits until a role this run created or changed can be used by ECS. IAM is eventually consistent: a new role
     * or policy is not usable everywhere at once, and a task ECS starts meanwhile fails ("unable to assume the
     * role", AccessDenied on the secret); failed starts count toward the deployment circuit breaker, which would
     * then give up on the deployment. So the service's first task starts {@link EventualConsistency#iamPropagation}
     * after the change at the earliest; usually the image push has taken longer than that already.
     */
    public void awaitUsable(StepContext ctx, ExecutionRole role)
            throws Cancellation.CancelledException, InterruptedException {
        if (role.changed().isEmpty()) {
            return;
        }
        Duration left = Duration.between(ctx.now(), role.changedAt().plus(aws.consistency().iamPropagation()));
        if (left.isNegative() || left.isZero()) {
            return;
        }
        ctx.log().info("The IAM role " + role.name() + " changed " + Duration.between(role.changedAt(), ctx.now())
                .toSeconds() + " s ago, and IAM takes a few seconds to let ECS use such a change: the hub's task starts"
                + " in " + Math.max(1, left.toSeconds()) + " s (a task started sooner could fail and count against the"
                + " deployment)");
        ctx.pause(left);
    }

    /**
     * Lets the role read exactly these secrets (an inline policy, written only when it says something else).
     * Only a role this profile created is changed; for any other the user is told what to add.
     */
    public ExecutionRole allowSecretsRead(StepContext ctx, ExecutionRole role, List<String> secretArns)
            throws ProblemException {
        String wanted = SECRETS_DOCUMENT.formatted(secretArns.stream().map(a -> "\"" + a + "\"")
                .collect(java.util.stream.Collectors.joining(",", "[", "]")));
        if (!role.createdByThisProfile()) {
            throw new ProblemException(new Problem("The hub's task could not read its secret",
                    "the IAM role " + role.name() + " exists, but this profile did not create it, so Hub Wizard does "
                            + "not change its permissions",
                    "Add an inline policy " + SECRETS_POLICY + " to " + role.name() + " allowing "
                            + "secretsmanager:GetSecretValue on " + String.join(", ", secretArns)
                            + " (or delete the role so that Hub Wizard makes its own), then press Retry"));
        }
        Optional<String> current = call("iam:GetRolePolicy", () -> {
            try {
                return Optional.of(URLDecoder.decode(aws.iam().getRolePolicy(r -> r.roleName(role.name())
                        .policyName(SECRETS_POLICY)).policyDocument(), StandardCharsets.UTF_8));
            } catch (NoSuchEntityException e) {
                return Optional.empty();
            }
        });
        if (current.filter(c -> allowsReadingExactly(c, secretArns)).isPresent()) {
            return role;
        }
        run("iam:PutRolePolicy", () -> aws.iam().putRolePolicy(r -> r.roleName(role.name())
                .policyName(SECRETS_POLICY).policyDocument(wanted)));
        ctx.log().info("The IAM role " + role.name() + " may now read " + String.join(", ", secretArns));
        return role.changedAt(ctx.now());
    }

    /**
     * Deletes the recorded role, unless something else now relies on it. The role has a well-known name:
     * once this profile made it, other profiles (and people) reuse it without recording it, so the tag
     * alone does not make it safe to delete. The rule:
     * <ul>
     *   <li>not this profile's any more (no such role, or not tagged for it): as for every resource
     *       ({@link Deletion});</li>
     *   <li>one of this profile's task definitions still runs with it (its deregistration failed): the role stays
     *       on record for the next teardown;</li>
     *   <li>the shared role only: an ACTIVE task definition of another family in the region runs with it (the
     *       look stops at the first found, see {@link TaskDefinitions#anyFamilyUsing}): the role is left in place
     *       for it and leaves this profile's record. A hub's own role is this profile's alone; nobody else's task
     *       definitions are read for it;</li>
     *   <li>IAM says it was last used in another region (IAM is global, task definitions are regional):
     *       left in place and off the record, the same way;</li>
     *   <li>otherwise AWS's managed policy (the one a deploy attaches) is detached and the role deleted. A
     *       policy someone else attached makes IAM refuse, and the role is reported.</li>
     * </ul>
     */
    public void delete(StepContext ctx, ResourceRecord record, TaskDefinitions taskDefinitions)
            throws ProblemException {
        String name = record.name().isEmpty() ? NAME : record.name();
        Optional<Role> found = find(name).filter(r -> r.arn().equals(record.id()));
        if (found.isEmpty()) {
            Deletion.gone(ctx, record, "IAM role");
            return;
        }
        Role role = found.get();
        Map<String, String> carried = ProfileTags.fromIam(role.tags());
        if (!tags.ownedBy(carried)) {
            throw Deletion.notOurs(tags, record, "IAM role", carried);
        }
        List<String> ours = taskDefinitions.recordedActiveUsing(ctx.journal(), role.arn());
        if (!ours.isEmpty()) {
            throw new ProblemException(new Problem("Kept the IAM role " + name + " for now",
                    "this profile's task definition(s) " + ours + " still use it: they could not be deregistered",
                    "Deal with what is said about them; the role goes with the next teardown"));
        }
        String lastRegion = role.roleLastUsed() == null ? null : role.roleLastUsed().region();
        Optional<String> other = NAME.equals(name) ? taskDefinitions.anyFamilyUsing(role.arn()) : Optional.empty();
        String elsewhere = other.isPresent() ? "task definition " + other.get() + " uses it"
                : lastRegion != null && !lastRegion.equals(aws.region().id())
                ? "it was last used in region " + lastRegion + ", where this profile runs nothing" : "";
        if (!elsewhere.isEmpty()) {
            ctx.journal().forget(record.kind(), record.id());
            ctx.log().warn("Leaving the IAM role " + name + " in place: this profile created it, but " + elsewhere
                    + ". It is no longer on this profile's record");
            return;
        }
        String policyArn = policyArn(role);
        if (hasPolicy(role)) {
            run("iam:DetachRolePolicy", () -> aws.iam().detachRolePolicy(r -> r.roleName(name).policyArn(policyArn)));
        }
        boolean hasSecretsPolicy = call("iam:ListRolePolicies", () -> aws.iam().listRolePoliciesPaginator(r -> r
                .roleName(name)).policyNames().stream().anyMatch(SECRETS_POLICY::equals));
        if (hasSecretsPolicy) {
            run("iam:DeleteRolePolicy", () -> aws.iam().deleteRolePolicy(r -> r.roleName(name)
                    .policyName(SECRETS_POLICY)));
        }
        try {
            run("iam:DeleteRole", () -> aws.iam().deleteRole(r -> r.roleName(name)));
        } catch (ProblemException e) {
            if (!AwsProblems.isNotFound(e)) {
                throw deleteRefused(name, e);
            }
        }
        ctx.journal().forget(record.kind(), record.id());
        ctx.log().info("Deleted " + Deletion.describe("IAM role", record));
    }

    /** IAM's DeleteConflict: someone attached policies (or an instance profile) this profile did not. */
    private static ProblemException deleteRefused(String name, ProblemException e) {
        if (!e.problem().why().startsWith("DeleteConflict")) {
            return e;
        }
        return new ProblemException(new Problem("Kept the IAM role " + name,
                "IAM refused to delete it (" + e.problem().why() + "): something Hub Wizard did not add is "
                        + "attached to it",
                "If nothing needs the role any more, detach its other policies (or remove it from its instance "
                        + "profiles) in the IAM console, then run the teardown again"), e);
    }

    public List<Intent> preview() throws ProblemException {
        return preview(NAME, "");
    }

    /** @param more what else the role gets, for a hub's own role ("may read the Cognito client secret") */
    public List<Intent> preview(String name, String more) throws ProblemException {
        Optional<Role> role = find(name);
        String extra = more.isEmpty() ? "" : "; " + more;
        if (role.isEmpty()) {
            return List.of(Intent.create("IAM role", name, "trusted by ECS tasks, with " + POLICY_NAME + extra));
        }
        if (!hasPolicy(role.get())) {
            return List.of(Intent.change("IAM role", name, "attach " + POLICY_NAME + extra));
        }
        return List.of(Intent.reuse("IAM role", name, role.get().arn() + extra));
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

    /**
     * Whether a policy document already allows reading these secrets and no others. Compared by content, not
     * by text: IAM may hand a document back with other spacing.
     */
    static boolean allowsReadingExactly(String document, List<String> secretArns) {
        java.util.Set<String> named = new java.util.HashSet<>();
        java.util.regex.Matcher arn = java.util.regex.Pattern.compile("\"(arn:[^\"]+)\"").matcher(document);
        while (arn.find()) {
            named.add(arn.group(1));
        }
        String compact = document.replaceAll("\\s", "");
        return named.equals(new java.util.HashSet<>(secretArns)) && compact.contains("\"Effect\":\"Allow\"")
                && compact.contains("\"Action\":\"secretsmanager:GetSecretValue\"");
    }

    private static boolean trustsEcsTasks(Role role) {
        String document = role.assumeRolePolicyDocument();
        // IAM returns the document URL-encoded.
        String decoded = document == null ? "" : URLDecoder.decode(document, StandardCharsets.UTF_8);
        return decoded.contains(TRUSTED_SERVICE);
    }
}
