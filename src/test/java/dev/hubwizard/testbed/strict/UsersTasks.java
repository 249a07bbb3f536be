package dev.hubwizard.testbed.strict;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * People's notebook tasks (FargateSpawner's RunTask) as ECS reports them while Fargate starts them, where moto
 * reports a task RUNNING, with an address in the subnet, the moment RunTask answers: a task of a played family
 * is PENDING, with no private IP yet ("the private IP address is assigned when the task's network interface is
 * attached", https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-lifecycle-explanation.html), until
 * the test bed's Fargate has started its container; then RUNNING with the address that container serves on.
 * Once moto says the task stopped, moto's answer stands.
 */
public final class UsersTasks implements AwsRule {

    private final Set<String> families = ConcurrentHashMap.newKeySet();
    /** Task ARN → the address its container serves on; "" while Fargate has not started it. */
    private final Map<String, String> addresses = new ConcurrentHashMap<>();

    /** Plays the tasks of {@code family} and of the families {@code family-NAME} (people's own). */
    public void play(String family) {
        families.add(family);
    }

    /** The task's container runs and serves on {@code address}. */
    public void running(String taskArn, String address) {
        addresses.put(taskArn, address);
    }

    /** Whether a RunTask of a played family started this task. */
    public boolean played(String taskArn) {
        return addresses.containsKey(taskArn);
    }

    @Override
    public AwsAnswer after(AwsRequest request, AwsAnswer answer) {
        if (!answer.ok()) {
            return answer;
        }
        if (request.is("ecs", "RunTask") && isPlayed(request.json().path("taskDefinition").asText(""))) {
            answer.json().path("tasks").forEach(t -> addresses.putIfAbsent(t.path("taskArn").asText(), ""));
            return rewritten(answer, "tasks");
        }
        if (request.is("ecs", "DescribeTasks")) {
            return rewritten(answer, "tasks");
        }
        return answer;
    }

    private boolean isPlayed(String taskDefinition) {
        String family = taskDefinition.substring(taskDefinition.lastIndexOf('/') + 1).split(":", 2)[0];
        return families.stream().anyMatch(f -> family.equals(f) || family.startsWith(f + "-"));
    }

    private AwsAnswer rewritten(AwsAnswer answer, String field) {
        JsonNode json = answer.json();
        boolean changed = false;
        for (JsonNode task : json.path(field)) {
            String address = addresses.get(task.path("taskArn").asText());
            if (address == null || "STOPPED".equals(task.path("lastStatus").asText())) {
                continue;
            }
            ObjectNode played = (ObjectNode) task;
            played.put("lastStatus", address.isEmpty() ? "PENDING" : "RUNNING");
            for (JsonNode attachment : played.path("attachments")) {
                ArrayNode details = (ArrayNode) attachment.path("details");
                for (int i = details.size() - 1; i >= 0; i--) {
                    if ("privateIPv4Address".equals(details.get(i).path("name").asText())) {
                        details.remove(i);
                    }
                }
                if (!address.isEmpty()) {
                    details.addObject().put("name", "privateIPv4Address").put("value", address);
                }
            }
            for (JsonNode container : played.path("containers")) {
                ((ObjectNode) container).remove("networkInterfaces");
                ((ObjectNode) container).put("lastStatus", played.path("lastStatus").asText());
            }
            changed = true;
        }
        return changed ? answer.withJson(json) : answer;
    }

    @Override
    public void reset() {
        families.clear();
        addresses.clear();
    }
}
