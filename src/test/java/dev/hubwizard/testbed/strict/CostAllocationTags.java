package dev.hubwizard.testbed.strict;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Cost Explorer's cost allocation tags, which moto does not have: ListCostAllocationTags lists the user-defined tag
 * keys billing has seen with their status, Active or Inactive
 * (https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_ListCostAllocationTags.html).
 * A test says which keys billing has seen, and whether they were activated ({@link #seen}).
 */
public final class CostAllocationTags implements AwsRule {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, String> statuses = new ConcurrentHashMap<>();

    /** Billing has seen {@code key} on a resource that cost something, with this status from now on. */
    public CostAllocationTags seen(String key, boolean active) {
        statuses.put(key, active ? "Active" : "Inactive");
        return this;
    }

    @Override
    public Optional<AwsAnswer> before(AwsRequest request) {
        if (request.is("ce", "ListCostAllocationTags")) {
            Set<String> wanted = new HashSet<>();
            request.json().path("TagKeys").forEach(k -> wanted.add(k.asText()));
            ObjectNode answer = JSON.createObjectNode();
            ArrayNode tags = answer.putArray("CostAllocationTags");
            statuses.forEach((key, status) -> {
                if (wanted.isEmpty() || wanted.contains(key)) {
                    tags.addObject().put("TagKey", key).put("Type", "UserDefined").put("Status", status);
                }
            });
            return Optional.of(json(answer));
        }
        return Optional.empty();
    }

    private static AwsAnswer json(JsonNode body) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("x-amzn-RequestId", List.of(UUID.randomUUID().toString()));
        headers.put("Content-Type", List.of("application/x-amz-json-1.1"));
        return new AwsAnswer(200, headers, body.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void reset() {
        statuses.clear();
    }
}
