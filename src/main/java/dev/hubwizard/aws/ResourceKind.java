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

    private ResourceKind() {
    }
}
