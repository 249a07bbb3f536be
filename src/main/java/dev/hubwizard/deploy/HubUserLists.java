package dev.hubwizard.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hubwizard.aws.SsmParameters;
import dev.hubwizard.profile.Profile;
import dev.hubwizard.profile.ProfileValidator;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A hub's admins and allowed users as its live lists parameter holds them,
 * {@code {"admins":[...],"allowedUsers":[...]}}: the hub image's {@code hubwizard_hub.live_users} reads exactly
 * this, as data. Names are normalised and checked with {@link UserNames}, the hub's own rules, before anything
 * is written.
 */
public record HubUserLists(List<String> admins, List<String> allowedUsers) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public HubUserLists {
        admins = List.copyOf(admins);
        allowedUsers = List.copyOf(allowedUsers);
    }

    public static HubUserLists of(Profile profile) {
        return new HubUserLists(profile.hub().admins(), profile.hub().allowedUsers());
    }

    /** Why these lists cannot go to the hub (a name the hub would refuse, or too many), or empty. */
    public Optional<String> problem() {
        Optional<String> names = ProfileValidator.admins(admins).map(p -> "Admins: " + p)
                .or(() -> ProfileValidator.allowedUsers(allowedUsers).map(p -> "Allowed users: " + p));
        if (names.isPresent()) {
            return names;
        }
        int length = json().length();
        return length > SsmParameters.MAX_VALUE ? Optional.of("The lists are " + length + " characters long; the "
                + "hub's parameter holds " + SsmParameters.MAX_VALUE + ". Remove some names, or use shorter ones")
                : Optional.empty();
    }

    public String json() {
        ObjectNode value = JSON.createObjectNode();
        admins.forEach(value.putArray("admins")::add);
        allowedUsers.forEach(value.putArray("allowedUsers")::add);
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The lists a parameter holds, or empty when it holds something else. */
    public static Optional<HubUserLists> parse(String json) {
        try {
            JsonNode value = JSON.readTree(json);
            if (value == null || !value.isObject()) {
                return Optional.empty();
            }
            return Optional.of(new HubUserLists(names(value.get("admins")), names(value.get("allowedUsers"))));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static List<String> names(JsonNode array) {
        List<String> names = new ArrayList<>();
        if (array == null) {
            return names;
        }
        if (!array.isArray()) {
            throw new IllegalArgumentException("not a list");
        }
        array.forEach(n -> names.add(n.asText()));
        return names;
    }
}
