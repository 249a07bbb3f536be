package dev.hubwizard.deploy;

import dev.hubwizard.profile.Profile;

import java.util.Map;
import java.util.TreeMap;

/**
 * The environment the hub container starts with. {@code jupyterhub_config.py} reads the user lists from
 * here (comma-separated, already normalised), so changing who may sign in needs a new task definition
 * revision, not a new image. The config splits them; it never evaluates them.
 */
public final class HubEnvironment {

    public static final String ADMIN_USERS = "HUB_ADMIN_USERS";
    public static final String ALLOWED_USERS = "HUB_ALLOWED_USERS";

    private HubEnvironment() {
    }

    public static Map<String, String> of(Profile profile) {
        Map<String, String> environment = new TreeMap<>();
        environment.put(ADMIN_USERS, String.join(",", profile.hub().admins()));
        environment.put(ALLOWED_USERS, String.join(",", profile.hub().allowedUsers()));
        return environment;
    }
}
