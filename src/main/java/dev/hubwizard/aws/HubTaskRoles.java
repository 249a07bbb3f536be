package dev.hubwizard.aws;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hubwizard.engine.ProblemException;
import dev.hubwizard.engine.ResourceRecord;
import dev.hubwizard.engine.StepContext;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Role;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static dev.hubwizard.aws.AwsCall.call;
import static dev.hubwizard.aws.AwsCall.run;

/**
 * The hub's task role: what the hub's own code may do in AWS. Exactly two things, on two named parameters: read
 * its lists of users ({@code ssm:GetParameter}) and write when it picked them up ({@code ssm:PutParameter}).
 * One role per hub, created and deleted with it; its one inline policy is rewritten only when it says something
 * else.
 */
public final class HubTaskRoles {

    public static final String POLICY_NAME = "read-hub-users";
    private static final String TRUST_POLICY = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"%s"},\
            "Action":"sts:AssumeRole"}]}""".formatted(ExecutionRoles.TRUSTED_SERVICE);
    private static final String POLICY = """
            {"Version":"2012-10-17","Statement":[\
            {"Effect":"Allow","Action":"ssm:GetParameter","Resource":"%s"},\
            {"Effect":"Allow","Action":"ssm:PutParameter","Resource":"%s"}]}""";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final AwsClients aws;
    private final ProfileTags tags;

    public HubTaskRoles(AwsClients aws, ProfileTags tags) {
        this.aws = aws;
        this.tags = tags;
    }

    /** The policy document: read {@code usersArn}, write {@code pickedUpArn}, nothing else. */
    static String policy(String usersArn, String pickedUpArn) {
        return POLICY.formatted(usersArn, pickedUpArn);
    }

    /** The same and {@code more} statements (those of {@link #fargateStatements}), in one compact document. */
    static String policy(String usersArn, String pickedUpArn, ArrayNode more) {
        if (more.isEmpty()) {
            return policy(usersArn, pickedUpArn);
        }
        try {
            ObjectNode document = (ObjectNode) JSON.readTree(policy(usersArn, pickedUpArn));
            ((ArrayNode) document.get("Statement")).addAll(more);
            return JSON.writeValueAsString(document);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("The hub's policy is not JSON", e);
        }
    }

    /**
     * What the hub may do to start each person's server in its own Fargate task, and no more: run tasks only of the
     * users' task definition family ({@code <prefix>-user}, any revision) and, with kept files, of each person's
     * ({@code <prefix>-user-NAME}), and only in the profile's cluster; list, stop and describe tasks only there; tag
     * only what RunTask creates; pass only the execution role, and only to ECS tasks. With kept files also: make and
     * tag access points (each person's home folder) only in the profile's file system and only tagged as the
     * profile's, look them up, register the per-person task definitions that mount them and tag them as it does so.
     * And point its private name at its own task.
     *
     * @param clusterArn       the profile's cluster, whose ARN names the partition, region and account
     * @param userFamily       the users' task definition family, {@code team-hub-user}
     * @param executionRoleArn the role ECS pulls the single-user image and writes logs with
     * @param fileSystemId     with kept files: the EFS file system of the homes
     * @param apiName          the hub's private name, which it points at its own task: it may write that one A
     *                         record (UPSERT only) in that one zone, and follow the change
     */
    public static ArrayNode fargateStatements(String clusterArn, String userFamily, String executionRoleArn,
                                              String profile, Optional<String> fileSystemId, HubApiName apiName) {
        String[] arn = clusterArn.split(":", 6); // arn:partition:ecs:region:account:cluster/name
        String partition = arn[1];
        String region = arn[3];
        String account = arn[4];
        String clusterName = arn[5].substring(arn[5].indexOf('/') + 1);
        String ecs = "arn:" + partition + ":ecs:" + region + ":" + account + ":";
        String tasks = ecs + "task/" + clusterName + "/*";
        String family = ecs + "task-definition/" + userFamily + ":*";
        String perPerson = ecs + "task-definition/" + userFamily + "-*";
        ArrayNode statements = JSON.createArrayNode();
        statements.add(allow(List.of("ecs:RunTask"), fileSystemId.isPresent() ? List.of(family, perPerson)
                : List.of(family)).set("Condition", condition("ArnEquals", "ecs:cluster", clusterArn)));
        statements.add(allow(List.of("ecs:StopTask", "ecs:DescribeTasks"), List.of(tasks))
                .set("Condition", condition("ArnEquals", "ecs:cluster", clusterArn)));
        // ListTasks names no task: IAM knows it by the cluster alone.
        statements.add(allow(List.of("ecs:ListTasks"), List.of("*"))
                .set("Condition", condition("ArnEquals", "ecs:cluster", clusterArn)));
        statements.add(allow(List.of("ecs:TagResource"), List.of(tasks))
                .set("Condition", condition("StringEquals", "ecs:CreateAction", "RunTask")));
        statements.add(allow(List.of("iam:PassRole"), List.of(executionRoleArn))
                .set("Condition", condition("StringEquals", "iam:PassedToService", ExecutionRoles.TRUSTED_SERVICE)));
        ObjectNode onlyItsName = JSON.createObjectNode();
        onlyItsName.putObject("ForAllValues:StringEquals")
                .put("route53:ChangeResourceRecordSetsNormalizedRecordNames", apiName.name().toLowerCase(Locale.ROOT))
                .put("route53:ChangeResourceRecordSetsRecordTypes", "A")
                .put("route53:ChangeResourceRecordSetsActions", "UPSERT");
        statements.add(allow(List.of("route53:ChangeResourceRecordSets"),
                List.of("arn:" + partition + ":route53:::hostedzone/" + apiName.zoneId())).set("Condition", onlyItsName));
        // A change's id is Route 53's, known only once the change is made.
        statements.add(allow(List.of("route53:GetChange"), List.of("arn:" + partition + ":route53:::change/*")));
        fileSystemId.ifPresent(id -> {
            String fileSystem = "arn:" + partition + ":elasticfilesystem:" + region + ":" + account + ":file-system/"
                    + id;
            String accessPoints = "arn:" + partition + ":elasticfilesystem:" + region + ":" + account
                    + ":access-point/*";
            statements.add(allow(List.of("elasticfilesystem:CreateAccessPoint", "elasticfilesystem:TagResource"),
                    List.of(fileSystem)).set("Condition",
                    condition("StringEquals", "aws:RequestTag/" + ProfileTags.PROFILE_KEY, profile)));
            // Tags given to CreateAccessPoint are authorized once more as TagResource on the new access point,
            // whose id nobody knows beforehand; only as part of that create, and only with the profile's tag.
            ObjectNode onCreate = condition("StringEquals", "aws:RequestTag/" + ProfileTags.PROFILE_KEY, profile);
            ((ObjectNode) onCreate.get("StringEquals")).put("elasticfilesystem:CreateAction", "CreateAccessPoint");
            statements.add(allow(List.of("elasticfilesystem:TagResource"), List.of(accessPoints))
                    .set("Condition", onCreate));
            // Listing a file system's access points is authorized on the file system; describing one by its id
            // (the hub waits for each new one to be available) on the access point, whose ARN holds no file system.
            // Describing is read-only, so this names every access point of the account in the region.
            statements.add(allow(List.of("elasticfilesystem:DescribeAccessPoints"), List.of(fileSystem, accessPoints)));
            // Neither call takes a resource narrower than "*" in IAM.
            statements.add(allow(List.of("ecs:RegisterTaskDefinition", "ecs:DescribeTaskDefinition"), List.of("*")));
            statements.add(allow(List.of("ecs:TagResource"), List.of(perPerson)).set("Condition",
                    condition("StringEquals", "ecs:CreateAction", "RegisterTaskDefinition")));
        });
        return statements;
    }

    private static ObjectNode allow(List<String> actions, List<String> resources) {
        ObjectNode statement = JSON.createObjectNode().put("Effect", "Allow");
        if (actions.size() == 1) {
            statement.put("Action", actions.get(0));
        } else {
            actions.forEach(statement.putArray("Action")::add);
        }
        if (resources.size() == 1) {
            statement.put("Resource", resources.get(0));
        } else {
            resources.forEach(statement.putArray("Resource")::add);
        }
        return statement;
    }

    private static ObjectNode condition(String operator, String key, String value) {
        ObjectNode condition = JSON.createObjectNode();
        condition.putObject(operator).put(key, value);
        return condition;
    }

    /** The role, and whether this run created it or changed its policy (IAM then takes a moment to apply it). */
    public record HubTaskRole(String name, String arn, boolean changed) {
    }

    public HubTaskRole ensure(StepContext ctx, String name, String usersArn, String pickedUpArn)
            throws ProblemException {
        return ensure(ctx, name, usersArn, pickedUpArn, JSON.createArrayNode());
    }

    /** @param more what else the hub may do: with users' servers in their own tasks, {@link #fargateStatements} */
    public HubTaskRole ensure(StepContext ctx, String name, String usersArn, String pickedUpArn, ArrayNode more)
            throws ProblemException {
        Journaled.Outcome<Role> outcome = Journaled.ensure(ctx, ResourceKind.TASK_ROLE, "IAM role", name,
                () -> find(name), Journaled.NAME_IS_IDENTITY,
                () -> call("iam:CreateRole", () -> aws.iam().createRole(r -> r.roleName(name)
                        .assumeRolePolicyDocument(TRUST_POLICY)
                        .description(AwsTexts.taskRoleDescription(tags.profile()))
                        .tags(tags.iam(name))).role()),
                ExecutionRoles.identity(tags));
        String wanted = policy(usersArn, pickedUpArn, more);
        Optional<String> current = call("iam:GetRolePolicy", () -> {
            try {
                return Optional.of(URLDecoder.decode(aws.iam().getRolePolicy(r -> r.roleName(name)
                        .policyName(POLICY_NAME)).policyDocument(), StandardCharsets.UTF_8));
            } catch (NoSuchEntityException e) {
                return Optional.empty();
            }
        });
        String arn = outcome.resource().arn();
        if (current.map(c -> c.replaceAll("\\s", "")).filter(wanted::equals).isPresent()) {
            return new HubTaskRole(name, arn, outcome.created());
        }
        run("iam:PutRolePolicy", () -> aws.iam().putRolePolicy(r -> r.roleName(name).policyName(POLICY_NAME)
                .policyDocument(wanted)));
        ctx.log().info("The IAM role " + name + " may read " + usersArn + " and write " + pickedUpArn
                + (more.isEmpty() ? ", and nothing else" : ", and start, follow and stop users' servers in their own"
                + " Fargate tasks of this hub's cluster"));
        return new HubTaskRole(name, arn, true);
    }

    public Optional<Role> find(String name) throws ProblemException {
        return new ExecutionRoles(aws, tags).find(name);
    }

    /** Deletes the recorded role with its inline policy (after the task definitions that name it). */
    public void delete(StepContext ctx, ResourceRecord record) throws ProblemException {
        Optional<Role> found = find(record.name()).filter(r -> r.arn().equals(record.id()));
        if (found.isEmpty()) {
            Deletion.gone(ctx, record, "IAM role");
            return;
        }
        Map<String, String> carried = ProfileTags.fromIam(found.get().tags());
        if (!tags.ownedBy(carried)) {
            throw Deletion.notOurs(tags, record, "IAM role", carried);
        }
        boolean hasPolicy = call("iam:ListRolePolicies", () -> aws.iam().listRolePoliciesPaginator(r -> r
                .roleName(record.name())).policyNames().stream().anyMatch(POLICY_NAME::equals));
        if (hasPolicy) {
            run("iam:DeleteRolePolicy", () -> aws.iam().deleteRolePolicy(r -> r.roleName(record.name())
                    .policyName(POLICY_NAME)));
        }
        run("iam:DeleteRole", () -> aws.iam().deleteRole(r -> r.roleName(record.name())));
        ctx.journal().forget(record.kind(), record.id());
        ctx.log().info("Deleted " + Deletion.describe("IAM role", record));
    }
}
