package dev.hubwizard.testbed.strict;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A task definition family as ECS answers for it, where moto ignores whether revisions are deregistered:
 * ListTaskDefinitionFamilies with {@code status ACTIVE} lists "only task definition families that have an ACTIVE
 * task definition revision" (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ListTaskDefinitionFamilies.html),
 * and DescribeTaskDefinition by family alone describes the family's latest ACTIVE revision ("If a revision isn't
 * specified, the latest ACTIVE revision is used",
 * https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_DescribeTaskDefinition.html).
 */
final class TaskDefinitionStatus implements AwsRule {

    /** A JSON call to moto's ECS itself. */
    interface Ecs {
        AwsAnswer call(String region, String operation, ObjectNode request);
    }

    private final Ecs ecs;

    TaskDefinitionStatus(Ecs ecs) {
        this.ecs = ecs;
    }

    @Override
    public AwsAnswer after(AwsRequest request, AwsAnswer answer) {
        if (!answer.ok()) {
            return answer;
        }
        if (request.is("ecs", "ListTaskDefinitionFamilies")
                && "ACTIVE".equals(request.json().path("status").asText())) {
            JsonNode listed = answer.json();
            ArrayNode active = JsonNodeFactory.instance.arrayNode();
            listed.path("families").forEach(f -> {
                if (!activeRevisions(request.region(), f.asText()).isEmpty()) {
                    active.add(f);
                }
            });
            ((ObjectNode) listed).set("families", active);
            return answer.withJson(listed);
        }
        String named = request.json().path("taskDefinition").asText("");
        if (request.is("ecs", "DescribeTaskDefinition") && !named.contains(":")
                && !"ACTIVE".equals(answer.json().path("taskDefinition").path("status").asText())) {
            List<String> active = activeRevisions(request.region(), named);
            if (active.isEmpty()) {
                return AwsAnswer.error(request, 400, "ClientException", "Unable to describe task definition.");
            }
            ObjectNode latest = ((ObjectNode) request.json().deepCopy()).put("taskDefinition",
                    active.get(active.size() - 1));
            return ecs.call(request.region(), "DescribeTaskDefinition", latest);
        }
        return answer;
    }

    /** The family's ACTIVE revisions' ARNs, oldest first. */
    private List<String> activeRevisions(String region, String family) {
        ObjectNode list = JsonNodeFactory.instance.objectNode().put("familyPrefix", family).put("status", "ACTIVE");
        List<String> arns = new ArrayList<>();
        ecs.call(region, "ListTaskDefinitions", list).json().path("taskDefinitionArns").forEach(a -> arns.add(a.asText()));
        arns.removeIf(arn -> !arn.substring(arn.lastIndexOf('/') + 1).startsWith(family + ":"));
        arns.sort(Comparator.comparingInt(arn -> Integer.parseInt(arn.substring(arn.lastIndexOf(':') + 1))));
        return arns;
    }
}
