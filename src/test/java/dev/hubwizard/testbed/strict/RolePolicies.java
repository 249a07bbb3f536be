package dev.hubwizard.testbed.strict;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A role's inline policy as IAM reads it, where moto stores any text: PutRolePolicy is refused with IAM's
 * MalformedPolicyDocument when a Resource is neither {@code *} nor an ARN ("Resource ... must be in ARN format or
 * \"*\"", https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html). It also
 * refuses what IAM stores but never grants, which IAM Access Analyzer's policy validation reports as errors
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html): an action of a
 * service prefix IAM does not know ({@code efs:} for {@code elasticfilesystem:}), an ARN of another service than
 * the statement's actions', and a service's condition key on an action that does not support it (the table below
 * holds the keys Hub Wizard's roles use, from the Service Authorization Reference). A role that would quietly lack
 * a permission on AWS fails here at once.
 */
final class RolePolicies implements AwsRule {

    private static final Pattern ARN = Pattern.compile("arn:(aws|aws-cn|aws-us-gov):[a-z0-9-]+:[a-z0-9-]*:[0-9]*:.+");
    /** The service prefixes of the actions Hub Wizard's roles name. */
    private static final Set<String> SERVICES = Set.of("ecs", "ecr", "ec2", "iam", "logs", "ssm", "secretsmanager",
            "elasticfilesystem", "cloudfront", "lambda", "events", "sts", "kms", "route53");
    /** Which actions support each service-specific condition key. */
    private static final Map<String, Set<String>> CONDITION_KEYS = Map.of(
            "ecs:cluster", Set.of("ecs:RunTask", "ecs:StartTask", "ecs:StopTask", "ecs:DescribeTasks",
                    "ecs:ListTasks", "ecs:UpdateService", "ecs:CreateService", "ecs:DeleteService"),
            "ecs:CreateAction", Set.of("ecs:TagResource"),
            "iam:PassedToService", Set.of("iam:PassRole"),
            "ec2:CreateAction", Set.of("ec2:CreateTags"),
            "elasticfilesystem:CreateAction", Set.of("elasticfilesystem:TagResource"),
            "route53:ChangeResourceRecordSetsNormalizedRecordNames", Set.of("route53:ChangeResourceRecordSets"),
            "route53:ChangeResourceRecordSetsRecordTypes", Set.of("route53:ChangeResourceRecordSets"),
            "route53:ChangeResourceRecordSetsActions", Set.of("route53:ChangeResourceRecordSets"));
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public Optional<AwsAnswer> before(AwsRequest request) {
        if (!request.is("iam", "PutRolePolicy")) {
            return Optional.empty();
        }
        List<String> problems = problems(request.param("PolicyDocument"));
        return problems.isEmpty() ? Optional.empty()
                : Optional.of(AwsAnswer.error(request, 400, "MalformedPolicyDocument", problems.get(0)));
    }

    static List<String> problems(String document) {
        List<String> problems = new ArrayList<>();
        JsonNode policy;
        try {
            policy = JSON.readTree(document);
        } catch (IOException e) {
            return List.of("Syntax errors in policy.");
        }
        for (JsonNode statement : policy.path("Statement")) {
            List<String> actions = values(statement.get("Action"));
            Set<String> services = new java.util.TreeSet<>();
            for (String action : actions) {
                String service = action.contains(":") ? action.substring(0, action.indexOf(':')) : "";
                if (!SERVICES.contains(service)) {
                    problems.add("Invalid service prefix in action " + action);
                }
                services.add(service);
            }
            for (String resource : values(statement.get("Resource"))) {
                if (resource.equals("*")) {
                    continue;
                }
                if (!ARN.matcher(resource).matches()) {
                    problems.add("Resource " + resource + " must be in ARN format or \"*\".");
                } else if (services.size() == 1 && !services.contains(resource.split(":")[2])) {
                    problems.add("Resource " + resource + " is not of the service of " + actions);
                }
            }
            statement.path("Condition").fields().forEachRemaining(operator -> operator.getValue().fieldNames()
                    .forEachRemaining(key -> {
                        Set<String> supporting = CONDITION_KEYS.get(key);
                        if (supporting != null && !supporting.containsAll(actions)) {
                            problems.add("Condition key " + key + " is not supported by every action of " + actions);
                        }
                    }));
        }
        return problems;
    }

    private static List<String> values(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node == null) {
            return values;
        }
        if (node.isArray()) {
            node.forEach(v -> values.add(v.asText()));
        } else {
            values.add(node.asText());
        }
        return values;
    }
}
