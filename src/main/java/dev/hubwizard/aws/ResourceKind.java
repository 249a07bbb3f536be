package dev.hubwizard.aws;

/** The kinds of resource the journal records, one per AWS resource type a deploy creates. */
public final class ResourceKind {

    public static final String ECR_REPOSITORY = "ecr-repository";
    public static final String VPC = "vpc";
    public static final String SUBNET = "subnet";
    public static final String INTERNET_GATEWAY = "internet-gateway";
    public static final String ROUTE_TABLE = "route-table";
    public static final String SECURITY_GROUP = "security-group";
    public static final String IAM_ROLE = "iam-role";
    public static final String LOG_GROUP = "log-group";
    public static final String ECS_CLUSTER = "ecs-cluster";
    public static final String TASK_DEFINITION = "task-definition";
    public static final String ECS_SERVICE = "ecs-service";

    // A stable address: the load balancer, what it needs and what points at it.
    public static final String LOAD_BALANCER = "load-balancer";
    public static final String LOAD_BALANCER_SECURITY_GROUP = "load-balancer-security-group";
    public static final String TARGET_GROUP = "target-group";
    public static final String LISTENER = "listener";
    public static final String CERTIFICATE = "acm-certificate";
    /** A Route 53 record set this profile created; id {@code ZONE-ID/name/TYPE}. */
    public static final String DNS_RECORD = "dns-record";

    // Cognito sign-in.
    public static final String USER_POOL = "cognito-user-pool";
    /** The hosted UI's domain; id = the domain prefix. */
    public static final String USER_POOL_DOMAIN = "cognito-domain";
    public static final String USER_POOL_CLIENT = "cognito-app-client";
    public static final String SECRET = "secret";

    // An HTTPS address without a domain: a CloudFront distribution, and what keeps it on the hub's task.
    /** id = the distribution's id ({@code E2ABC...}); attributes: its ARN and {@code dXXXX.cloudfront.net} name. */
    public static final String DISTRIBUTION = "cloudfront-distribution";
    /** The CloudFront function that lets in only the profile's address range; id = its name. */
    public static final String VIEWER_FUNCTION = "cloudfront-function";
    public static final String ORIGIN_UPDATER_ROLE = "origin-updater-role";
    public static final String LAMBDA_FUNCTION = "lambda-function";
    public static final String EVENT_RULE = "eventbridge-rule";

    // Users' files that survive redeploys.
    public static final String FILE_SYSTEM = "efs-file-system";
    public static final String FILE_SYSTEM_SECURITY_GROUP = "efs-security-group";
    public static final String MOUNT_TARGET = "efs-mount-target";
    public static final String ACCESS_POINT = "efs-access-point";

    // Users' servers, each in its own Fargate task.
    /** The users' tasks' security group: Jupyter's port from the hub's group only. */
    public static final String USERS_SECURITY_GROUP = "users-security-group";
    /** The Route 53 private zone of the hub's private name; id = the zone's id; attribute {@code vpc}. */
    public static final String PRIVATE_ZONE = "route53-private-zone";

    // Users changed while the hub runs.
    /** An SSM parameter; id = its name. */
    public static final String SSM_PARAMETER = "ssm-parameter";
    /** The role the hub's own code runs with (the task role), which may read its lists; id = its ARN. */
    public static final String TASK_ROLE = "iam-task-role";

    private ResourceKind() {
    }
}
