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
    /** The SSM parameter with the live lists of users, which the hub reads every 30 s. */
    public static final String USERS_PARAMETER = "HUB_USERS_PARAMETER";
    /** The SSM parameter the hub writes when it picked the lists up. */
    public static final String USERS_STATUS_PARAMETER = "HUB_USERS_STATUS_PARAMETER";
    /** Seconds between two looks at the lists (30). */
    public static final String USERS_INTERVAL = "HUB_USERS_INTERVAL";
    /**
     * With users' files kept: the hub's state on the same EFS file system as the homes, in a folder no user can
     * be named after (names start with a letter) and only root reads (0700).
     */
    private static final String KEPT_STATE_DIR = "/home/.hubwizard-state";
    /** Where users' servers run: {@code local} (default, in the hub's container) or {@code fargate}. */
    public static final String SPAWNER = "HUB_SPAWNER";
    /** Fargate servers: the ECS cluster (name or ARN) users' tasks run in. */
    public static final String FARGATE_CLUSTER = "HUB_FARGATE_CLUSTER";
    /** Fargate servers: the users' task definition (family, {@code family:revision} or ARN). */
    public static final String FARGATE_TASK_DEFINITION = "HUB_FARGATE_TASK_DEFINITION";
    /** Fargate servers: the container that runs {@code jupyterhub-singleuser} (default {@code notebook}). */
    public static final String FARGATE_CONTAINER = "HUB_FARGATE_CONTAINER";
    /** Fargate servers: subnet ids, comma or space separated. */
    public static final String FARGATE_SUBNETS = "HUB_FARGATE_SUBNETS";
    /** Fargate servers: the users' security group id(s). */
    public static final String FARGATE_SECURITY_GROUPS = "HUB_FARGATE_SECURITY_GROUPS";
    /** Fargate servers: {@code true} where a task needs a public IP to pull its image (no NAT gateway). */
    public static final String FARGATE_PUBLIC_IP = "HUB_FARGATE_PUBLIC_IP";
    /** Fargate servers: the {@code hubwizard:profile} tag's value on every user task. */
    public static final String FARGATE_PROFILE = "HUB_FARGATE_PROFILE";
    /** Fargate servers: {@code true} when the hub's state outlives its task, so a redeploy leaves them running. */
    public static final String FARGATE_KEEP_SERVERS = "HUB_FARGATE_KEEP_SERVERS";
    /** Fargate servers: the sizes people choose from, {@code Small=0.5/1, Large=4/16} (name=vCPU/GB). */
    public static final String SERVER_SIZES = "HUB_SERVER_SIZES";
    /** Idle servers stop after this long (seconds, or with {@code m}/{@code h}; default 1h, 0 never). */
    public static final String CULL_IDLE_TIMEOUT = "HUB_CULL_IDLE_TIMEOUT";
    /** Fargate servers: the hub's address as users' tasks reach it (default: from ECS's task metadata). */
    public static final String CONNECT_IP = "HUB_CONNECT_IP";

    /**
     * Fargate servers with kept files: the EFS file system (its id) in which the hub makes each person's home folder
     * an access point of its own (hubwizard_hub/homes.py).
     */
    public static final String FARGATE_FILE_SYSTEM = "HUB_FARGATE_FILE_SYSTEM";
    /** With {@link #FARGATE_FILE_SYSTEM}: a folder at {@code ~/shared} that admins write and everyone else reads. */
    public static final String FARGATE_SHARED_FOLDER = "HUB_FARGATE_SHARED_FOLDER";
    /**
     * The Route 53 private zone where the hub points {@link #FARGATE_API_NAME} at its own task when it starts: users'
     * servers call the hub's API by that name, so a redeployed hub's task is found by the servers it did not start.
     */
    public static final String FARGATE_API_ZONE = "HUB_FARGATE_API_ZONE";
    public static final String FARGATE_API_NAME = "HUB_FARGATE_API_NAME";
    /** The users' task definition's container that runs {@code jupyterhub-singleuser} (the hub's default name). */
    private static final String USER_CONTAINER = "notebook";
    /** The port the hub's API listens on for users' servers in their own tasks. */
    public static final int SERVERS_API_PORT = 8081;

    /**
     * Where the hub starts users' servers when each runs in its own Fargate task.
     *
     * @param cluster        the cluster's ARN
     * @param taskDefinition the users' task definition family
     * @param subnets        the hub's subnets, where users' tasks run too
     * @param securityGroups the users' security group
     * @param publicIp       whether a task needs a public IP to pull its image (public subnets, no NAT gateway)
     * @param fileSystem     with kept files: the EFS file system's id
     * @param apiZone        the Route 53 private zone of the hub's private name, {@link #FARGATE_API_ZONE}
     * @param apiName        the hub's private name in it, {@link #FARGATE_API_NAME}
     */
    public record FargateServers(String cluster, String taskDefinition, List<String> subnets,
                                 List<String> securityGroups, boolean publicIp,
                                 java.util.Optional<String> fileSystem, String apiZone, String apiName) {

        public FargateServers {
            subnets = List.copyOf(subnets);
            securityGroups = List.copyOf(securityGroups);
        }
    }

    private HubEnvironment() {
    }

    /** The name of the container in the users' task definition: {@link #FARGATE_CONTAINER}'s value. */
    public static String userContainer() {
        return USER_CONTAINER;
    }

    /**
     * What the hub's task needs to start each person's server in a Fargate task of its own: the spawner, where the
     * tasks run, the sizes people choose from, the idle timeout, and whether a redeploy leaves servers running
     * (only when the hub's state, which remembers them, is kept on EFS).
     */
    public static java.util.Map<String, String> fargate(dev.hubwizard.profile.Profile profile, FargateServers where) {
        java.util.Map<String, String> environment = new java.util.TreeMap<>();
        environment.put(SPAWNER, "fargate");
        environment.put(FARGATE_CLUSTER, where.cluster());
        environment.put(FARGATE_TASK_DEFINITION, where.taskDefinition());
        environment.put(FARGATE_CONTAINER, USER_CONTAINER);
        environment.put(FARGATE_SUBNETS, String.join(",", where.subnets()));
        environment.put(FARGATE_SECURITY_GROUPS, String.join(",", where.securityGroups()));
        environment.put(FARGATE_PUBLIC_IP, String.valueOf(where.publicIp()));
        environment.put(FARGATE_PROFILE, profile.name());
        environment.put(FARGATE_KEEP_SERVERS, String.valueOf(profile.options().keepUserFiles()));
        environment.put(SERVER_SIZES, profile.servers().hubSizes());
        environment.put(CULL_IDLE_TIMEOUT, profile.servers().hubCullTimeout());
        environment.put(API_PORT, String.valueOf(SERVERS_API_PORT));
        environment.put(FARGATE_API_ZONE, where.apiZone());
        environment.put(FARGATE_API_NAME, where.apiName());
        where.fileSystem().ifPresent(id -> {
            environment.put(FARGATE_FILE_SYSTEM, id);
            environment.put(FARGATE_SHARED_FOLDER, String.valueOf(profile.servers().sharedFolder()));
        });
        return environment;
    }

    /** The value of {@link #SIGN_IN} for a profile's choice. */
    public static String signIn(SignIn signIn) {
        return switch (signIn) {
            case FIRST_USE_PASSWORD -> "first-use";
            case COGNITO -> "cognito";
        };
    }

    /**
     * What the hub container needs on AWS beyond the image: how people sign in, and where its live lists of
     * users are. The lists themselves are not here: names in the environment would be added to every reading of
     * the parameter, so nobody named there could be removed without a new task.
     */
    public static java.util.Map<String, String> forTask(dev.hubwizard.profile.Profile profile, String usersParameter,
                                                        String pickedUpParameter) {
        java.util.Map<String, String> environment = new java.util.TreeMap<>();
        environment.put(SIGN_IN, signIn(profile.hub().signIn()));
        environment.put(USERS_PARAMETER, usersParameter);
        environment.put(USERS_STATUS_PARAMETER, pickedUpParameter);
        if (profile.options().keepUserFiles()) {
            environment.put(STATE_DIR, KEPT_STATE_DIR);
        }
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
