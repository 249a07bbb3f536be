package dev.hubwizard.testbed.strict;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Optional;

/**
 * A deleted ECS service as AWS answers for it, where moto updates an INACTIVE service as if it ran: UpdateService
 * on a service that is not ACTIVE fails with ServiceNotActiveException ("The specified service isn't active. You
 * can't update a service that's inactive", https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_UpdateService.html#API_UpdateService_Errors).
 */
final class InactiveServices implements AwsRule {

    private final TaskDefinitionStatus.Ecs ecs;

    InactiveServices(TaskDefinitionStatus.Ecs ecs) {
        this.ecs = ecs;
    }

    @Override
    public Optional<AwsAnswer> before(AwsRequest request) {
        if (!request.is("ecs", "UpdateService")) {
            return Optional.empty();
        }
        ObjectNode describe = JsonNodeFactory.instance.objectNode();
        describe.putArray("services").add(request.json().path("service").asText());
        if (request.json().has("cluster")) {
            describe.put("cluster", request.json().path("cluster").asText());
        }
        AwsAnswer described = ecs.call(request.region(), "DescribeServices", describe);
        if (!described.ok()) {
            return Optional.empty(); // Moto's own answer says what is missing (the cluster).
        }
        var services = described.json().path("services");
        if (services.isEmpty() || !"INACTIVE".equals(services.get(0).path("status").asText())) {
            return Optional.empty();
        }
        return Optional.of(AwsAnswer.error(request, 400, "ServiceNotActiveException", "Service was not ACTIVE."));
    }
}
