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

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
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
 *   <li>when a teardown's stop-tasks step is done, for each of its tasks ECS reports STOPPED it stops
 *       the container and releases the public IP and network interface, as Fargate does.</li>
 * </ul>
 * Its AWS calls are AWS's own doing, so they are made off the {@link AwsCallRecorder}'s record.
 */
public final class FargateStandIn implements RunListener, AutoCloseable {

    private static final String PUBLIC_IP = "127.0.0.1";

    private final AwsClients aws;
    private final EcsScheduler scheduler;
    private final DockerClients docker;
    private final LocalHubRunner runner;
    private final LocalRegistry registry;
    private final String cluster;
    private final String service;
    private final Map<String, Running> running = new ConcurrentHashMap<>();
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();
    /** The hubs' own logs; kept, not asserted. */
    private final StepRecorder hubLogs = new StepRecorder();

    private record Running(Task task, String allocation, LocalHub hub) {
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
    }

    /** What went wrong while playing AWS: empty, or the test's own stand-in is to blame. */
    public List<Throwable> failures() {
        return List.copyOf(failures);
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

    private void schedule() {
        Service current = aws.ecs().describeServices(r -> r.cluster(cluster).services(service)).services().get(0);
        if (running.values().stream().anyMatch(r -> r.task().taskDefinitionArn().equals(current.taskDefinition()))) {
            return;
        }
        for (Running old : List.copyOf(running.values())) {
            scheduler.stop(cluster, old.task(), "Task replaced by a new deployment");
            release(old);
        }
        Task task = scheduler.startTask(cluster, service);
        String allocation = scheduler.givePublicIp(task, PUBLIC_IP);
        running.put(task.taskArn(), new Running(task, allocation, runHub(task)));
    }

    private LocalHub runHub(Task task) {
        ContainerDefinition container = aws.ecs().describeTaskDefinition(r -> r.taskDefinition(
                task.taskDefinitionArn())).taskDefinition().containerDefinitions().get(0);
        // ECR's host, as the task definition names it, is this machine's registry here.
        String image = registry.address() + container.image().substring(container.image().indexOf('/'));
        pull(image);
        Map<String, String> environment = container.environment().stream()
                .collect(Collectors.toMap(KeyValuePair::name, KeyValuePair::value));
        String taskId = task.taskArn().substring(task.taskArn().lastIndexOf('/') + 1);
        try {
            return runner.start(new LocalRun(image, "hubwizard-fargate-" + taskId, SecurityGroups.HUB_PORT, true,
                    environment), hubLogs.context("fargate"));
        } catch (ProblemException e) {
            throw new IllegalStateException("The played Fargate task could not start: " + e.problem().text(), e);
        }
    }

    private void pull(String image) {
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
        running.remove(task.task().taskArn());
        task.hub().close();
        scheduler.release(task.task(), task.allocation());
    }

    /** Stops every hub it runs; what moto still holds of them (after a reset: nothing) is released. */
    @Override
    public void close() {
        for (Running task : List.copyOf(running.values())) {
            running.remove(task.task().taskArn());
            task.hub().close();
            try {
                AwsCallRecorder.offTheRecord(() -> scheduler.release(task.task(), task.allocation()));
            } catch (RuntimeException gone) {
                // The emulator was reset: nothing left to release.
            }
        }
    }
}
