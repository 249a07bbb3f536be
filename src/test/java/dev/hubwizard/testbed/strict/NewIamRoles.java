package dev.hubwizard.testbed.strict;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * IAM's eventual consistency: "changes that you make in IAM ... take time to become visible ... we recommend that
 * you do not include such IAM changes in the critical, high-availability code paths of your application"
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_general.html#troubleshoot_general_eventual-consistency).
 * A role created, or whose policies changed, less than {@link Windows#iamNewRoles()} ago cannot be used by ECS yet:
 * {@link EcsRollouts} fails the tasks of a deployment that starts with it, as ECS does.
 */
final class NewIamRoles implements AwsRule {

    /** When a role was created and when its policies last changed (System.nanoTime), and which policy. */
    private record Change(long createdAt, long changedAt, String policy) {
    }

    private final Supplier<Windows> windows;
    private final Map<String, Change> changes = new ConcurrentHashMap<>();

    NewIamRoles(Supplier<Windows> windows) {
        this.windows = windows;
    }

    /**
     * Lambda, too, cannot assume a role moments after IAM made it: "The role defined for the function cannot be
     * assumed by Lambda" (https://docs.aws.amazon.com/lambda/latest/dg/troubleshooting-deployment.html).
     */
    @Override
    public Optional<AwsAnswer> before(AwsRequest request) {
        if (!request.is("lambda", "CreateFunction")) {
            return Optional.empty();
        }
        String roleArn = request.json().path("Role").asText("");
        Change change = changes.get(roleArn.substring(roleArn.lastIndexOf('/') + 1));
        if (change == null || change.createdAt() == Long.MIN_VALUE
                || System.nanoTime() - change.createdAt() >= windows.get().iamNewRoles().toNanos()) {
            return Optional.empty();
        }
        return Optional.of(AwsAnswer.error(request, 400, "InvalidParameterValueException",
                "The role defined for the function cannot be assumed by Lambda."));
    }

    @Override
    public AwsAnswer after(AwsRequest request, AwsAnswer answer) {
        if ("iam".equals(request.service()) && answer.ok()) {
            long now = System.nanoTime();
            String role = request.param("RoleName");
            switch (request.operation()) {
                case "CreateRole" -> changes.put(role, new Change(now, now, ""));
                case "AttachRolePolicy" -> changes.merge(role, new Change(Long.MIN_VALUE, now,
                        request.param("PolicyArn")), (old, change) -> new Change(old.createdAt(), now, change.policy()));
                case "PutRolePolicy" -> changes.merge(role, new Change(Long.MIN_VALUE, now,
                        request.param("PolicyName")), (old, change) -> new Change(old.createdAt(), now, change.policy()));
                default -> {
                }
            }
        }
        return answer;
    }

    /**
     * Why ECS cannot start a task with this role now, as a stopped task's reason; empty when it can.
     *
     * @param roleArn the task definition's execution role
     */
    Optional<String> whyUnusable(String roleArn) {
        String name = roleArn.substring(roleArn.lastIndexOf('/') + 1);
        Change change = changes.get(name);
        long window = windows.get().iamNewRoles().toNanos();
        long now = System.nanoTime();
        if (change == null || now - change.changedAt() >= window) {
            return Optional.empty();
        }
        if (change.createdAt() != Long.MIN_VALUE && now - change.createdAt() < window) {
            return Optional.of("ECS was unable to assume the role '" + roleArn + "' that was provided for this task."
                    + " Please verify that the role being passed has the proper trust relationship and permissions and"
                    + " that your IAM user has permissions to pass this role.");
        }
        String action = change.policy().startsWith("arn:") ? "ecr:GetAuthorizationToken" : "secretsmanager:GetSecretValue";
        return Optional.of("ResourceInitializationError: unable to pull secrets or registry auth: AccessDeniedException:"
                + " User: " + roleArn + " is not authorized to perform: " + action + " (its policy " + change.policy()
                + " changed moments ago)");
    }

    @Override
    public void reset() {
        changes.clear();
    }
}
