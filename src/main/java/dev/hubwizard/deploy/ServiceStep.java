package dev.hubwizard.deploy;

import dev.hubwizard.aws.AwsClients;
import dev.hubwizard.aws.EcsService;
import dev.hubwizard.aws.EcsServices;
import dev.hubwizard.aws.ExecutionRole;
import dev.hubwizard.aws.ExecutionRoles;
import dev.hubwizard.aws.HubLoadBalancer;
import dev.hubwizard.aws.LogGroups;
import dev.hubwizard.aws.ProfileTags;
import dev.hubwizard.aws.ServiceSpec;
import dev.hubwizard.aws.StoppedTasks;
import dev.hubwizard.engine.Intent;
import dev.hubwizard.engine.Key;
import dev.hubwizard.engine.Step;
import dev.hubwizard.engine.StepContext;
import dev.hubwizard.profile.Profile;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Creates or updates the ECS service (one Fargate task with a public IP, circuit breaker with
 * rollback) and waits until it is stable, streaming its events into the log. With a stable address the
 * task is registered behind the load balancer; it keeps its public IP all the same, since without a NAT
 * gateway that is how a task in a public subnet reaches ECR to pull its image.
 */
public final class ServiceStep implements Step {

    public static final String ID = "service";
    /** The local test's step id, from the docker package: nothing is deployed that failed locally. */
    public static final String TEST_LOCAL = "test-local";
    public static final Key<EcsService> SERVICE = Key.of("service", EcsService.class);
    /** Image pull, start and the circuit breaker's retries fit well within this. */
    public static final Duration STABLE_TIMEOUT = Duration.ofMinutes(20);
    /** How often the services-stable waiter asks ECS: a deployment takes minutes, its events stream meanwhile. */
    public static final Duration STABLE_POLL = Duration.ofSeconds(10);
    private static final Duration EVENTS_EVERY = Duration.ofSeconds(5);

    private final Profile profile;
    private final EcsServices services;
    private final ExecutionRoles roles;

    public ServiceStep(Profile profile, AwsClients aws, Duration stableTimeout) {
        this(profile, aws, stableTimeout, STABLE_POLL);
    }

    /** @param stablePoll how often ECS is asked whether the service is stable */
    public ServiceStep(Profile profile, AwsClients aws, Duration stableTimeout, Duration stablePoll) {
        this.profile = profile;
        ProfileTags tags = new ProfileTags(profile.name());
        this.services = new EcsServices(aws, tags, new StoppedTasks(aws, new LogGroups(aws, tags)), stableTimeout,
                stablePoll, EVENTS_EVERY.compareTo(stablePoll) < 0 ? EVENTS_EVERY : stablePoll);
        this.roles = new ExecutionRoles(aws, tags);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "ECS service";
    }

    @Override
    public Set<String> dependsOn() {
        Set<String> steps = new java.util.HashSet<>(Set.of(TaskDefinitionStep.ID, NetworkStep.ID, ClusterStep.ID,
                TEST_LOCAL));
        if (profile.options().stableAddress()) {
            steps.add(ListenersStep.ID);
        } else if (profile.options().awsAddress()) {
            // The rule that follows the hub's tasks is there before the first task starts.
            steps.add(OriginUpdaterStep.ID);
        }
        if (profile.servers().onFargate()) {
            // The hub starts users' servers from that family as soon as it runs.
            steps.add(UsersTaskDefinitionStep.ID);
        }
        return Set.copyOf(steps);
    }

    @Override
    public void run(StepContext context) throws Exception {
        ServiceSpec spec = new ServiceSpec(context.require(ClusterStep.CLUSTER).name(), profile.names().service(),
                context.require(TaskDefinitionStep.TASK_DEFINITION).arn(), context.require(NetworkStep.NETWORK),
                context.get(PushStep.PUSHED_IMAGE).map(PushedImage::digest).orElse(""),
                profile.options().stableAddress() ? context.require(LoadBalancerStep.LOAD_BALANCER).targetGroupArn()
                        : "");
        // A role made or changed moments ago is not usable by ECS yet: its first task would fail.
        Optional<ExecutionRole> role = context.get(ExecutionRoleStep.ROLE);
        if (role.isPresent()) {
            roles.awaitUsable(context, role.get());
        }
        context.put(SERVICE, services.ensure(context, spec));
    }

    @Override
    public List<Intent> preview(StepContext context) throws Exception {
        String cluster = profile.names().cluster();
        Optional<String> targetGroup = profile.options().stableAddress()
                ? context.get(LoadBalancerStep.LOAD_BALANCER).map(HubLoadBalancer::targetGroupArn) : Optional.of("");
        Optional<ServiceSpec> spec = targetGroup.flatMap(tg -> context.get(TaskDefinitionStep.TASK_DEFINITION)
                .flatMap(td -> context.get(NetworkStep.NETWORK).map(network -> new ServiceSpec(cluster,
                        profile.names().service(), td.arn(), network,
                        context.get(PushStep.PUSHED_IMAGE).map(PushedImage::digest).orElse(""), tg))));
        return services.preview(context.journal(), cluster, profile.names().service(), spec);
    }
}
