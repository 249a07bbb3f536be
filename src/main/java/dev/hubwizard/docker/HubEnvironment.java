package dev.hubwizard.docker;

import dev.hubwizard.profile.SignIn;

import java.util.List;

/**
 * The environment variables the hub image's {@code jupyterhub_config.py} reads: the one contract
 * between the image and whoever runs it (the local test here, the ECS task definition on AWS).
 */
public final class HubEnvironment {

    /** The port the hub serves on (default 8000). */
    public static final String PORT = "HUB_PORT";
    /** The address the hub serves on (default 0.0.0.0). */
    public static final String IP = "HUB_IP";
    /** The hub's internal API port (default 8081); matters with host networking only. */
    public static final String API_PORT = "HUB_API_PORT";
    /** The proxy's API port (default 8001); matters with host networking only. */
    public static final String PROXY_API_PORT = "HUB_PROXY_API_PORT";
    /** {@code first-use} (default) or {@code cognito}: see {@link #signIn(SignIn)}. */
    public static final String SIGN_IN = "HUB_SIGN_IN";
    /**
     * More admins, comma or space separated, on top of the image's {@code admin}: the local test's throwaway
     * admin is added to its own container this way.
     */
    public static final String ADMIN_USERS = "HUB_ADMIN_USERS";
    /** More allowed users, comma or space separated, on top of the image's {@code allowed_users}. */
    public static final String ALLOWED_USERS = "HUB_ALLOWED_USERS";
    /** Cognito: {@code https://PREFIX.auth.REGION.amazoncognito.com}. */
    public static final String COGNITO_DOMAIN = "COGNITO_DOMAIN";
    /** Cognito: the app client's id. */
    public static final String COGNITO_CLIENT_ID = "COGNITO_CLIENT_ID";
    /** Cognito: the app client's secret; from the task definition's {@code secrets}, never plain. */
    public static final String COGNITO_CLIENT_SECRET = "COGNITO_CLIENT_SECRET";
    /** Cognito: {@code https://HUB-ADDRESS/hub/oauth_callback}. */
    public static final String CALLBACK_URL = "HUB_CALLBACK_URL";
    /** Where the hub keeps its database, cookie secret and first-use passwords (default /srv/jupyterhub/state). */
    public static final String STATE_DIR = "HUB_STATE_DIR";
    /** Pinned Unix user ids, {@code alice=2001,bob=2002}, so files on a kept volume keep their owners. */
    public static final String USER_UIDS = "HUB_USER_UIDS";

    private HubEnvironment() {
    }

    /** The value of {@link #SIGN_IN} for a profile's choice. */
    public static String signIn(SignIn signIn) {
        return switch (signIn) {
            case FIRST_USE_PASSWORD -> "first-use";
            case COGNITO -> "cognito";
        };
    }

    /**
     * What the hub container needs on AWS beyond the image: how people sign in, and the allowed users
     * (also in the image's {@code allowed_users}; the variable lets a task definition revision change
     * them without a rebuild).
     */
    public static java.util.Map<String, String> forTask(dev.hubwizard.profile.Profile profile) {
        java.util.Map<String, String> environment = new java.util.TreeMap<>();
        environment.put(SIGN_IN, signIn(profile.hub().signIn()));
        environment.put(ALLOWED_USERS, allowedUsers(profile.hub().allowedUsers()));
        return environment;
    }

    /**
     * What Cognito sign-in adds for the task: the hosted UI, the app client and the callback. The client's
     * secret is not here: it reaches the container as {@link #COGNITO_CLIENT_SECRET} through the task
     * definition's {@code secrets}.
     */
    public static java.util.Map<String, String> cognito(String domainUrl, String clientId, String callbackUrl) {
        return java.util.Map.of(COGNITO_DOMAIN, domainUrl, COGNITO_CLIENT_ID, clientId, CALLBACK_URL, callbackUrl);
    }

    /** The value of {@link #USER_UIDS}: {@code alice=2001,bob=2002}. */
    public static String userIds(java.util.Map<String, Integer> ids) {
        return dev.hubwizard.profile.UserIds.format(ids);
    }

    /** The value of {@link #ALLOWED_USERS} for normalised names. */
    public static String allowedUsers(List<String> names) {
        return String.join(",", names);
    }
}
