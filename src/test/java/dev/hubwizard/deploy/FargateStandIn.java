package dev.hubwizard.deploy;

import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.model.AuthConfig;
import dev.hubwizard.aws.AwsClients;
import dev.hubwizard.aws.SecurityGroups;
import dev.hubwizard.docker.DockerClients;
import dev.hubwizard.docker.LiveContainers;
import dev.hubwizard.docker.LocalHub;
import dev.hubwizard.docker.LocalHubRunner;
import dev.hubwizard.docker.LocalRun;
import dev.hubwizard.engine.ProblemException;
import dev.hubwizard.engine.RunListener;
import dev.hubwizard.engine.StepEvent;
import dev.hubwizard.engine.StepState;
import dev.hubwizard.profile.Profile;
import dev.hubwizard.testbed.AwsCallRecorder;
import dev.hubwizard.testbed.LocalRegistry;
import dev.hubwizard.testbed.StepRecorder;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.ecs.model.Volume;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupNotFoundException;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Plays ECS's scheduler and Fargate through whole deploys and teardowns, where moto has neither; a
 * listener on the run, so the app's plan runs unchanged:
 * <ul>
 *   <li>when a deploy's service step is done and no task of the service's current revision runs, it
 *       stops the old task (ECS does so first with 0 % minimum healthy), starts one with
 *       {@link EcsScheduler} (RunTask in the service's group, with its tags) and gives it a loopback
 *       public IP;</li>
 *   <li>and runs that task the way Fargate would: the image its task definition names, pulled from
 *       the local registry that plays ECR's registry (so it is the pushed image, not merely the built
 *       one), with the task definition's environment, in a container on host networking that serves
 *       127.0.0.1:8000 — where the hub-url step looks. A real hub, rather than a stand-in health
 *       server, so the test also proves the pushed image starts and serves the profile's users;</li>
 *   <li>when a teardown's stop-tasks step is done — and, as Fargate does by itself, whenever ECS reports one of
 *       its tasks STOPPED, whoever stopped it (a teardown run from the app's window) — it stops the container and
 *       releases the public IP and network interface. Until then the interface holds the hub's subnet and
 *       security group, as on AWS (the strict layer refuses their deletion meanwhile).</li>
 *   <li>a task role's credentials and the emulator's address ({@link #taskRoleCredentials});</li>
 *   <li>ECS's task metadata endpoint ({@link TaskMetadataEndpoint}, {@code ECS_CONTAINER_METADATA_URI_V4}), where the
 *       hub reads its task's private IP: a loopback address of each task's own (127.0.3.N), at which the hub's API
 *       (listening on every address of host networking, at a port of each container's own) is reached, so that a
 *       new task has a new address, as on AWS;</li>
 *   <li>with users' servers in their own tasks ({@link #withUsers}), Fargate for the tasks the hub starts;</li>
 *   <li>the team options: it gives the container the task definition's {@code secrets}, read from Secrets
 *       Manager as ECS reads them when a task starts; it mounts the task definition's EFS volume, played by
 *       a Docker volume named after the file system ({@link TaskContainer}); and for a service behind a load
 *       balancer it registers the task's private IP in the target group, and deregisters it when the task
 *       goes, as ECS does (moto then reports a registered target healthy).</li>
 * </ul>
 * Its AWS calls are AWS's own doing, so they are made off the {@link AwsCallRecorder}'s record.
 */
public final class FargateStandIn implements RunListener, AutoCloseable {

    private static final String PUBLIC_IP = "127.0.0.1";
    /** What Fargate sets in every container of a task (platform 1.4.0 and later). */
    static final String TASK_METADATA = "ECS_CONTAINER_METADATA_URI_V4";

    private final AwsClients aws;
    private final EcsScheduler scheduler;
    private final DockerClients docker;
    private final LocalHubRunner runner;
    private final LocalRegistry registry;
    private final String cluster;
    private final String service;
    private final Map<String, Running> running = new ConcurrentHashMap<>();
    private final TaskMetadataEndpoint metadata = TaskMetadataEndpoint.start();
    /**
     * The API port of every hub task of the service. On AWS each task has its own network and the hub's API is on
     * 8081 in every one, which servers that outlive a task call the next one at; on this machine's one network
     * 8081 may be taken, so one free port stands in for it (one hub task runs at a time: 0 % healthy, 100 % max).
     */
    private final int hubApiPort = TaskContainer.freePort();
    private final java.util.Random privateAddresses = new java.util.Random();
    /** With servers in their own tasks: Fargate for the tasks the hub starts. */
    private volatile FargateUsersStandIn users;
    /** With {@link #behindSecurityGroups}: each task's public side, and what runs when a task runs. */
    private EventBridgeStandIn events;
    private final Map<String, SecurityGroupGateway> publicSides = new ConcurrentHashMap<>();
    private int nextAddress = 1 + new java.util.Random().nextInt(200);
    /** With {@link #cognitoAt}: the hub's {@code /etc/hosts} lines and the CAs it trusts besides its own. */
    private final List<String> hosts = new CopyOnWriteArrayList<>();
    private final List<java.nio.file.Path> authorities = new CopyOnWriteArrayList<>();
    private volatile boolean following;
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();
    /** The hubs' own logs; kept, not asserted. */
    private final StepRecorder hubLogs = new StepRecorder();
    /** Fargate's own look at its tasks: a stopped one's container and network interface go. */
    private final ScheduledExecutorService fargate = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "fargate-stand-in");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * @param hub      what serves it: the local test's {@link LocalHub}, or a {@link TaskContainer} with volumes
     * @param metadata its container's {@code ECS_CONTAINER_METADATA_URI_V4}
     */
    private record Running(Task task, String allocation, AutoCloseable hub, String containerId,
                           String targetGroupArn, java.net.URI metadata, String privateAddress) {
    }

    public FargateStandIn(AwsClients aws, DockerClients docker, LiveContainers containers, LocalRegistry registry,
                          Profile profile) {
        this.aws = aws;
        this.scheduler = new EcsScheduler(aws);
        this.docker = docker;
        this.runner = new LocalHubRunner(docker, containers);
        this.registry = registry;
        this.cluster = profile.names().cluster();
        this.service = profile.names().service();
        fargate.scheduleWithFixedDelay(this::releaseStoppedByAnyone, 250, 250, TimeUnit.MILLISECONDS);
    }

    private void releaseStoppedByAnyone() {
        if (following) {
            try {
                AwsCallRecorder.offTheRecord(this::playScheduler);
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        if (running.isEmpty()) {
            return;
        }
        try {
            AwsCallRecorder.offTheRecord(this::releaseStopped);
        } catch (RuntimeException e) {
            // The emulator was reset, or the cluster is gone with its tasks: close() settles what is left.
        }
    }

    /**
     * From now on each task gets a public address of its own (127.77.1.N, a new one each time, so that its public
     * DNS name changes as on AWS) where its security groups are played ({@link SecurityGroupGateway}), and ECS's
     * "task is running" event reaches EventBridge's rules ({@link EventBridgeStandIn}).
     */
    public FargateStandIn behindSecurityGroups(EventBridgeStandIn eventBridge) {
        this.events = eventBridge;
        return this;
    }

    /** The public side of the one task it runs: who its security groups let in and turned away. */
    SecurityGroupGateway publicSide() {
        return publicSides.values().stream().findFirst().orElseThrow();
    }

    /**
     * The hub's container died and ECS replaced its task, as it does by itself while nobody has Hub Wizard open:
     * the task stops, a new one starts with a new public address, and ECS says so on the event bus.
     */
    public void crashAndReplace() {
        AwsCallRecorder.offTheRecord(() -> {
            for (Running old : List.copyOf(running.values())) {
                scheduler.stop(cluster, old.task(), "Essential container in task exited");
                release(old);
            }
            start(aws.ecs().describeServices(r -> r.cluster(cluster).services(service)).services().get(0));
        });
    }

    /**
     * Plays the internet for the hub's process: the Cognito domain's name that the task definition names
     * ({@code COGNITO_DOMAIN}, {@code https://PREFIX.auth.REGION.amazoncognito.com}) leads to {@code address},
     * where the test's Cognito answers over HTTPS (an {@code /etc/hosts} line, as {@code docker run --add-host}
     * writes), and the container's system CA bundle, which the hub's HTTP client (libcurl, through pycurl) reads,
     * also holds {@code authority}, the test CA that signed the stand-in's certificate, as it holds Amazon's on
     * AWS. The task definition itself is left as the app wrote it.
     */
    public FargateStandIn cognitoAt(String domain, java.net.InetAddress address, java.nio.file.Path authority) {
        hosts.add(domain + ":" + address.getHostAddress());
        authorities.add(authority);
        return this;
    }

    /**
     * From now on also plays ECS's scheduler between runs, as it works with the app closed: a service whose
     * desired count went to 0 has its task stopped (a pause); one that wants a task and has none gets one (a
     * resume, or a task that stopped); a deleted service's task is stopped. Off again, ECS is "slow" to replace a stopped task, for as long as a
     * test wants to look at it.
     */
    public void followDesiredCount(boolean follow) {
        following = follow;
    }

    private synchronized void playScheduler() {
        List<Service> services;
        try {
            services = aws.ecs().describeServices(r -> r.cluster(cluster).services(service)).services();
        } catch (software.amazon.awssdk.services.ecs.model.ClusterNotFoundException gone) {
            return;
        }
        if (services.isEmpty() || !"ACTIVE".equals(services.get(0).status())) {
            // ECS stops a deleted service's tasks.
            for (Running task : List.copyOf(running.values())) {
                scheduler.stop(cluster, task.task(), "Service deleted");
                release(task);
            }
            return;
        }
        Service current = services.get(0);
        if (current.desiredCount() == 0) {
            for (Running task : List.copyOf(running.values())) {
                scheduler.stop(cluster, task.task(), "Scaling activity initiated by (deployment "
                        + current.deployments().get(0).id() + ")");
                release(task);
            }
        } else if (running.isEmpty()) {
            schedule();
        }
    }

    /** What went wrong while playing AWS: empty, or the test's own stand-in is to blame. */
    public List<Throwable> failures() {
        List<Throwable> all = new java.util.ArrayList<>(failures);
        if (users != null) {
            all.addAll(users.failures());
        }
        return List.copyOf(all);
    }

    /** From now on also plays Fargate for the tasks the hub starts for people's servers; closed with this. */
    FargateStandIn withUsers(FargateUsersStandIn usersFargate) {
        this.users = usersFargate;
        return this;
    }

    /** Fargate for people's servers ({@link #withUsers}). */
    FargateUsersStandIn users() {
        return java.util.Objects.requireNonNull(users, "no users' Fargate: the profile's servers run in the hub");
    }

    /**
     * A loopback address for a new hub task's network interface, other than 127.0.0.1 (where the hub's public side
     * is) and other than the running hubs': like a task's private IP on AWS, each task has its own.
     */
    private String privateAddress() {
        while (true) {
            String address = "127.0.3." + (2 + privateAddresses.nextInt(250));
            if (running.values().stream().noneMatch(r -> r.privateAddress().equals(address))) {
                return address;
            }
        }
    }

    /** The private address (a loopback one) of the one hub task it runs, as its task metadata tells it. */
    public String runningPrivateAddress() {
        return running.values().stream().findFirst().map(Running::privateAddress).orElseThrow();
    }

    /** The tasks it runs now. */
    public int runningTasks() {
        return running.size();
    }

    /** Runs on the step's thread before the next steps start, so the task is there when hub-url looks. */
    @Override
    public void stateChanged(StepEvent event) {
        if (event.state() != StepState.DONE) {
            return;
        }
        try {
            if (ServiceStep.ID.equals(event.stepId())) {
                AwsCallRecorder.offTheRecord(this::schedule);
            } else if (StopTasksStep.ID.equals(event.stepId())) {
                AwsCallRecorder.offTheRecord(this::releaseStopped);
            }
        } catch (RuntimeException e) {
            failures.add(e);
        }
    }

    private synchronized void schedule() {
        Service current = aws.ecs().describeServices(r -> r.cluster(cluster).services(service)).services().get(0);
        if (running.values().stream().anyMatch(r -> r.task().taskDefinitionArn().equals(current.taskDefinition()))) {
            return;
        }
        for (Running old : List.copyOf(running.values())) {
            scheduler.stop(cluster, old.task(), "Task replaced by a new deployment");
            release(old);
        }
        start(current);
    }

    private void start(Service current) {
        Task task = scheduler.startTask(cluster, service);
        String allocation = events == null ? scheduler.givePublicIp(task, PUBLIC_IP) : publicSide(task);
        String targetGroup = current.loadBalancers().stream().map(lb -> lb.targetGroupArn()).findFirst().orElse("");
        Running started = runHub(task, allocation, targetGroup);
        running.put(task.taskArn(), started);
        if (!targetGroup.isEmpty()) {
            aws.elbv2().registerTargets(r -> r.targetGroupArn(targetGroup).targets(t -> t.id(privateIp(task))
                    .port(SecurityGroups.HUB_PORT)));
        }
        if (events != null) {
            events.taskRunning(cluster, task);
        }
    }

    /** A public address of the task's own, with its security groups in front; returns the address's allocation. */
    private String publicSide(Task task) {
        String eni = EcsScheduler.networkInterface(task);
        while (true) {
            String address = "127.77.1." + (nextAddress++ % 250 + 2);
            try {
                SecurityGroupGateway gateway = SecurityGroupGateway.open(aws, address, eni);
                publicSides.put(task.taskArn(), gateway);
                return scheduler.givePublicIp(task, address);
            } catch (java.io.IOException taken) {
                // Someone else's address on this machine: the next one.
            }
        }
    }

    private Running runHub(Task task, String allocation, String targetGroup) {
        TaskDefinition definition = aws.ecs().describeTaskDefinition(r -> r.taskDefinition(task.taskDefinitionArn()))
                .taskDefinition();
        ContainerDefinition container = definition.containerDefinitions().get(0);
        String image = pulled(docker, registry, container.image());
        Map<String, String> environment = new HashMap<>(container.environment().stream()
                .collect(Collectors.toMap(KeyValuePair::name, KeyValuePair::value)));
        if (definition.taskRoleArn() != null) {
            environment.putAll(taskRoleCredentials());
        }
        // ECS reads each secret with the task execution role as the task starts.
        container.secrets().forEach(secret -> environment.put(secret.name(), aws.secretsManager()
                .getSecretValue(r -> r.secretId(secret.valueFrom())).secretString()));
        if (environment.containsKey("HUB_API_PORT")) {
            environment.put("HUB_API_PORT", String.valueOf(hubApiPort));
        }
        // Fargate tells every container where its task's metadata is; the hub reads its private IP there.
        String privateAddress = privateAddress();
        java.net.URI metadata = this.metadata.register(task.clusterArn(), task, definition, privateAddress);
        environment.put(TASK_METADATA, metadata.toString());
        String taskId = task.taskArn().substring(task.taskArn().lastIndexOf('/') + 1);
        String name = "hubwizard-fargate-" + taskId;
        if (!definition.volumes().isEmpty() || !hosts.isEmpty()) {
            Map<String, String> mounts = new HashMap<>();
            for (Volume volume : definition.volumes()) {
                container.mountPoints().stream().filter(m -> m.sourceVolume().equals(volume.name())).forEach(m ->
                        mounts.put(TaskContainer.volumeOf(volume.efsVolumeConfiguration().fileSystemId()),
                                m.containerPath()));
            }
            TaskContainer hub = TaskContainer.start(docker, image, name, environment, mounts, hosts, authorities);
            return new Running(task, allocation, hub, hub.id(), targetGroup, metadata, privateAddress);
        }
        try {
            LocalHub hub = runner.start(new LocalRun(image, name, SecurityGroups.HUB_PORT, true, environment),
                    hubLogs.context("fargate"));
            return new Running(task, allocation, hub, hub.containerId(), targetGroup, metadata, privateAddress);
        } catch (ProblemException e) {
            throw new IllegalStateException("The played Fargate task could not start: " + e.problem().text(), e);
        }
    }

    /**
     * What Fargate gives a task with a task role, played: the role's credentials (ECS's credentials endpoint; here
     * the emulator's dummy keys) and the region; and what the SDKs' standard {@code AWS_ENDPOINT_URL} says, here
     * the strict layer in front of moto, which a container on host networking reaches on loopback. The hub reads
     * its lists every 2 s instead of 30, to keep the test short.
     */
    private Map<String, String> taskRoleCredentials() {
        return Map.of("AWS_ENDPOINT_URL", System.getProperty("aws.endpointUrl"),
                "AWS_ACCESS_KEY_ID", "testing", "AWS_SECRET_ACCESS_KEY", "testing",
                "AWS_DEFAULT_REGION", aws.region().id(), "AWS_REGION", aws.region().id(),
                "HUB_USERS_INTERVAL", "2");
    }

    /** The ARN of the one task it runs. */
    public String runningTaskArn() {
        return running.keySet().stream().findFirst().orElseThrow();
    }

    /** The log of the one task it runs (one with {@link #cognitoAt} or a volume), for a failure message. */
    public String hubLog() throws InterruptedException {
        AutoCloseable hub = running.values().stream().findFirst().map(Running::hub).orElseThrow();
        return hub instanceof TaskContainer task ? task.log() : ((LocalHub) hub).lastLogLines();
    }

    /** The container of the one task it runs, for a look inside. */
    public String runningContainer() {
        return running.values().stream().findFirst().map(Running::containerId).orElseThrow();
    }

    private static String privateIp(Task task) {
        return task.attachments().get(0).details().stream().filter(d -> d.name().equals("privateIPv4Address"))
                .map(KeyValuePair::value).findFirst().orElseThrow();
    }

    /**
     * Fargate's pull of a task definition's image: ECR's host, as the task definition names it, is this machine's
     * registry here.
     *
     * @return the image as this machine's Docker Engine names it
     */
    static String pulled(DockerClients docker, LocalRegistry registry, String named) {
        String image = registry.address() + named.substring(named.indexOf('/'));
        int colon = image.lastIndexOf(':');
        AuthConfig auth = new AuthConfig().withUsername(LocalRegistry.USER).withPassword(registry.password())
                .withRegistryAddress(registry.address());
        try {
            docker.client().pullImageCmd(image.substring(0, colon)).withTag(image.substring(colon + 1))
                    .withAuthConfig(auth).exec(new PullImageResultCallback()).awaitCompletion(2, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while pulling " + image, e);
        }
        return image;
    }

    private void releaseStopped() {
        for (Running task : List.copyOf(running.values())) {
            String status = aws.ecs().describeTasks(r -> r.cluster(cluster).tasks(task.task().taskArn())).tasks()
                    .get(0).lastStatus();
            if ("STOPPED".equals(status)) {
                release(task);
            }
        }
    }

    private void release(Running task) {
        if (running.remove(task.task().taskArn()) == null) {
            return; // Released already, by the run's listener or Fargate's own look.
        }
        try {
            stop(task);
        } catch (RuntimeException e) {
            // Fargate lets go of a stopped task's network whatever became of its container: a container the
            // Docker Engine was slow to stop must not leave the interface holding the subnet for the rest of a
            // teardown. Reported all the same.
            failures.add(e);
        }
        metadata.forget(task.metadata());
        SecurityGroupGateway gateway = publicSides.remove(task.task().taskArn());
        if (gateway != null) {
            try {
                gateway.close();
            } catch (java.io.IOException e) {
                failures.add(e);
            }
        }
        // The interface first: a teardown may have deleted the target group meanwhile (stopping the container
        // can take seconds), and a failed deregistration must not leave the interface holding the subnet.
        scheduler.release(task.task(), task.allocation());
        if (!task.targetGroupArn().isEmpty()) {
            try {
                aws.elbv2().deregisterTargets(r -> r.targetGroupArn(task.targetGroupArn()).targets(t -> t
                        .id(privateIp(task.task())).port(SecurityGroups.HUB_PORT)));
            } catch (TargetGroupNotFoundException deleted) {
                // Gone with its targets.
            }
        }
    }

    private static void stop(Running task) {
        try {
            task.hub().close();
        } catch (Exception e) {
            throw new IllegalStateException("Could not stop the played task's container", e);
        }
    }

    /**
     * Stops every hub it runs, and the users' servers; what moto still holds of them (after a reset: nothing) is
     * released.
     */
    @Override
    public void close() {
        if (users != null) {
            users.close();
        }
        fargate.shutdownNow();
        try {
            fargate.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (SecurityGroupGateway gateway : publicSides.values()) {
            try {
                gateway.close();
            } catch (java.io.IOException ignored) {
                // Closing anyway.
            }
        }
        publicSides.clear();
        for (Running task : List.copyOf(running.values())) {
            if (running.remove(task.task().taskArn()) == null) {
                continue;
            }
            stop(task);
            try {
                AwsCallRecorder.offTheRecord(() -> scheduler.release(task.task(), task.allocation()));
            } catch (RuntimeException gone) {
                // The emulator was reset: nothing left to release.
            }
        }
        metadata.close();
    }
}
