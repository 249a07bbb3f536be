package dev.hubwizard.testbed.strict;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An ECS task's times as AWS reports them, where moto reports none: {@code createdAt}, {@code startedAt} once
 * it runs, {@code stoppedAt} once it stopped (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_Task.html).
 * Without them nothing can tell the newest task, or the one that stopped last, from the others.
 */
final class TaskTimes implements AwsRule {

    private final Map<String, Double> created = new ConcurrentHashMap<>();
    private final Map<String, Double> stopped = new ConcurrentHashMap<>();

    @Override
    public AwsAnswer after(AwsRequest request, AwsAnswer answer) {
        if (!answer.ok()) {
            return answer;
        }
        double now = System.currentTimeMillis() / 1000.0;
        if (request.is("ecs", "RunTask")) {
            answer.json().path("tasks").forEach(t -> created.putIfAbsent(t.path("taskArn").asText(), now));
            return withTimes(answer, "tasks");
        }
        if (request.is("ecs", "StopTask")) {
            stopped.putIfAbsent(answer.json().path("task").path("taskArn").asText(), now);
            JsonNode json = answer.json();
            stamp((ObjectNode) json.path("task"), now);
            return answer.withJson(json);
        }
        if (request.is("ecs", "DescribeTasks")) {
            return withTimes(answer, "tasks");
        }
        return answer;
    }

    private AwsAnswer withTimes(AwsAnswer answer, String field) {
        double now = System.currentTimeMillis() / 1000.0;
        JsonNode json = answer.json();
        json.path(field).forEach(t -> stamp((ObjectNode) t, now));
        return answer.withJson(json);
    }

    private void stamp(ObjectNode task, double now) {
        String arn = task.path("taskArn").asText();
        if (arn.isEmpty()) {
            return;
        }
        double at = created.computeIfAbsent(arn, a -> now);
        task.put("createdAt", at);
        if ("RUNNING".equals(task.path("lastStatus").asText()) || stopped.containsKey(arn)) {
            task.put("startedAt", at);
        }
        if ("STOPPED".equals(task.path("lastStatus").asText())) {
            task.put("stoppedAt", stopped.computeIfAbsent(arn, a -> now));
        }
    }

    @Override
    public void reset() {
        created.clear();
        stopped.clear();
    }
}
