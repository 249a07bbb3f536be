package dev.hubwizard.deploy;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.HostConfig;
import dev.hubwizard.aws.AwsClients;
import dev.hubwizard.docker.DockerClients;
import dev.hubwizard.testbed.AwsCallRecorder;
import dev.hubwizard.testbed.LocalRegistry;
import dev.hubwizard.testbed.strict.StrictAws;
import dev.hubwizard.testbed.strict.UsersTasks;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.ContainerOverride;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.EFSVolumeConfiguration;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.ecs.model.Volume;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Plays Fargate for people's notebook tasks: the tasks the hub's FargateSpawner starts with RunTask (from inside
 * the hub, through the strict layer) from the users' task definition family or a person's own
 * ({@code FAMILY-NAME}). Moto starts no container, so every 250 ms it looks at the cluster's tasks, as Fargate
 * would:
 * <ul>
 *   <li>a new task of those families gets a container of its task definition's image on host networking, with
 *       a loopback address of its own, 127.0.0.N, playing the task's network interface: the task definition's
 *       and the RunTask overrides' environment and command (JupyterHub's), where
 *       {@code JUPYTERHUB_SERVICE_URL}'s {@code 0.0.0.0} (every interface of the task's own network) becomes
 *       that address, so that servers side by side on this machine's one network do not share port 8888;</li>
 *   <li>the strict layer reports the task PENDING with no address until then, RUNNING with 127.0.0.N after
 *       ({@link UsersTasks});</li>
 *   <li>each EFS volume through an access point is a Docker volume of that access point's own
 *       ({@link #volumeOf}): what a person's server writes outlives the task, and nobody else's server sees it;
 *       a new one is owned and permitted as the access point's CreationInfo says, and a read-only mount point is
 *       mounted read-only;</li>
 *   <li>a task that ECS stopped (StopTask) has its container stopped; a container that exits by itself stops its
 *       task, with ECS's reason;</li>
 *   <li>the container resolves names as a task does in its VPC ({@link VpcResolver}): those of the Route 53 private
 *       hosted zones associated with the VPC of the task's subnet, live, while the VPC has DNS support and DNS
 *       hostnames on, and no other name.</li>
 * </ul>
 * Its AWS calls are AWS's own doing, so they are made off the {@link AwsCallRecorder}'s record.
 */
public final class FargateUsersStandIn implements AutoCloseable {

    /** Where FargateSpawner's servers listen. */
    public static final int PORT = 8888;

    private final AwsClients aws;
    private final DockerClients docker;
    private final UsersTasks played;
    private final String cluster;
    private final Map<String, Started> started = new ConcurrentHashMap<>();
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private final Random addresses = new Random();
    private final VpcResolver resolver;
    private final ScheduledExecutorService fargate = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "fargate-users-stand-in");
        thread.setDaemon(true);
        return thread;
    });

    /** ECR's registry, played by this machine's, where the users' push put the image; null: images are local. */
    private final LocalRegistry registry;
    /** The task definitions' images, as pulled. */
    private final Map<String, String> pulled = new ConcurrentHashMap<>();

    /** @param networkInterface the task's, which Fargate lets go once the task has stopped */
    private record Started(String containerId, String address, String networkInterface,
                           Map<String, String> environment) {
    }

    /**
     * @param family the users' task definition family (HUB_FARGATE_TASK_DEFINITION's): its tasks and those of
     *               people's own families are played; their images are on this machine
     */
    public FargateUsersStandIn(AwsClients aws, DockerClients docker, StrictAws strict, String cluster, String family) {
        this(aws, docker, strict, cluster, family, null);
    }

    /**
     * For tasks whose images are in ECR: pulled, as Fargate pulls them, from {@code registry}, which plays ECR's
     * registry (the task definition names ECR's host).
     */
    public FargateUsersStandIn(AwsClients aws, DockerClients docker, StrictAws strict, String cluster, String family,
                               LocalRegistry registry) {
        this.aws = aws;
        this.docker = docker;
        this.played = strict.usersTasks();
        this.cluster = cluster;
        this.registry = registry;
        this.resolver = new VpcResolver(aws, docker);
        played.play(family);
        fargate.scheduleWithFixedDelay(this::look, 0, 250, TimeUnit.MILLISECONDS);
    }

    /** The Docker volume that plays an EFS access point: the file system's volume, one per access point. */
    public static String volumeOf(String fileSystemId, String accessPointId) {
        return TaskContainer.volumeOf(fileSystemId) + (accessPointId == null ? "" : "-" + accessPointId);
    }

    /** What went wrong while playing Fargate: empty, or the stand-in is to blame. */
    public List<Throwable> failures() {
        List<Throwable> all = new ArrayList<>(failures);
        all.addAll(resolver.failures());
        return List.copyOf(all);
    }

    /** The container that runs {@code taskArn}, if it runs. */
    public java.util.Optional<String> container(String taskArn) {
        return java.util.Optional.ofNullable(started.get(taskArn)).map(Started::containerId);
    }

    /** The last lines the task's server wrote, for a failure message. */
    public String log(String taskArn) throws InterruptedException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        docker.client().logContainerCmd(container(taskArn).orElseThrow()).withStdOut(true).withStdErr(true)
                .withTail(100).exec(new com.github.dockerjava.api.async.ResultCallback.Adapter<
                        com.github.dockerjava.api.model.Frame>() {
                    @Override
                    public void onNext(com.github.dockerjava.api.model.Frame frame) {
                        out.writeBytes(frame.getPayload());
                    }
                }).awaitCompletion(10, TimeUnit.SECONDS);
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The environment the task's container was started with (the task definition's and RunTask's). */
    public Map<String, String> environment(String taskArn) {
        return java.util.Optional.ofNullable(started.get(taskArn)).map(Started::environment).orElseThrow();
    }

    private void look() {
        try {
            AwsCallRecorder.offTheRecord(this::startAndStop);
        } catch (RuntimeException e) {
            failures.add(e);
        }
    }

    private void startAndStop() {
        Set<String> wanted = new HashSet<>();
        try {
            aws.ecs().listTasksPaginator(r -> r.cluster(cluster).desiredStatus(DesiredStatus.RUNNING)).taskArns()
                    .forEach(wanted::add);
        } catch (software.amazon.awssdk.services.ecs.model.ClusterNotFoundException torndown) {
            // A teardown deleted the cluster: no task of it runs.
        }
        for (String arn : wanted) {
            if (played.played(arn) && !started.containsKey(arn)) {
                start(arn);
            }
        }
        for (Map.Entry<String, Started> task : List.copyOf(started.entrySet())) {
            if (!wanted.contains(task.getKey())) {
                stop(task.getKey());
            } else if (!isRunning(task.getValue().containerId())) {
                aws.ecs().stopTask(r -> r.cluster(cluster).task(task.getKey())
                        .reason("Essential container in task exited"));
                stop(task.getKey());
            } else {
                continue;
            }
            // Once the task has stopped, Fargate lets its network interface go (moto keeps it).
            if (task.getValue().networkInterface() != null) {
                release(task.getValue().networkInterface());
            }
        }
    }

    private void release(String networkInterface) {
        try {
            aws.ec2().deleteNetworkInterface(r -> r.networkInterfaceId(networkInterface));
        } catch (software.amazon.awssdk.services.ec2.model.Ec2Exception gone) {
            if (!"InvalidNetworkInterfaceID.NotFound".equals(gone.awsErrorDetails().errorCode())) {
                throw gone;
            }
        }
    }

    private void start(String taskArn) {
        Task task = aws.ecs().describeTasks(r -> r.cluster(cluster).tasks(taskArn)).tasks().get(0);
        TaskDefinition definition = aws.ecs().describeTaskDefinition(r -> r.taskDefinition(task.taskDefinitionArn()))
                .taskDefinition();
        ContainerDefinition container = definition.containerDefinitions().get(0);
        ContainerOverride override = task.overrides() == null ? null : task.overrides().containerOverrides().stream()
                .filter(o -> container.name().equals(o.name())).findFirst().orElse(null);
        String address = freeAddress();
        Map<String, String> environment = new LinkedHashMap<>();
        container.environment().forEach(e -> environment.put(e.name(), e.value()));
        if (override != null) {
            override.environment().forEach(e -> environment.put(e.name(), e.value()));
        }
        environment.computeIfPresent("JUPYTERHUB_SERVICE_URL",
                (k, url) -> url.replace("//0.0.0.0:", "//" + address + ":"));
        List<String> command = override != null && !override.command().isEmpty() ? override.command()
                : container.command();
        String image = image(container.image());
        List<Bind> binds = new ArrayList<>();
        container.mountPoints().forEach(mount -> definition.volumes().stream()
                .filter(v -> v.name().equals(mount.sourceVolume()) && v.efsVolumeConfiguration() != null)
                .map(Volume::efsVolumeConfiguration).findFirst().ifPresent(efs -> binds.add(new Bind(
                        created(image, efs), new com.github.dockerjava.api.model.Volume(
                        mount.containerPath()), Boolean.TRUE.equals(mount.readOnly()) ? AccessMode.ro
                        : AccessMode.rw))));
        String name = "hubwizard-fargate-user-" + taskArn.substring(taskArn.lastIndexOf('/') + 1);
        List<String> env = new ArrayList<>();
        environment.forEach((k, v) -> env.add(k + "=" + v));
        var create = docker.client().createContainerCmd(image).withName(name).withEnv(env)
                .withHostConfig(VpcResolver.withVpcDns(HostConfig.newHostConfig().withNetworkMode("host")
                        .withInit(true).withBinds(binds)));
        if (!command.isEmpty()) {
            create.withCmd(command);
        }
        String id = create.exec().getId();
        docker.client().startContainerCmd(id).exec();
        started.put(taskArn, new Started(id, address, detail(task, "networkInterfaceId"), Map.copyOf(environment)));
        // Its VPC's names are in place before ECS reports the task RUNNING, as on AWS.
        String subnet = detail(task, "subnetId");
        if (subnet != null) {
            resolver.serve(id, resolver.vpcOfSubnet(subnet));
        }
        played.running(taskArn, address);
    }

    /** A detail of the task's network interface attachment ({@code subnetId}, {@code networkInterfaceId}). */
    private static String detail(Task task, String name) {
        return task.attachments().stream().flatMap(a -> a.details().stream()).filter(d -> d.name().equals(name))
                .map(d -> d.value()).findFirst().orElse(null);
    }

    /** The task definition's image as this machine runs it: pulled from the played ECR registry once. */
    private String image(String named) {
        if (registry == null) {
            return named;
        }
        return pulled.computeIfAbsent(named, n -> FargateStandIn.pulled(docker, registry, n));
    }

    /**
     * The volume playing {@code efs}; a new one gets its access point's root directory as EFS makes it on first
     * use (owner and permissions from its CreationInfo), by a short root container of the task's image.
     */
    private String created(String image, EFSVolumeConfiguration efs) {
        String volume = volumeOf(efs.fileSystemId(), accessPoint(efs));
        if (accessPoint(efs) == null || volumeExists(volume)) {
            return volume;
        }
        var root = aws.efs().describeAccessPoints(r -> r.accessPointId(accessPoint(efs))).accessPoints().get(0)
                .rootDirectory();
        if (root == null || root.creationInfo() == null) {
            return volume;
        }
        docker.client().createVolumeCmd().withName(volume).exec();
        // A path that is not in the image, so Docker copies nothing of the image's into the new volume.
        String at = "/hubwizard-access-point-root";
        String id = docker.client().createContainerCmd(image).withUser("0").withEntrypoint("sh", "-c",
                        "chown " + root.creationInfo().ownerUid() + ":" + root.creationInfo().ownerGid() + " " + at
                                + " && chmod " + root.creationInfo().permissions() + " " + at)
                .withHostConfig(HostConfig.newHostConfig().withNetworkMode("none").withBinds(
                        new Bind(volume, new com.github.dockerjava.api.model.Volume(at)))).exec().getId();
        try {
            docker.client().startContainerCmd(id).exec();
            int status = docker.client().waitContainerCmd(id).start().awaitStatusCode(60, TimeUnit.SECONDS);
            if (status != 0) {
                throw new IllegalStateException("could not give " + volume + " its access point's owner: exit "
                        + status);
            }
        } finally {
            docker.client().removeContainerCmd(id).withForce(true).exec();
        }
        return volume;
    }

    private boolean volumeExists(String volume) {
        try {
            docker.client().inspectVolumeCmd(volume).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    private static String accessPoint(EFSVolumeConfiguration efs) {
        return efs.authorizationConfig() == null ? null : efs.authorizationConfig().accessPointId();
    }

    /** A loopback address no other task (nor anything else on this machine) serves port 8888 on. */
    private String freeAddress() {
        while (true) {
            String address = "127.0.0." + (2 + addresses.nextInt(250));
            if (started.values().stream().anyMatch(s -> s.address().equals(address))) {
                continue;
            }
            try (ServerSocket probe = new ServerSocket(PORT, 1, InetAddress.getByName(address))) {
                return address;
            } catch (IOException taken) {
                // Someone else's server: another address.
            }
        }
    }

    private boolean isRunning(String containerId) {
        try {
            InspectContainerResponse.ContainerState state = docker.client().inspectContainerCmd(containerId).exec()
                    .getState();
            return Boolean.TRUE.equals(state.getRunning());
        } catch (NotFoundException gone) {
            return false;
        }
    }

    /** Stops and removes the task's container; the task is known until its container is gone. */
    private void stop(String taskArn) {
        Started task = started.get(taskArn);
        if (task == null) {
            return;
        }
        resolver.forget(task.containerId());
        try {
            // Fargate's stop: SIGTERM, then SIGKILL after a grace period (30 s on AWS, 5 s here).
            docker.client().stopContainerCmd(task.containerId()).withTimeout(5).exec();
        } catch (RuntimeException stoppedOrGone) {
            // Removed below either way.
        }
        try {
            docker.client().removeContainerCmd(task.containerId()).withForce(true).exec();
        } catch (NotFoundException gone) {
            // Removed already.
        }
        started.remove(taskArn);
    }

    /** Stops looking, and every container it started. */
    @Override
    public void close() {
        // A look under way finishes (an interrupted one would leave a container half made).
        fargate.shutdown();
        try {
            fargate.awaitTermination(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        resolver.close();
        List.copyOf(started.keySet()).forEach(this::stop);
    }
}
