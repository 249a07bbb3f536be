package dev.hubwizard.testbed.strict;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiPredicate;

/**
 * EFS's CreateAccessPoint is idempotent by its client token, where moto makes a new access point for every call:
 * "AccessPointAlreadyExists: Returned if the access point that you are trying to create already exists, with the
 * creation token you provided in the request", with the existing one's AccessPointId
 * (https://docs.aws.amazon.com/efs/latest/ug/API_CreateAccessPoint.html). Hubs that make the same folder's access
 * point twice (two people's first spawns, a hub restarted mid-spawn) get one access point, as on AWS.
 */
final class AccessPointTokens implements AwsRule {

    private final BiPredicate<String, String> exists;
    /** file system + client token → the access point moto made for it. */
    private final Map<String, String> made = new ConcurrentHashMap<>();

    /** @param exists whether moto still has the access point (region, id) */
    AccessPointTokens(BiPredicate<String, String> exists) {
        this.exists = exists;
    }

    @Override
    public Optional<AwsAnswer> before(AwsRequest request) {
        if (!request.is("elasticfilesystem", "CreateAccessPoint")) {
            return Optional.empty();
        }
        String earlier = made.get(key(request));
        if (earlier == null || !exists.test(request.region(), earlier)) {
            return Optional.empty();
        }
        AwsAnswer refused = AwsAnswer.error(request, 409, "AccessPointAlreadyExists",
                "Access point already exists with the client token you provided.");
        return Optional.of(refused.withJson(((ObjectNode) refused.json()).put("AccessPointId", earlier)));
    }

    @Override
    public AwsAnswer after(AwsRequest request, AwsAnswer answer) {
        if (request.is("elasticfilesystem", "CreateAccessPoint") && answer.ok()
                && request.json().hasNonNull("ClientToken")) {
            made.put(key(request), answer.json().path("AccessPointId").asText());
        }
        return answer;
    }

    @Override
    public void reset() {
        made.clear();
    }

    private static String key(AwsRequest request) {
        return request.json().path("FileSystemId").asText() + " " + request.json().path("ClientToken").asText();
    }
}
