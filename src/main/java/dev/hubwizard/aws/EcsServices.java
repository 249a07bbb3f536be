package dev.hubwizard.aws;

import dev.hubwizard.engine.Cancellation;
import dev.hubwizard.engine.Intent;
import dev.hubwizard.engine.Journal;
import dev.hubwizard.engine.Problem;
import dev.hubwizard.engine.ProblemException;
import dev.hubwizard.engine.ResourceRecord;
import dev.hubwizard.engine.StepContext;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.ecs.model.AssignPublicIp;
import software.amazon.awssdk.services.ecs.model.AwsVpcConfiguration;
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.DeploymentConfiguration;
import software.amazon.awssdk.services.ecs.model.DeploymentRolloutState;
import software.amazon.awssdk.services.ecs.model.DescribeServicesRequest;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.LoadBalancer;
import software.amazon.awssdk.services.ecs.model.NetworkConfiguration;
import software.amazon.awssdk.services.ecs.model.PropagateTags;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceEvent;
import software.amazon.awssdk.services.ecs.model.ServiceField;
import software.amazon.awssdk.services.ecs.waiters.EcsWaiter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import static dev.hubwizard.aws.AwsCall.call;

/**
 * The hub's ECS service: created, or updated when the task definition, the network or the image behind
 * the tag changed; then waited on with the SDK's services-stable waiter while its events stream into
 * the log. A deployment that ECS rolled back (circuit breaker) fails the step with the stopped task's
 * reason. A deployment the circuit breaker failed with nothing to roll back to (a first deploy) stays FAILED
 * and ECS starts no more tasks for it: the next run forces a fresh one, even when nothing else changed.
 */
public final class EcsServices {

    static final String DIGEST = "imageDigest";
    static final String CLUSTER = "cluster";
    /**
     * How long the load balancer's failing health checks are ignored after a task starts: the hub answers in
     * seconds, but pulling the image and mounting the file system come first.
     */
    static final int HEALTH_CHECK_GRACE_SECONDS = 120;

    private final AwsClients aws;
    private final ProfileTags tags;
    private final StoppedTasks stoppedTasks;
    private final Duration stableTimeout;
    private final Duration stablePoll;
    private final Duration eventPollInterval;

    /**
     * @param stableTimeout     how long a deployment may take to settle (image pull, start, health)
     * @param stablePoll        how often the services-stable waiter asks ECS meanwhile
     * @param eventPollInterval how often the service's events are read while waiting
     */
    public EcsServices(AwsClients aws, ProfileTags tags, StoppedTasks stoppedTasks, Duration stableTimeout,
                       Duration stablePoll, Duration eventPollInterval) {
        this.aws = aws;
        this.tags = tags;
        this.stoppedTasks = stoppedTasks;
        this.stableTimeout = stableTimeout;
        this.stablePoll = stablePoll;
        this.eventPollInterval = eventPollInterval;
    }

    /** The service unless it is deleted (INACTIVE) or missing, as it is when its cluster is. */
    public Optional<Service> find(String cluster, String name) throws ProblemException {
        return call("ecs:DescribeServices", () -> {
            try {
                return aws.ecs().describeServices(r -> r.cluster(cluster).services(name).include(ServiceField.TAGS))
                        .services().stream().filter(s -> !"INACTIVE".equals(s.status())).findFirst();
            } catch (ClusterNotFoundException e) {
                return Optional.empty();
            }
        });
    }

    public EcsService ensure(StepContext ctx, ServiceSpec spec)
            throws ProblemException, Cancellation.CancelledException {
        Optional<Service> existing = find(spec.cluster(), spec.name());
        if (existing.isPresent() && "DRAINING".equals(existing.get().status())) {
            throw new ProblemException("The service " + spec.name() + " is being deleted",
                    "ECS is still draining it, and a new one of the same name cannot be created until it is gone",
                    "Wait a minute, then press Retry");
        }
        Journaled.Outcome<Service> outcome = Journaled.ensure(ctx, ResourceKind.ECS_SERVICE, "ECS service",
                spec.name(), () -> existing, Journaled.NAME_IS_IDENTITY, () -> create(spec),
                new Journaled.Identity<>() {
                    @Override
                    public String id(Service s) {
                        return s.serviceArn();
                    }

                    @Override
                    public Map<String, String> attributes(Service s) {
                        // A service adopted after a crash was created with this spec's image.
                        return Map.of(CLUSTER, spec.cluster(), DIGEST, spec.imageDigest());
                    }

                    @Override
                    public boolean owned(Service s) {
                        return tags.ownedBy(ProfileTags.fromEcs(s.tags()));
                    }
                });
        Service service = outcome.resource();
        Optional<String> deployment = outcome.created() ? primary(service).map(Deployment::id)
                : update(ctx, service, spec);
        waitUntilStable(ctx, spec, outcome.created() || deployment.isPresent(),
                deployment.or(() -> primary(service).map(Deployment::id)).orElse(""),
                outcome.created() ? List.of() : service.events());
        return new EcsService(spec.name(), service.serviceArn(), spec.cluster(), spec.taskDefinitionArn());
    }

    /**
     * Deletes the recorded service (see {@link Deletion}): scaled to 0 first, since ECS refuses to delete a
     * service that still wants a task; then deleted, and waited on with the SDK's services-inactive waiter.
     * ECS stops the service's task meanwhile; a DRAINING service (an earlier teardown stopped mid-way) is
     * only waited on.
     */
    public void delete(StepContext ctx, ResourceRecord record, DeletionWaits waits)
            throws ProblemException, Cancellation.CancelledException, InterruptedException {
        String cluster = clusterOf(record);
        Deletion.delete(ctx, tags, record, "ECS service", () -> find(cluster, record.id()),
                s -> ProfileTags.fromEcs(s.tags()),
                s -> {
                    if ("ACTIVE".equals(s.status())) {
                        if (s.desiredCount() != null && s.desiredCount() > 0) {
                            call("ecs:UpdateService", () -> aws.ecs().updateService(r -> r.cluster(cluster)
                                    .service(s.serviceArn()).desiredCount(0)));
                        }
                        call("ecs:DeleteService", () -> aws.ecs().deleteService(r -> r.cluster(cluster)
                                .service(s.serviceArn())));
                        ctx.log().info("Deleting service " + s.serviceName() + ": ECS stops its task and drains it");
                    }
                    waitUntilInactive(ctx, cluster, s.serviceArn(), waits);
                });
    }

    private void waitUntilInactive(StepContext ctx, String cluster, String serviceArn, DeletionWaits waits)
            throws ProblemException, Cancellation.CancelledException {
        WaiterOverrideConfiguration waiting = WaiterOverrideConfiguration.builder()
                .waitTimeout(waits.timeout())
                .maxAttempts(waits.attempts())
                .backoffStrategyV2(BackoffStrategy.fixedDelayWithoutJitter(waits.every()))
                .build();
        try (EcsWaiter waiter = aws.ecs().waiter()) {
            waiter.waitUntilServicesInactive(DescribeServicesRequest.builder().cluster(cluster).services(serviceArn)
                    .build(), waiting);
        } catch (AwsServiceException e) {
            throw AwsProblems.explain("ecs:DescribeServices", e);
        } catch (SdkClientException e) {
            ctx.throwIfCancelled();
            // The waiter counts a service ECS no longer lists at all (MISSING) as a failure: it is deleted too.
            if (find(cluster, serviceArn).isPresent()) {
                throw new ProblemException(new Problem("The service " + revisionOf(serviceArn) + " is still being "
                        + "deleted", "ECS did not report it INACTIVE within " + waits.timeout().toMinutes()
                        + " min (" + e.getMessage() + ")", "Wait a few minutes, then run the teardown again"), e);
            }
        }
    }

    /** The service's cluster, as recorded, or read off a long-format ARN ({@code service/CLUSTER/NAME}). */
    private static String clusterOf(ResourceRecord record) {
        if (!record.attribute(CLUSTER).isEmpty()) {
            return record.attribute(CLUSTER);
        }
        String[] path = record.id().substring(record.id().indexOf(":service/") + ":service/".length()).split("/");
        return path.length == 2 ? path[0] : "default";
    }

    /** @param spec what the service should run, or empty when the task definition is not known yet */
    public List<Intent> preview(Journal journal, String cluster, String name, Optional<ServiceSpec> spec)
            throws ProblemException {
        Optional<Service> service = find(cluster, name);
        if (service.isEmpty()) {
            return List.of(Intent.create("ECS service", name, "1 Fargate task with a public IP"
                    + (spec.map(ServiceSpec::behindLoadBalancer).orElse(false) ? " (to pull its image; users "
                    + "reach it through the load balancer)" : "")));
        }
        if (spec.isEmpty()) {
            return List.of(Intent.change("ECS service", name, "deploys the new task definition if there is one"));
        }
        List<String> changes = changes(service.get(), spec.get(),
                recordedDigest(journal.findById(ResourceKind.ECS_SERVICE, service.get().serviceArn())));
        failedDeployment(service.get()).ifPresent(failed -> changes.add("a fresh deployment: the last one failed and "
                + "ECS starts no more tasks for it"));
        return List.of(changes.isEmpty() ? Intent.reuse("ECS service", name, "already runs "
                + revisionOf(spec.get().taskDefinitionArn())) : Intent.change("ECS service", name,
                String.join("; ", changes)));
    }

    private Service create(ServiceSpec spec) throws ProblemException {
        return call("ecs:CreateService", () -> aws.ecs().createService(r -> {
            r.cluster(spec.cluster())
                    .serviceName(spec.name())
                    .taskDefinition(spec.taskDefinitionArn())
                    .desiredCount(1)
                    .launchType(LaunchType.FARGATE)
                    .networkConfiguration(network(spec.network()))
                    .deploymentConfiguration(deployment())
                    .tags(tags.ecs(spec.name()))
                    .propagateTags(PropagateTags.SERVICE)
                    .enableECSManagedTags(true);
            if (spec.behindLoadBalancer()) {
                r.loadBalancers(loadBalancer(spec)).healthCheckGracePeriodSeconds(HEALTH_CHECK_GRACE_SECONDS);
            }
        }).service());
    }

    /** ECS registers the task's IP, port 8000 of the hub's container, in the target group. */
    private static LoadBalancer loadBalancer(ServiceSpec spec) {
        return LoadBalancer.builder().targetGroupArn(spec.targetGroupArn())
                .containerName(TaskDefinitionSpec.CONTAINER).containerPort(SecurityGroups.HUB_PORT).build();
    }

    /**
     * Updates the service if it runs something else than wanted, or if its last deployment failed for good;
     * the deployment it started, if it did.
     */
    private Optional<String> update(StepContext ctx, Service service, ServiceSpec spec) throws ProblemException {
        Optional<ResourceRecord> record = ctx.journal().findById(ResourceKind.ECS_SERVICE, service.serviceArn());
        List<String> changes = changes(service, spec, recordedDigest(record));
        Optional<Deployment> failed = failedDeployment(service);
        if (changes.isEmpty() && failed.isEmpty()) {
            ctx.log().info("Service " + spec.name() + " already runs " + revisionOf(spec.taskDefinitionArn()));
            return Optional.empty();
        }
        failed.ifPresent(d -> ctx.log().info("The last deployment of service " + spec.name() + " ("
                + revisionOf(d.taskDefinition()) + ") failed" + (d.rolloutStateReason() == null ? ""
                : ": " + d.rolloutStateReason()) + ". ECS's circuit breaker had no earlier version to go back to, so "
                + "it starts no more tasks for that deployment: starting a fresh deployment of "
                + revisionOf(spec.taskDefinitionArn())));
        // Same revision, new image behind the same tag, or a failed deployment: only a forced one starts a task.
        boolean force = spec.taskDefinitionArn().equals(service.taskDefinition()) || failed.isPresent();
        boolean hadLoadBalancer = !service.loadBalancers().isEmpty();
        Service updated = call("ecs:UpdateService", () -> aws.ecs().updateService(r -> {
            r.cluster(spec.cluster())
                    .service(spec.name())
                    .taskDefinition(spec.taskDefinitionArn())
                    .desiredCount(1)
                    .networkConfiguration(network(spec.network()))
                    .deploymentConfiguration(deployment())
                    .forceNewDeployment(force);
            if (spec.behindLoadBalancer()) {
                r.loadBalancers(loadBalancer(spec)).healthCheckGracePeriodSeconds(HEALTH_CHECK_GRACE_SECONDS);
            } else if (hadLoadBalancer) {
                // The stable address was turned off: an empty list takes the service off the load balancer.
                r.loadBalancers(List.of());
            }
        }).service());
        if (!changes.isEmpty()) {
            ctx.log().info("Updated service " + spec.name() + ": " + String.join("; ", changes));
        }
        record.ifPresent(r -> {
            Map<String, String> attributes = new HashMap<>(r.attributes());
            attributes.put(DIGEST, spec.imageDigest());
            ctx.journal().record(new ResourceRecord(r.kind(), r.id(), r.name(), attributes, r.createdBy(),
                    r.createdAt()));
        });
        return Optional.of(primary(updated).map(Deployment::id).orElse(""));
    }

    /**
     * A deployment that failed for good: the service's primary deployment FAILED, or no task running after a
     * failed rollout. ECS starts no more tasks for it until a new deployment is forced.
     */
    static Optional<Deployment> failedDeployment(Service service) {
        Optional<Deployment> primary = primary(service).filter(d -> d.rolloutState() == DeploymentRolloutState.FAILED);
        if (primary.isPresent()) {
            return primary;
        }
        return service.runningCount() != null && service.runningCount() == 0
                ? service.deployments().stream().filter(d -> d.rolloutState() == DeploymentRolloutState.FAILED)
                .findFirst() : Optional.empty();
    }

    private static Optional<Deployment> primary(Service service) {
        return service.deployments().stream().filter(d -> "PRIMARY".equals(d.status())).findFirst();
    }

    /** What an update would change, in words; empty when the service already runs what is wanted. */
    private static List<String> changes(Service service, ServiceSpec spec, String recordedDigest) {
        List<String> changes = new ArrayList<>();
        if (!spec.taskDefinitionArn().equals(service.taskDefinition())) {
            changes.add("task definition " + revisionOf(service.taskDefinition()) + " -> "
                    + revisionOf(spec.taskDefinitionArn()));
        } else if (!spec.imageDigest().isEmpty() && !spec.imageDigest().equals(recordedDigest)) {
            changes.add("new image behind the same tag (" + spec.imageDigest() + ")");
        }
        if (service.desiredCount() != null && service.desiredCount() == 0) {
            changes.add("runs its task again (the hub was paused)");
        }
        AwsVpcConfiguration current = service.networkConfiguration() == null ? null
                : service.networkConfiguration().awsvpcConfiguration();
        if (current == null || !new HashSet<>(current.subnets()).equals(new HashSet<>(spec.network().subnetIds()))
                || !new HashSet<>(current.securityGroups()).equals(Set.of(spec.network().securityGroupId()))
                || current.assignPublicIp() != AssignPublicIp.ENABLED) {
            changes.add("network (subnets " + spec.network().subnetIds() + ", security group "
                    + spec.network().securityGroupId() + ", public IP)");
        }
        // The health check grace period goes with every create and update but is not compared: a changed grace
        // period alone is not worth replacing the hub's task.
        Set<String> targetGroups = new HashSet<>(service.loadBalancers().stream().map(LoadBalancer::targetGroupArn)
                .toList());
        if (!targetGroups.equals(spec.behindLoadBalancer() ? Set.of(spec.targetGroupArn()) : Set.of())) {
            changes.add(spec.behindLoadBalancer() ? "behind the load balancer" : "off the load balancer");
        }
        return changes;
    }

    /** The digest the service last deployed, as the journal remembers it; empty for a service not on record. */
    private static String recordedDigest(Optional<ResourceRecord> record) {
        return record.map(r -> r.attribute(DIGEST)).orElse("");
    }

    /**
     * @param deploying  whether a deployment just started (else this only checks that the service is settled)
     * @param deployment the deployment waited on: only its failure ends the wait early
     */
    private void waitUntilStable(StepContext ctx, ServiceSpec spec, boolean deploying, String deployment,
                                 List<ServiceEvent> earlierEvents)
            throws ProblemException, Cancellation.CancelledException {
        ctx.log().info(deploying ? "Waiting up to " + minutes(stableTimeout) + " for service " + spec.name()
                + " to run " + revisionOf(spec.taskDefinitionArn()) + " (pulling the image and starting take a "
                + "minute or two)" : "Checking that service " + spec.name() + " is settled (waiting up to "
                + minutes(stableTimeout) + ")");
        WaiterOverrideConfiguration waiting = WaiterOverrideConfiguration.builder()
                .waitTimeout(stableTimeout)
                // Without it the waiter gives up after its own 40 attempts, long before the timeout.
                .maxAttempts(attempts(stableTimeout, stablePoll))
                .backoffStrategyV2(BackoffStrategy.fixedDelayWithoutJitter(stablePoll))
                .build();
        // The circuit breaker may give up on this revision while the waiter waits. With an earlier
        // revision to roll back to the service settles on that one (caught below); on a first deployment
        // it never settles, so the event poller, which reads the service anyway, ends the wait early.
        Thread waitingThread = Thread.currentThread();
        AtomicBoolean rolloutFailed = new AtomicBoolean();
        Supplier<List<ServiceEvent>> events = () -> {
            Service now = describe(spec);
            if (failedRollout(now, deployment) && rolloutFailed.compareAndSet(false, true)) {
                waitingThread.interrupt();
            }
            return now.events();
        };
        try (ServiceEventLog eventLog = new ServiceEventLog(events,
                earlierEvents.stream().map(ServiceEvent::id).toList(), ctx.log()).start(eventPollInterval);
             EcsWaiter waiter = aws.ecs().waiter()) {
            waiter.waitUntilServicesStable(DescribeServicesRequest.builder().cluster(spec.cluster())
                    .services(spec.name()).build(), waiting);
        } catch (AwsServiceException e) {
            if (!rolloutFailed.get()) {
                throw AwsProblems.explain("ecs:DescribeServices", e);
            }
        } catch (SdkClientException e) {
            // The waiter gave up: a failure state (service deleted), its timeout, the run's cancel, or the
            // failed rollout above.
            ctx.throwIfCancelled();
            if (!rolloutFailed.get()) {
                throw notStable(ctx, spec, e);
            }
        }
        if (rolloutFailed.get()) {
            // Our own interrupt, not a cancel (a cancel sets the run's flag first): clear it so the
            // calls that explain the failure can run.
            Thread.interrupted();
            ctx.throwIfCancelled();
            throw failedDeployment(ctx, spec, "ECS's deployment circuit breaker stopped the deployment of "
                    + revisionOf(spec.taskDefinitionArn()) + " after its tasks kept failing");
        }
        Service settled = call("ecs:DescribeServices", () -> describe(spec));
        if (!spec.taskDefinitionArn().equals(settled.taskDefinition())) {
            // The circuit breaker gave up on the new revision and went back to the old one.
            throw failedDeployment(ctx, spec, "ECS could not start " + revisionOf(spec.taskDefinitionArn())
                    + " and went back to " + revisionOf(settled.taskDefinition()));
        }
        ctx.log().info("Service " + spec.name() + " is stable on " + revisionOf(spec.taskDefinitionArn()));
    }

    private Service describe(ServiceSpec spec) {
        return aws.ecs().describeServices(r -> r.cluster(spec.cluster()).services(spec.name())).services().get(0);
    }

    private ProblemException notStable(StepContext ctx, ServiceSpec spec, SdkClientException cause)
            throws ProblemException {
        Optional<StoppedTask> stopped = stoppedTasks.latest(spec.cluster(), spec.name(), ctx.log());
        if (stopped.isPresent()) {
            return new ProblemException(stopped.get().problem(), cause);
        }
        return new ProblemException(new Problem("The service " + spec.name() + " did not settle",
                "ECS did not report one running task of " + revisionOf(spec.taskDefinitionArn()) + " within "
                        + minutes(stableTimeout) + " (" + cause.getMessage() + ")",
                "Read the service's events in the log, then press Retry"), cause);
    }

    /** Whether the deployment waited on failed: a failed deployment of before (forced away) does not count. */
    private static boolean failedRollout(Service service, String deployment) {
        return service.deployments().stream().anyMatch(d -> deployment.equals(d.id())
                && d.rolloutState() == DeploymentRolloutState.FAILED);
    }

    /** The waiter's attempts that make its timeout, not its default count, the limit. */
    static int attempts(Duration timeout, Duration every) {
        return (int) Math.min(Integer.MAX_VALUE, timeout.toMillis() / Math.max(1, every.toMillis()) + 1);
    }

    private static String minutes(Duration duration) {
        if (duration.toMillis() % 1000 != 0) {
            return duration.toMillis() + " ms";
        }
        return duration.toSeconds() % 60 == 0 ? duration.toMinutes() + " min" : duration.toSeconds() + " s";
    }

    /** The deployment failed: why, in the words of the last task that stopped, if ECS still has it. */
    private ProblemException failedDeployment(StepContext ctx, ServiceSpec spec, String what)
            throws ProblemException {
        Optional<StoppedTask> stopped = stoppedTasks.latest(spec.cluster(), spec.name(), ctx.log());
        return new ProblemException(new Problem("The new version of the hub did not start",
                what + stopped.map(s -> ": " + s.problem().why()).orElse(""),
                stopped.map(s -> s.problem().next()).orElse("Read the service's events in the log, then "
                        + "press Retry")));
    }

    private static NetworkConfiguration network(HubNetwork network) {
        return NetworkConfiguration.builder().awsvpcConfiguration(a -> a.subnets(network.subnetIds())
                .securityGroups(network.securityGroupId()).assignPublicIp(AssignPublicIp.ENABLED)).build();
    }

    /**
     * One hub at a time (0 % healthy, 100 % max): two hubs would hand out two addresses and split the
     * users; the circuit breaker rolls back a revision whose tasks keep failing.
     */
    private static DeploymentConfiguration deployment() {
        return DeploymentConfiguration.builder().minimumHealthyPercent(0).maximumPercent(100)
                .deploymentCircuitBreaker(b -> b.enable(true).rollback(true)).build();
    }

    static String revisionOf(String taskDefinitionArn) {
        return taskDefinitionArn == null ? "(none)"
                : taskDefinitionArn.substring(taskDefinitionArn.lastIndexOf('/') + 1);
    }
}
