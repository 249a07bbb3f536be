package dev.hubwizard.deploy;

import dev.hubwizard.aws.AccessPoints;
import dev.hubwizard.aws.AwsClients;
import dev.hubwizard.aws.AwsTexts;
import dev.hubwizard.aws.Certificates;
import dev.hubwizard.aws.HubTaskRoles;
import dev.hubwizard.aws.SsmParameters;
import dev.hubwizard.aws.DeletionWaits;
import dev.hubwizard.aws.Distributions;
import dev.hubwizard.aws.DnsRecords;
import dev.hubwizard.aws.EcrRepositories;
import dev.hubwizard.aws.EcsClusters;
import dev.hubwizard.aws.EcsServices;
import dev.hubwizard.aws.EcsTasks;
import dev.hubwizard.aws.EventRules;
import dev.hubwizard.aws.ExecutionRoles;
import dev.hubwizard.aws.FileSystems;
import dev.hubwizard.aws.FunctionRoles;
import dev.hubwizard.aws.InternetGateways;
import dev.hubwizard.aws.LambdaFunctions;
import dev.hubwizard.aws.Listeners;
import dev.hubwizard.aws.LoadBalancers;
import dev.hubwizard.aws.LogGroups;
import dev.hubwizard.aws.MountTargets;
import dev.hubwizard.aws.PrivateZones;
import dev.hubwizard.aws.ProfileTags;
import dev.hubwizard.aws.ResourceKind;
import dev.hubwizard.aws.RouteTables;
import dev.hubwizard.aws.Secrets;
import dev.hubwizard.aws.SecurityGroups;
import dev.hubwizard.aws.StoppedTasks;
import dev.hubwizard.aws.Subnets;
import dev.hubwizard.aws.TargetGroups;
import dev.hubwizard.aws.TaskDefinitions;
import dev.hubwizard.aws.UserPoolClients;
import dev.hubwizard.aws.UserPoolDomains;
import dev.hubwizard.aws.UserPools;
import dev.hubwizard.aws.ViewerFunctions;
import dev.hubwizard.aws.Vpcs;
import dev.hubwizard.cost.CostEstimator;
import dev.hubwizard.cost.PriceList;
import dev.hubwizard.engine.Intent;
import dev.hubwizard.engine.Plan;
import dev.hubwizard.engine.Preview;
import dev.hubwizard.engine.ProblemException;
import dev.hubwizard.engine.RunListener;
import dev.hubwizard.engine.Session;
import dev.hubwizard.engine.Step;
import dev.hubwizard.profile.Profile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The teardown as a dependency graph: deletes what the profile's journal says its deploys created,
 * in the order AWS allows, and nothing else. Its preview (each step's {@link Step#preview}, see
 * {@link #preview}) lists every recorded resource by kind and id before anything happens.
 *
 * <pre>
 *   service ─┬─► stop-tasks ─┬─► cluster, log group, repository (unless kept), secrets ────────────────────┐
 *            │               ├─► mount targets ─┬─► file system's security group ─► security group ─┐    │
 *            │               │                  └─► file system (only when confirmed) ◄─ access points │    │
 *            │               ├─► route table ──► subnets (after mount targets, load balancer) ──────┼─► VPC
 *            │               └─► internet gateway (after the load balancer) ─────────────────────────┘    │
 *            ├─► listeners ─┬─► target groups, certificates                                               │
 *            │              └─► load balancer ──► its security group (after the hub's, which names it) ──┤
 *            ├─► app clients ──► sign-in domains ──► user pools                                          │
 *            └─► task definitions ──► execution role                                                     │
 *   stop-tasks (the hub's and users' servers') ─┬─► users' families (each person's too) ──► execution role       │
 *                                               ├─► home folders' access points ──► file system                  │
 *                                               ├─► users' security group (the rules naming it first) ─► security group
 *                                               └─► the hub's private name (Route 53 private zone) ──────────► VPC
 *   DNS records (any time) ───────────────────────────────────────────────────────────────────────────────┤
 *   EventBridge rule ─┬─► Lambda function ─┬─► its IAM role                                                 │
 *                     │                    └─► log groups (after the tasks too)                              │
 *                     └─► CloudFront distribution: disabled, waited for (minutes), deleted ─► its function ┴─► check-leftovers
 * </pre>
 * The EventBridge rule goes first, so that nothing repoints the distribution while it is disabled and deleted.
 * The service goes first (ECS would otherwise start a new task), then its task, whose network
 * interface holds the security group and the subnets; the VPC goes once it is empty. Security groups go
 * in the order their rules name each other: the file system's (it names the hub's), the hub's (it names the
 * load balancer's), the load balancer's. Each resource is forgotten the moment AWS confirms it is gone, so
 * an interrupted teardown is finished by running it again. What cannot be deleted is reported by the last
 * step, which alone fails the run.
 *
 * <p>The users' files stay unless their deletion was confirmed ({@link TeardownChoices#deletingFileSystem});
 * their mount targets go all the same (they live in the hub's subnets and cost nothing to make again).
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
    static final String LISTENERS = "delete-listeners";
    static final String TARGET_GROUPS = "delete-target-groups";
    static final String CERTIFICATES = "delete-certificates";
    static final String LOAD_BALANCERS = "delete-load-balancers";
    static final String LOAD_BALANCER_SECURITY_GROUP = "delete-load-balancer-security-group";
    static final String DNS_RECORDS = "delete-dns-records";
    static final String APP_CLIENTS = "delete-app-clients";
    static final String SIGN_IN_DOMAINS = "delete-sign-in-domains";
    static final String USER_POOLS = "delete-user-pools";
    static final String SECRETS = "delete-secrets";
    static final String MOUNT_TARGETS = "delete-mount-targets";
    static final String ACCESS_POINTS = "delete-access-points";
    static final String FILE_SYSTEMS = "delete-file-systems";
    static final String FILE_SYSTEM_SECURITY_GROUP = "delete-file-system-security-group";
    static final String PARAMETERS = "delete-users-parameters";
    static final String TASK_ROLE = "delete-task-role";
    static final String EVENT_RULES = "delete-event-rules";
    static final String LAMBDA_FUNCTIONS = "delete-lambda-functions";
    static final String ORIGIN_UPDATER_ROLES = "delete-origin-updater-role";
    static final String DISTRIBUTIONS = "delete-distributions";
    static final String VIEWER_FUNCTIONS = "delete-viewer-functions";
    static final String USERS_SECURITY_GROUP = "delete-users-security-group";
    static final String PRIVATE_ZONES = "delete-private-zones";

    private TeardownPlan() {
    }

    public static Plan create(Profile profile, AwsClients aws, TeardownChoices choices, DeletionWaits waits) {
        return create(profile, aws, choices, waits, new CostEstimator(PriceList.bundled()));
    }

    /**
     * @param costs for what keeping the users' files costs a month
     * @throws IllegalArgumentException when the users' files are to be deleted on a confirmation typed for
     *                                  another profile
     */
    public static Plan create(Profile profile, AwsClients aws, TeardownChoices choices, DeletionWaits waits,
                              CostEstimator costs) {
        if (!choices.keepFileSystem() && !choices.fileSystemDeletionConfirmedFor(profile.name())) {
            throw new IllegalArgumentException("The deletion of the users' files was confirmed for another hub, not "
                    + profile.name());
        }
        ProfileTags tags = new ProfileTags(profile.name());
        LogGroups logGroups = new LogGroups(aws, tags);
        EcsServices services = new EcsServices(aws, tags, new StoppedTasks(aws, logGroups), waits.timeout(),
                waits.every(), waits.every());
        TaskDefinitions taskDefinitions = new TaskDefinitions(aws, tags);
        EcsClusters clusters = new EcsClusters(aws, tags);
        SecurityGroups securityGroups = new SecurityGroups(aws, tags);
        RouteTables routeTables = new RouteTables(aws, tags);
        InternetGateways gateways = new InternetGateways(aws, tags);
        Subnets subnets = new Subnets(aws, tags);
        Vpcs vpcs = new Vpcs(aws, tags);
        ExecutionRoles roles = new ExecutionRoles(aws, tags);
        EcrRepositories repositories = new EcrRepositories(aws, tags);
        Listeners listeners = new Listeners(aws, tags);
        TargetGroups targetGroups = new TargetGroups(aws, tags);
        Certificates certificates = new Certificates(aws, tags);
        LoadBalancers loadBalancers = new LoadBalancers(aws, tags);
        DnsRecords dnsRecords = new DnsRecords(aws);
        UserPoolClients appClients = new UserPoolClients(aws);
        UserPoolDomains signInDomains = new UserPoolDomains(aws);
        UserPools userPools = new UserPools(aws, tags);
        Secrets secrets = new Secrets(aws, tags);
        MountTargets mountTargets = new MountTargets(aws, tags);
        AccessPoints accessPoints = new AccessPoints(aws, tags);
        FileSystems fileSystems = new FileSystems(aws, tags);
        SsmParameters parameters = new SsmParameters(aws, tags);
        HubTaskRoles taskRoles = new HubTaskRoles(aws, tags);
        EventRules eventRules = new EventRules(aws, tags);
        LambdaFunctions functions = new LambdaFunctions(aws, tags);
        FunctionRoles functionRoles = new FunctionRoles(aws, tags);
        Distributions distributions = new Distributions(aws, tags);
        ViewerFunctions viewerFunctions = new ViewerFunctions(aws, tags);
        PrivateZones privateZones = new PrivateZones(aws, tags);
        String viewerFunctionComment = new AwsTexts(profile.name()).viewerFunctionComment();
        Leftovers leftovers = new Leftovers();
        Set<String> afterTasks = Set.of(StopTasksStep.ID);
        String keptFiles = keptFilesNote(profile, costs);

        List<DeleteResourcesStep> deletions = List.of(
                new DeleteResourcesStep(SERVICE, "Delete the ECS service", Set.of(),
                        target(ResourceKind.ECS_SERVICE, "ECS service", "scaled to 0, then deleted: the hub stops"),
                        choices, leftovers, (ctx, r) -> services.delete(ctx, r, waits)),
                new DeleteResourcesStep(TASK_DEFINITIONS, "Deregister the task definitions", Set.of(SERVICE),
                        target(ResourceKind.TASK_DEFINITION, "task definition", "deregistered"),
                        choices, leftovers, taskDefinitions::deregister),
                new DeleteResourcesStep(LISTENERS, "Delete the load balancer's listeners", Set.of(SERVICE),
                        target(ResourceKind.LISTENER, "listener", ""),
                        choices, leftovers, listeners::delete),
                new DeleteResourcesStep(TARGET_GROUPS, "Delete the target group", Set.of(LISTENERS),
                        target(ResourceKind.TARGET_GROUP, "target group", ""),
                        choices, leftovers, (ctx, r) -> targetGroups.delete(ctx, r, waits)),
                new DeleteResourcesStep(CERTIFICATES, "Delete the certificate", Set.of(LISTENERS),
                        target(ResourceKind.CERTIFICATE, "certificate", "once no listener uses it"),
                        choices, leftovers, (ctx, r) -> certificates.delete(ctx, r, waits)),
                new DeleteResourcesStep(LOAD_BALANCERS, "Delete the load balancer", Set.of(LISTENERS),
                        target(ResourceKind.LOAD_BALANCER, "load balancer", "the hub's stable address goes with it"),
                        choices, leftovers, loadBalancers::delete),
                new DeleteResourcesStep(DNS_RECORDS, "Delete the DNS records", Set.of(),
                        target(ResourceKind.DNS_RECORD, "DNS record", "only while it still says what Hub Wizard "
                                + "wrote"),
                        choices, leftovers, dnsRecords::delete),
                new DeleteResourcesStep(APP_CLIENTS, "Delete the Cognito app client", Set.of(SERVICE),
                        target(ResourceKind.USER_POOL_CLIENT, "app client", ""),
                        choices, leftovers, appClients::delete),
                new DeleteResourcesStep(SIGN_IN_DOMAINS, "Delete the sign-in domain", Set.of(APP_CLIENTS),
                        target(ResourceKind.USER_POOL_DOMAIN, "sign-in domain", ""),
                        choices, leftovers, signInDomains::delete),
                new DeleteResourcesStep(USER_POOLS, "Delete the user pool", Set.of(SIGN_IN_DOMAINS),
                        target(ResourceKind.USER_POOL, "user pool", "with its users; only the pool this profile "
                                + "made"),
                        choices, leftovers, userPools::delete),
                new DeleteResourcesStep(SECRETS, "Delete the secret", afterTasks,
                        target(ResourceKind.SECRET, "secret", "scheduled for deletion in " + Secrets.RECOVERY_DAYS
                                + " days (restorable until then, at no cost)"),
                        choices, leftovers, secrets::delete),
                new DeleteResourcesStep(MOUNT_TARGETS, "Delete the file system's mount targets", afterTasks,
                        target(ResourceKind.MOUNT_TARGET, "mount target", "the files stay on the file system"),
                        choices, leftovers, mountTargets::delete),
                new DeleteResourcesStep(ACCESS_POINTS, choices.keepFileSystem() ? "Keep the access point"
                        : "Delete the access point", afterTasks,
                        new DeleteResourcesStep.Target(ResourceKind.ACCESS_POINT, "access point", "",
                                "kept with the users' files"),
                        choices, leftovers, accessPoints::delete),
                new DeleteResourcesStep(FILE_SYSTEMS, choices.keepFileSystem() ? "Keep the users' files"
                        : "Delete the users' files", Set.of(MOUNT_TARGETS, ACCESS_POINTS, DeleteHomeAccessPointsStep.ID),
                        new DeleteResourcesStep.Target(ResourceKind.FILE_SYSTEM, "file system",
                                "EVERY FILE IN THE USERS' HOMES IS DELETED", keptFiles),
                        choices, leftovers, (ctx, r) -> fileSystems.delete(ctx, r, waits)),
                new DeleteResourcesStep(FILE_SYSTEM_SECURITY_GROUP, "Delete the file system's security group",
                        Set.of(MOUNT_TARGETS), target(ResourceKind.FILE_SYSTEM_SECURITY_GROUP, "security group", ""),
                        choices, leftovers, (ctx, r) -> securityGroups.delete(ctx, r, waits)),
                new DeleteResourcesStep(CLUSTER, "Delete the ECS cluster", afterTasks,
                        target(ResourceKind.ECS_CLUSTER, "ECS cluster", ""),
                        choices, leftovers, clusters::delete),
                new DeleteResourcesStep(LOG_GROUP, "Delete the log group", Set.of(StopTasksStep.ID, LAMBDA_FUNCTIONS),
                        target(ResourceKind.LOG_GROUP, "log group", "with the logs in it"),
                        choices, leftovers, logGroups::delete),
                // After the file system's group, which names it too (the hub's group waits for that one anyway).
                new DeleteResourcesStep(USERS_SECURITY_GROUP, "Delete the users' servers' security group",
                        Set.of(StopTasksStep.ID, FILE_SYSTEM_SECURITY_GROUP),
                        target(ResourceKind.USERS_SECURITY_GROUP, "security group", "the rules naming it go first"),
                        choices, leftovers, (ctx, r) -> securityGroups.deleteNamed(ctx, r,
                                Map.of(ResourceKind.SECURITY_GROUP, AwsTexts.Purpose.HUB,
                                        ResourceKind.FILE_SYSTEM_SECURITY_GROUP, AwsTexts.Purpose.FILE_SYSTEM), waits)),
                new DeleteResourcesStep(SECURITY_GROUP, "Delete the security group",
                        Set.of(StopTasksStep.ID, FILE_SYSTEM_SECURITY_GROUP, USERS_SECURITY_GROUP),
                        target(ResourceKind.SECURITY_GROUP, "security group", ""),
                        choices, leftovers, (ctx, r) -> securityGroups.delete(ctx, r, waits)),
                new DeleteResourcesStep(LOAD_BALANCER_SECURITY_GROUP, "Delete the load balancer's security group",
                        Set.of(LOAD_BALANCERS, SECURITY_GROUP),
                        target(ResourceKind.LOAD_BALANCER_SECURITY_GROUP, "security group", ""),
                        choices, leftovers, (ctx, r) -> securityGroups.delete(ctx, r, waits)),
                new DeleteResourcesStep(ROUTE_TABLE, "Delete the route table", afterTasks,
                        target(ResourceKind.ROUTE_TABLE, "route table", "its subnets disassociated first"),
                        choices, leftovers, routeTables::delete),
                new DeleteResourcesStep(INTERNET_GATEWAY, "Delete the internet gateway",
                        Set.of(StopTasksStep.ID, LOAD_BALANCERS),
                        target(ResourceKind.INTERNET_GATEWAY, "internet gateway", "detached from its VPC first"),
                        choices, leftovers, (ctx, r) -> gateways.delete(ctx, r, waits)),
                new DeleteResourcesStep(SUBNETS, "Delete the subnets", Set.of(ROUTE_TABLE, MOUNT_TARGETS,
                        LOAD_BALANCERS), target(ResourceKind.SUBNET, "subnet", ""),
                        choices, leftovers, (ctx, r) -> subnets.delete(ctx, r, waits)),
                // After the hub's task, which would point its name at itself again when it started.
                new DeleteResourcesStep(PRIVATE_ZONES, "Delete the hub's private name", afterTasks,
                        target(ResourceKind.PRIVATE_ZONE, "Route 53 private zone", "with the hub's name in it"),
                        choices, leftovers, privateZones::delete),
                new DeleteResourcesStep(VPC, "Delete the VPC", Set.of(SUBNETS, SECURITY_GROUP,
                        LOAD_BALANCER_SECURITY_GROUP, FILE_SYSTEM_SECURITY_GROUP, USERS_SECURITY_GROUP, INTERNET_GATEWAY,
                        ROUTE_TABLE, PRIVATE_ZONES),
                        target(ResourceKind.VPC, "VPC", "once it is empty"),
                        choices, leftovers, (ctx, r) -> vpcs.delete(ctx, r, waits)),
                new DeleteResourcesStep(ROLE, "Delete the task execution role", Set.of(TASK_DEFINITIONS,
                        DeregisterUsersFamiliesStep.ID),
                        target(ResourceKind.IAM_ROLE, "IAM role",
                                "only if no task definition outside this profile uses it"),
                        choices, leftovers, (ctx, r) -> roles.delete(ctx, r, taskDefinitions)),
                new DeleteResourcesStep(TASK_ROLE, "Delete the hub's task role", Set.of(TASK_DEFINITIONS),
                        target(ResourceKind.TASK_ROLE, "IAM role", "the hub's own: it read the lists of users"),
                        choices, leftovers, taskRoles::delete),
                new DeleteResourcesStep(PARAMETERS, "Delete the lists of users", afterTasks,
                        target(ResourceKind.SSM_PARAMETER, "SSM parameter", "the profile keeps the lists"),
                        choices, leftovers, parameters::delete),
                new DeleteResourcesStep(EVENT_RULES, "Delete the EventBridge rule", Set.of(),
                        target(ResourceKind.EVENT_RULE, "EventBridge rule", "nothing follows the hub's tasks any more"),
                        choices, leftovers, eventRules::delete),
                new DeleteResourcesStep(LAMBDA_FUNCTIONS, "Delete the Lambda function", Set.of(EVENT_RULES),
                        target(ResourceKind.LAMBDA_FUNCTION, "Lambda function", ""),
                        choices, leftovers, functions::delete),
                new DeleteResourcesStep(ORIGIN_UPDATER_ROLES, "Delete the function's IAM role", Set.of(LAMBDA_FUNCTIONS),
                        target(ResourceKind.ORIGIN_UPDATER_ROLE, "IAM role", "with its one inline policy"),
                        choices, leftovers, functionRoles::delete),
                new DeleteResourcesStep(DISTRIBUTIONS, "Delete the HTTPS address (CloudFront)", Set.of(EVENT_RULES),
                        target(ResourceKind.DISTRIBUTION, "CloudFront distribution", "disabled, then deleted once "
                                + "CloudFront has disabled it everywhere (minutes): the HTTPS address goes with it"),
                        choices, leftovers, (ctx, r) -> distributions.delete(ctx, r, Distributions.DEPLOY_TIMEOUT)),
                new DeleteResourcesStep(VIEWER_FUNCTIONS, "Delete the CloudFront function", Set.of(DISTRIBUTIONS),
                        target(ResourceKind.VIEWER_FUNCTION, "CloudFront function", "once no distribution uses it"),
                        choices, leftovers, (ctx, r) -> viewerFunctions.delete(ctx, r, viewerFunctionComment)),
                new DeleteResourcesStep(REPOSITORY, choices.keepImages() ? "Keep the ECR repository"
                        : "Delete the ECR repository", afterTasks,
                        target(ResourceKind.ECR_REPOSITORY, "ECR repository", "with every image in it"),
                        choices, leftovers, repositories::delete));

        List<Step> steps = new ArrayList<>();
        steps.add(deletions.get(0));
        steps.add(new StopTasksStep(new EcsTasks(aws, tags), waits, Set.of(SERVICE)));
        steps.add(new DeregisterUsersFamiliesStep(profile, taskDefinitions));
        steps.add(new DeleteHomeAccessPointsStep(profile, accessPoints));
        steps.addAll(deletions.subList(1, deletions.size()));
        Map<String, String> labels = new LinkedHashMap<>();
        deletions.forEach(d -> labels.put(d.target().kind(), d.target().label()));
        steps.add(new LeftoversStep(profile.name(), choices, leftovers, labels,
                steps.stream().map(Step::id).collect(Collectors.toSet())));
        return new Plan(NAME, steps);
    }

    /** What keeping the users' files means: they stay, at a price, until deleted with the typed confirmation. */
    static String keptFilesNote(Profile profile, CostEstimator costs) {
        double gigabytes = costs.assumedHomesGb();
        double monthly = costs.keptFileSystemMonthly(profile.aws().region(), gigabytes);
        return "kept with the users' files, about " + String.format(Locale.ROOT, "$%.2f", monthly) + " a month at "
                + String.format(Locale.ROOT, "%.0f", gigabytes) + " GB (EFS bills what is stored); to delete "
                + "them, tear down again and type the hub's name, " + profile.name();
    }

    /**
     * What the plan would do, read from the journal only (no AWS call): every recorded resource with
     * what becomes of it. The teardown confirmation and {@code hubwizard teardown} show this first.
     */
    public static List<Intent> preview(Plan plan, Session session) throws ProblemException {
        return previewSteps(plan, session).stream().flatMap(step -> step.intents().stream()).toList();
    }

    /**
     * The same, step by step (the teardown's window shows a page per step with something to do). A
     * teardown that cannot say what one step would delete is not offered: that step's problem is thrown.
     */
    public static List<Preview.StepPreview> previewSteps(Plan plan, Session session) throws ProblemException {
        List<Preview.StepPreview> previews = Preview.of(plan, session, new RunListener() {
        });
        for (Preview.StepPreview step : previews) {
            if (step.problem() != null) {
                throw new ProblemException(step.problem());
            }
        }
        return previews;
    }

    private static DeleteResourcesStep.Target target(String kind, String label, String detail) {
        return new DeleteResourcesStep.Target(kind, label, detail);
    }
}
