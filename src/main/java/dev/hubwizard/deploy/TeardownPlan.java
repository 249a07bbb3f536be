package dev.hubwizard.deploy;

import dev.hubwizard.aws.AwsClients;
import dev.hubwizard.aws.DeletionWaits;
import dev.hubwizard.aws.EcrRepositories;
import dev.hubwizard.aws.EcsClusters;
import dev.hubwizard.aws.EcsServices;
import dev.hubwizard.aws.EcsTasks;
import dev.hubwizard.aws.ExecutionRoles;
import dev.hubwizard.aws.InternetGateways;
import dev.hubwizard.aws.LogGroups;
import dev.hubwizard.aws.ProfileTags;
import dev.hubwizard.aws.ResourceKind;
import dev.hubwizard.aws.RouteTables;
import dev.hubwizard.aws.SecurityGroups;
import dev.hubwizard.aws.StoppedTasks;
import dev.hubwizard.aws.Subnets;
import dev.hubwizard.aws.TaskDefinitions;
import dev.hubwizard.aws.Vpcs;
import dev.hubwizard.engine.Cancellation;
import dev.hubwizard.engine.Intent;
import dev.hubwizard.engine.Plan;
import dev.hubwizard.engine.RunListener;
import dev.hubwizard.engine.Session;
import dev.hubwizard.engine.Step;
import dev.hubwizard.engine.StepContext;
import dev.hubwizard.profile.Profile;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The teardown as a dependency graph: deletes what the profile's journal says its deploys created,
 * in the order AWS allows, and nothing else. Its preview (each step's {@link Step#preview}, see
 * {@link #preview}) lists every recorded resource by kind and id before anything happens.
 *
 * <pre>
 *   service ─┬─► stop-tasks ─┬─► cluster, log group, repository (unless kept) ─────────────┐
 *            │               ├─► security group ───────────────────────┐                    │
 *            │               ├─► route table ──► subnets ──────────────┼─► VPC ─────────────┤
 *            │               └─► internet gateway ─────────────────────┘                    │
 *            └─► task definitions ──► execution role ───────────────────────────────────────┴─► check-leftovers
 * </pre>
 * The service goes first (ECS would otherwise start a new task), then its task, whose network
 * interface holds the security group and the subnets; the VPC goes once it is empty. Each resource is
 * forgotten the moment AWS confirms it is gone, so an interrupted teardown is finished by running it
 * again. What cannot be deleted is reported by the last step, which alone fails the run.
 */
public final class TeardownPlan {

    public static final String NAME = "teardown";

    static final String SERVICE = "delete-service";
    static final String TASK_DEFINITIONS = "deregister-task-definitions";
    static final String CLUSTER = "delete-cluster";
    static final String LOG_GROUP = "delete-log-group";
    static final String SECURITY_GROUP = "delete-security-group";
    static final String ROUTE_TABLE = "delete-route-table";
    static final String INTERNET_GATEWAY = "delete-internet-gateway";
    static final String SUBNETS = "delete-subnets";
    static final String VPC = "delete-vpc";
    static final String ROLE = "delete-execution-role";
    static final String REPOSITORY = "delete-repository";

    private TeardownPlan() {
    }

    public static Plan create(Profile profile, AwsClients aws, TeardownChoices choices, DeletionWaits waits) {
        ProfileTags tags = new ProfileTags(profile.name());
        LogGroups logGroups = new LogGroups(aws, tags);
        EcsServices services = new EcsServices(aws, tags, new StoppedTasks(aws, logGroups), waits.timeout(),
                waits.every());
        TaskDefinitions taskDefinitions = new TaskDefinitions(aws, tags);
        EcsClusters clusters = new EcsClusters(aws, tags);
        SecurityGroups securityGroups = new SecurityGroups(aws, tags);
        RouteTables routeTables = new RouteTables(aws, tags);
        InternetGateways gateways = new InternetGateways(aws, tags);
        Subnets subnets = new Subnets(aws, tags);
        Vpcs vpcs = new Vpcs(aws, tags);
        ExecutionRoles roles = new ExecutionRoles(aws, tags);
        EcrRepositories repositories = new EcrRepositories(aws, tags);
        Leftovers leftovers = new Leftovers();
        Set<String> afterTasks = Set.of(StopTasksStep.ID);

        List<DeleteResourcesStep> deletions = List.of(
                new DeleteResourcesStep(SERVICE, "Delete the ECS service", Set.of(),
                        target(ResourceKind.ECS_SERVICE, "ECS service", "scaled to 0, then deleted: the hub stops"),
                        choices, leftovers, (ctx, r) -> services.delete(ctx, r, waits)),
                new DeleteResourcesStep(TASK_DEFINITIONS, "Deregister the task definitions", Set.of(SERVICE),
                        target(ResourceKind.TASK_DEFINITION, "task definition", "deregistered"),
                        choices, leftovers, taskDefinitions::deregister),
                new DeleteResourcesStep(CLUSTER, "Delete the ECS cluster", afterTasks,
                        target(ResourceKind.ECS_CLUSTER, "ECS cluster", ""),
                        choices, leftovers, clusters::delete),
                new DeleteResourcesStep(LOG_GROUP, "Delete the log group", afterTasks,
                        target(ResourceKind.LOG_GROUP, "log group", "with the hub's logs"),
                        choices, leftovers, logGroups::delete),
                new DeleteResourcesStep(SECURITY_GROUP, "Delete the security group", afterTasks,
                        target(ResourceKind.SECURITY_GROUP, "security group", ""),
                        choices, leftovers, (ctx, r) -> securityGroups.delete(ctx, r, waits)),
                new DeleteResourcesStep(ROUTE_TABLE, "Delete the route table", afterTasks,
                        target(ResourceKind.ROUTE_TABLE, "route table", "its subnets disassociated first"),
                        choices, leftovers, routeTables::delete),
                new DeleteResourcesStep(INTERNET_GATEWAY, "Delete the internet gateway", afterTasks,
                        target(ResourceKind.INTERNET_GATEWAY, "internet gateway", "detached from its VPC first"),
                        choices, leftovers, (ctx, r) -> gateways.delete(ctx, r, waits)),
                new DeleteResourcesStep(SUBNETS, "Delete the subnets", Set.of(ROUTE_TABLE),
                        target(ResourceKind.SUBNET, "subnet", ""),
                        choices, leftovers, (ctx, r) -> subnets.delete(ctx, r, waits)),
                new DeleteResourcesStep(VPC, "Delete the VPC", Set.of(SUBNETS, SECURITY_GROUP, INTERNET_GATEWAY,
                        ROUTE_TABLE), target(ResourceKind.VPC, "VPC", "once it is empty"),
                        choices, leftovers, (ctx, r) -> vpcs.delete(ctx, r, waits)),
                new DeleteResourcesStep(ROLE, "Delete the task execution role", Set.of(TASK_DEFINITIONS),
                        target(ResourceKind.IAM_ROLE, "IAM role",
                                "only if no task definition outside this profile uses it"),
                        choices, leftovers, (ctx, r) -> roles.delete(ctx, r, taskDefinitions)),
                new DeleteResourcesStep(REPOSITORY, choices.keepImages() ? "Keep the ECR repository"
                        : "Delete the ECR repository", afterTasks,
                        target(ResourceKind.ECR_REPOSITORY, "ECR repository", "with every image in it"),
                        choices, leftovers, repositories::delete));

        List<Step> steps = new ArrayList<>();
        steps.add(deletions.get(0));
        steps.add(new StopTasksStep(new EcsTasks(aws, tags), waits, Set.of(SERVICE)));
        steps.addAll(deletions.subList(1, deletions.size()));
        Map<String, String> labels = new LinkedHashMap<>();
        deletions.forEach(d -> labels.put(d.target().kind(), d.target().label()));
        steps.add(new LeftoversStep(profile.name(), choices, leftovers, labels,
                steps.stream().map(Step::id).collect(Collectors.toSet())));
        return new Plan(NAME, steps);
    }

    /**
     * What the plan would do, read from the journal only (no AWS call): every recorded resource with
     * what becomes of it. The teardown confirmation and {@code hubwizard teardown} show this first.
     */
    public static List<Intent> preview(Plan plan, Session session) throws Exception {
        List<Intent> intents = new ArrayList<>();
        for (Step step : plan.steps()) {
            intents.addAll(step.preview(new StepContext(step.id(), session, new Cancellation(), new RunListener() {
            }, Clock.systemUTC())));
        }
        return intents;
    }

    private static DeleteResourcesStep.Target target(String kind, String label, String detail) {
        return new DeleteResourcesStep.Target(kind, label, detail);
    }
}
