package dev.hubwizard.testbed.strict;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * ECS's deployments as AWS runs them, where moto reports every service running at once. A deployment whose tasks
 * cannot start fails, and with the circuit breaker on and nothing to roll back to it stays FAILED: "the service
 * deployment ... stops launching new tasks" until a new deployment is forced
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-circuit-breaker.html). Its tasks cannot
 * start when its execution role is too new to be used ({@link NewIamRoles}), when one of its subnets is in a zone
 * Fargate does not serve (played zones, {@link #fargateZones}), or when a test says so ({@link #failNextRollout});
 * a test may also make tasks take their time to start ({@link #startSlowly}).
 */
public final class EcsRollouts implements AwsRule {

    /** Where a rollout stands: failed with a stopped task's reason, or starting until a moment. */
    private record Rollout(String failure, String eventId, long startedAtMillis, long runningFrom) {
    }

    /** Subnets' zone ids, read from EC2 (moto). */
    interface SubnetZones {
        Map<String, String> of(String region, List<String> subnetIds);
    }

    private final NewIamRoles roles;
    private final SubnetZones zones;
    private final Map<String, String> executionRoles = new ConcurrentHashMap<>();
    private final Map<String, String> taskDefinitions = new ConcurrentHashMap<>();
    private final Map<String, String> failNext = new ConcurrentHashMap<>();
    private final Map<String, Duration> slowStarts = new ConcurrentHashMap<>();
    private final Map<String, Rollout> rollouts = new ConcurrentHashMap<>();
    private volatile Map<String, Set<String>> fargateZones = Map.of();

    EcsRollouts(NewIamRoles roles, SubnetZones zones) {
        this.roles = roles;
        this.zones = zones;
    }

    /** The service's next deployment fails: its tasks stop with {@code reason}. */
    public EcsRollouts failNextRollout(String service, String reason) {
        failNext.put(service, reason);
        return this;
    }

    /** The service's deployments from now on run their task only {@code after} they start (an image pull, a start). */
    public EcsRollouts startSlowly(String service, Duration after) {
        slowStarts.put(service, after);
        return this;
    }

    /**
     * Plays a region where Fargate serves only these zone ids, as AWS documents for some regions
     * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/AWS_Fargate-Regions.html), where moto's zones
     * are all served.
     */
    public EcsRollouts fargateZones(String region, Set<String> zoneIds) {
        fargateZones = Map.of(region, Set.copyOf(zoneIds));
        return this;
    }

    @Override
    public AwsAnswer after(AwsRequest request, AwsAnswer answer) {
        if (!"ecs".equals(request.service()) || !answer.ok()) {
            return answer;
        }
        JsonNode in = request.json();
        switch (request.operation()) {
            case "RegisterTaskDefinition" -> {
                JsonNode td = answer.json().path("taskDefinition");
                String role = td.path("executionRoleArn").asText("");
                executionRoles.put(td.path("taskDefinitionArn").asText(), role);
                executionRoles.put(td.path("family").asText() + ":" + td.path("revision").asText(), role);
                executionRoles.put(td.path("family").asText(), role);
            }
            case "CreateService" -> deploy(request, in.path("serviceName").asText(), in.path("taskDefinition").asText());
            case "UpdateService" -> {
                String service = last(in.path("service").asText());
                String td = in.path("taskDefinition").asText("");
                boolean newDefinition = !td.isEmpty() && !td.equals(taskDefinitions.get(service));
                if (in.path("forceNewDeployment").asBoolean(false) || newDefinition) {
                    deploy(request, service, td.isEmpty() ? taskDefinitions.getOrDefault(service, "") : td);
                }
            }
            case "DescribeServices" -> {
                return rewrite(answer);
            }
            default -> {
            }
        }
        return answer;
    }

    private void deploy(AwsRequest request, String service, String taskDefinition) {
        taskDefinitions.put(service, taskDefinition);
        String reason = failNext.remove(service);
        if (reason == null) {
            reason = roles.whyUnusable(executionRoles.getOrDefault(taskDefinition, "")).orElse(null);
        }
        if (reason == null) {
            reason = unservedZone(request).orElse(null);
        }
        long now = System.nanoTime();
        Duration slow = slowStarts.getOrDefault(service, Duration.ZERO);
        rollouts.put(service, new Rollout(reason, UUID.randomUUID().toString(), System.currentTimeMillis(),
                now + slow.toNanos()));
    }

    private Optional<String> unservedZone(AwsRequest request) {
        Set<String> served = fargateZones.get(request.region());
        if (served == null) {
            return Optional.empty();
        }
        List<String> subnets = new ArrayList<>();
        request.json().path("networkConfiguration").path("awsvpcConfiguration").path("subnets")
                .forEach(s -> subnets.add(s.asText()));
        return zones.of(request.region(), subnets).entrySet().stream()
                .filter(e -> !served.contains(e.getValue())).findFirst()
                .map(e -> "Fargate is not available in the Availability Zone " + e.getValue() + " of subnet "
                        + e.getKey() + ": the task cannot be placed there");
    }

    /** A failed or slow service as ECS would describe it. */
    private AwsAnswer rewrite(AwsAnswer answer) {
        JsonNode described = answer.json();
        boolean changed = false;
        for (JsonNode node : described.path("services")) {
            ObjectNode service = (ObjectNode) node;
            Rollout rollout = rollouts.get(service.path("serviceName").asText());
            if (rollout == null || !"ACTIVE".equals(service.path("status").asText())) {
                continue;
            }
            if (rollout.failure() != null) {
                failed(service, rollout);
                changed = true;
            } else if (System.nanoTime() < rollout.runningFrom()) {
                starting(service);
                changed = true;
            }
        }
        return changed ? answer.withJson(described) : answer;
    }

    private static void failed(ObjectNode service, Rollout rollout) {
        String name = service.path("serviceName").asText();
        service.put("runningCount", 0).put("pendingCount", 0);
        for (JsonNode d : service.path("deployments")) {
            ObjectNode deployment = (ObjectNode) d;
            if ("PRIMARY".equals(deployment.path("status").asText())) {
                deployment.put("rolloutState", "FAILED")
                        .put("rolloutStateReason", "ECS deployment " + deployment.path("id").asText()
                                + " failed: tasks failed to start.")
                        .put("runningCount", 0).put("pendingCount", 0).put("failedTasks", 3)
                        .put("taskDefinition", service.path("taskDefinition").asText());
            }
        }
        ArrayNode events = JsonNodeFactory.instance.arrayNode();
        double at = rollout.startedAtMillis() / 1e3;
        events.add(event(rollout.eventId() + "-failed", at, "(service " + name + ") deployment failed: tasks failed"
                + " to start."));
        events.add(event(rollout.eventId(), at, "(service " + name + ") was unable to start a task: "
                + rollout.failure()));
        service.path("events").forEach(events::add);
        service.set("events", events);
    }

    private static void starting(ObjectNode service) {
        service.put("runningCount", 0).put("pendingCount", 1);
        for (JsonNode d : service.path("deployments")) {
            if ("PRIMARY".equals(d.path("status").asText())) {
                ((ObjectNode) d).put("rolloutState", "IN_PROGRESS").put("runningCount", 0).put("pendingCount", 1);
            }
        }
    }

    private static ObjectNode event(String id, double createdAt, String message) {
        return JsonNodeFactory.instance.objectNode().put("id", id).put("createdAt", createdAt).put("message", message);
    }

    private static String last(String nameOrArn) {
        return nameOrArn.substring(nameOrArn.lastIndexOf('/') + 1);
    }

    @Override
    public void reset() {
        executionRoles.clear();
        taskDefinitions.clear();
        failNext.clear();
        slowStarts.clear();
        rollouts.clear();
        fargateZones = Map.of();
    }
}
