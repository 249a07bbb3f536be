package dev.hubwizard.deploy;

import dev.hubwizard.aws.AwsClients;
import dev.hubwizard.aws.AwsTexts;
import dev.hubwizard.aws.EcsCluster;
import dev.hubwizard.aws.HubApiName;
import dev.hubwizard.aws.HubNetwork;
import dev.hubwizard.aws.CloudWatchLogGroup;
import dev.hubwizard.aws.ExecutionRole;
import dev.hubwizard.aws.ProfileTags;
import dev.hubwizard.aws.SecurityGroups;
import dev.hubwizard.aws.TaskDefinitionRevision;
import dev.hubwizard.aws.TaskDefinitionSpec;
import dev.hubwizard.aws.TaskDefinitions;
import dev.hubwizard.docker.HubEnvironment;
import dev.hubwizard.engine.Intent;
import dev.hubwizard.engine.Key;
import dev.hubwizard.engine.Step;
import dev.hubwizard.engine.StepContext;
import dev.hubwizard.profile.Profile;
import dev.hubwizard.profile.SignIn;

import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Registers a task definition revision for the pushed image, only when it differs from the latest. With
 * Cognito sign-in the task gets the client's settings and, through {@code secrets}, its secret; with kept
 * files the EFS volume as {@code /home}, the pinned user ids and the hub's state on it; always the task role and
 * the parameters of the live lists of users; with users' servers in their own Fargate tasks, where the hub starts
 * them ({@link HubEnvironment#fargate}).
 */
public final class TaskDefinitionStep implements Step {

    public static final String ID = "task-definition";
    public static final Key<TaskDefinitionRevision> TASK_DEFINITION =
            Key.of("task-definition", TaskDefinitionRevision.class);

    private final Profile profile;
    private final AwsClients aws;
    private final TaskDefinitions taskDefinitions;

    public TaskDefinitionStep(Profile profile, AwsClients aws) {
        this.profile = profile;
        this.aws = aws;
        this.taskDefinitions = new TaskDefinitions(aws, new ProfileTags(profile.name()));
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Task definition";
    }

    @Override
    public Set<String> dependsOn() {
        Set<String> steps = new HashSet<>(Set.of(PushStep.ID, ExecutionRoleStep.ID, LogGroupStep.ID,
                LiveUsersStep.ID));
        if (cognito()) {
            steps.add(CognitoStep.ID);
            if (profile.options().awsAddress()) {
                steps.add(DistributionStep.ID);
            }
        }
        if (profile.options().keepUserFiles()) {
            steps.add(FileSystemStep.ID);
        }
        if (profile.servers().onFargate()) {
            steps.addAll(Set.of(NetworkStep.ID, ClusterStep.ID, HubApiNameStep.ID));
        }
        return Set.copyOf(steps);
    }

    @Override
    public void run(StepContext context) throws Exception {
        Optional<HomesOnEfs> homes = profile.options().keepUserFiles() ? Optional.of(context.require(FileSystemStep.HOMES))
                : Optional.empty();
        TaskDefinitionSpec spec = spec(context.require(PushStep.PUSHED_IMAGE), context.require(ExecutionRoleStep.ROLE),
                context.require(LogGroupStep.LOG_GROUP), context.require(LiveUsersStep.LIVE_USERS),
                cognito() ? Optional.of(context.require(CognitoStep.CLIENT)) : Optional.empty(), homes,
                cognito() ? HubUrls.https(profile, context, aws) : Optional.empty(),
                usersServers(context.get(NetworkStep.NETWORK), context.get(ClusterStep.CLUSTER), homes,
                        context.get(HubApiNameStep.NAME)));
        context.put(TASK_DEFINITION, taskDefinitions.ensure(context, spec));
    }

    @Override
    public List<Intent> preview(StepContext context) throws Exception {
        Optional<PushedImage> image = context.get(PushStep.PUSHED_IMAGE);
        Optional<ExecutionRole> role = context.get(ExecutionRoleStep.ROLE);
        Optional<CloudWatchLogGroup> logGroup = context.get(LogGroupStep.LOG_GROUP);
        Optional<CognitoClient> client = context.get(CognitoStep.CLIENT);
        Optional<HomesOnEfs> homes = context.get(FileSystemStep.HOMES);
        Optional<LiveUsersStep.LiveUsers> live = context.get(LiveUsersStep.LIVE_USERS);
        boolean known = image.isPresent() && role.isPresent() && logGroup.isPresent() && live.isPresent()
                && (!cognito() || client.isPresent()) && (!profile.options().keepUserFiles() || homes.isPresent());
        Optional<URI> address = cognito() ? HubUrls.https(profile, context, aws) : Optional.empty();
        Optional<Map<String, String>> servers = usersServers(context.get(NetworkStep.NETWORK),
                context.get(ClusterStep.CLUSTER), homes, context.get(HubApiNameStep.NAME));
        Optional<TaskDefinitionSpec> spec = known && (!cognito() || address.isPresent()) && servers.isPresent()
                ? Optional.of(spec(image.get(), role.get(), logGroup.get(), live.get(), client, homes, address,
                servers))
                : Optional.empty();
        return taskDefinitions.preview(profile.names().taskFamily(), spec);
    }

    /**
     * Where the hub starts users' servers with servers in their own Fargate tasks: its cluster, subnets, the users'
     * group and family, and with kept files the file system of their home folders. An empty map with servers in
     * the hub; nothing when the network, the cluster or the hub's private name is not known yet.
     */
    private Optional<Map<String, String>> usersServers(Optional<HubNetwork> network, Optional<EcsCluster> cluster,
                                                      Optional<HomesOnEfs> homes, Optional<HubApiName> apiName) {
        if (!profile.servers().onFargate()) {
            return Optional.of(Map.of());
        }
        if (network.isEmpty() || cluster.isEmpty() || apiName.isEmpty()) {
            return Optional.empty();
        }
        // Public subnets without a NAT gateway: a user's task needs a public address to pull its image; its
        // security group still lets in only the hub.
        return Optional.of(HubEnvironment.fargate(profile, new HubEnvironment.FargateServers(cluster.get().arn(),
                new AwsTexts(profile.name()).userTaskFamily(), network.get().subnetIds(),
                List.of(network.get().usersSecurityGroupId()), true,
                homes.map(h -> h.fileSystem().fileSystemId()), apiName.get().zoneId(), apiName.get().name())));
    }

    /**
     * @param address the hub's HTTPS address, which Cognito calls back
     * @param servers {@link #usersServers}
     */
    private TaskDefinitionSpec spec(PushedImage image, ExecutionRole role, CloudWatchLogGroup logGroup,
                                    LiveUsersStep.LiveUsers live, Optional<CognitoClient> cognito,
                                    Optional<HomesOnEfs> homes, Optional<URI> address,
                                    Optional<Map<String, String>> servers) {
        Map<String, String> environment = new TreeMap<>(HubEnvironment.forTask(profile, live.usersParameter(),
                live.pickedUpParameter()));
        environment.putAll(servers.orElseThrow());
        Map<String, String> secrets = new TreeMap<>();
        cognito.ifPresent(c -> {
            environment.putAll(HubEnvironment.cognito(c.domainUrl(), c.clientId(),
                    HubUrls.callback(address.orElseThrow())));
            secrets.put(HubEnvironment.COGNITO_CLIENT_SECRET, c.secretArn());
        });
        homes.ifPresent(h -> environment.put(HubEnvironment.USER_UIDS, HubEnvironment.userIds(h.userIds())));
        return new TaskDefinitionSpec(profile.names().taskFamily(), profile.task().cpu(), profile.task().memory(),
                profile.task().architecture(), role.arn(), image.image(), SecurityGroups.HUB_PORT, logGroup.name(),
                aws.region().id(), environment, secrets, homes.map(HomesOnEfs::fileSystem), live.taskRoleArn());
    }

    private boolean cognito() {
        return profile.hub().signIn() == SignIn.COGNITO;
    }
}
