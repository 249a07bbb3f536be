package dev.hubwizard.testbed.strict;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A Fargate task's memory is the task's: a container's own memory is optional ("If using the Fargate launch type,
 * this parameter is optional", https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDefinition.html),
 * which the users' task definition relies on so that the size a person picks is not capped by a container limit.
 * Moto's RunTask adds up its containers' memory and fails on a container that has none. So a task definition with a
 * task-level memory is registered in moto with each such container's reservation set to the task's memory, and
 * every answer that shows that revision shows what was registered, without it.
 */
final class FargateTaskMemory implements AwsRule {

    /** "ARN/container" of each container given a reservation here. */
    private final Set<String> added = ConcurrentHashMap.newKeySet();

    @Override
    public AwsRequest forwarded(AwsRequest request) {
        if (!request.is("ecs", "RegisterTaskDefinition") || missing(request.json()).isEmpty()) {
            return request;
        }
        ObjectNode copy = request.json().deepCopy();
        int memory = Integer.parseInt(request.json().path("memory").asText().trim());
        for (JsonNode container : copy.path("containerDefinitions")) {
            if (!container.has("memory") && !container.has("memoryReservation")) {
                ((ObjectNode) container).put("memoryReservation", memory);
            }
        }
        return new AwsRequest(request.method(), request.path(), request.headers(),
                copy.toString().getBytes(StandardCharsets.UTF_8), request.service(), request.region(),
                request.operation(), request.protocol(), request.form(), copy);
    }

    @Override
    public AwsAnswer after(AwsRequest request, AwsAnswer answer) {
        if (!answer.ok()) {
            return answer;
        }
        if (request.is("ecs", "RegisterTaskDefinition")) {
            String arn = answer.json().path("taskDefinition").path("taskDefinitionArn").asText();
            missing(request.json()).forEach(name -> added.add(arn + "/" + name));
            return asRegistered(answer);
        }
        return request.is("ecs", "DescribeTaskDefinition") ? asRegistered(answer) : answer;
    }

    /** The containers without a memory of their own in a task definition with a task-level memory. */
    private static Set<String> missing(JsonNode registration) {
        Set<String> names = new java.util.HashSet<>();
        if (registration.path("memory").asText("").isBlank()) {
            return names;
        }
        for (JsonNode container : registration.path("containerDefinitions")) {
            if (!container.has("memory") && !container.has("memoryReservation")) {
                names.add(container.path("name").asText());
            }
        }
        return names;
    }

    private AwsAnswer asRegistered(AwsAnswer answer) {
        JsonNode json = answer.json();
        JsonNode definition = json.path("taskDefinition");
        String arn = definition.path("taskDefinitionArn").asText();
        boolean changed = false;
        for (JsonNode container : definition.path("containerDefinitions")) {
            if (added.contains(arn + "/" + container.path("name").asText())) {
                ((ObjectNode) container).remove("memoryReservation");
                changed = true;
            }
        }
        return changed ? answer.withJson(json) : answer;
    }

    @Override
    public void reset() {
        added.clear();
    }
}
