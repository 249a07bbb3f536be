package dev.hubwizard.aws;

import dev.hubwizard.engine.Cancellation;
import dev.hubwizard.engine.Problem;
import dev.hubwizard.engine.ProblemException;
import dev.hubwizard.engine.StepContext;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;
import software.amazon.awssdk.services.ecs.model.DescribeTasksRequest;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskField;
import software.amazon.awssdk.services.ecs.waiters.EcsWaiter;

import java.util.ArrayList;
import java.util.List;

import static dev.hubwizard.aws.AwsCall.call;
import static dev.hubwizard.aws.AwsCall.run;

/**
 * The hub's ECS tasks, which teardown stops and waits for: until a Fargate task has stopped, its
 * network interface keeps the security group and the subnet in use. Tasks are never recorded (ECS makes
 * a new one with every deployment); they carry the profile's tag because the service propagates its
 * tags to them, and only tasks with that tag are touched.
 */
public final class EcsTasks {

    private static final String REASON = "Hub Wizard: tearing down the hub";

    private final AwsClients aws;
    private final ProfileTags tags;

    public EcsTasks(AwsClients aws, ProfileTags tags) {
        this.aws = aws;
        this.tags = tags;
    }

    /**
     * Stops this profile's tasks in {@code cluster} that have not stopped yet, and waits with the SDK's
     * tasks-stopped waiter until ECS reports them STOPPED.
     *
     * @return how many tasks there were to wait for
     */
    public int stop(StepContext ctx, String cluster, DeletionWaits waits)
            throws ProblemException, Cancellation.CancelledException {
        return stop(ctx, cluster, waits, REASON);
    }

    /** The same, telling ECS (and whoever reads the stopped task) {@code reason}. */
    public int stop(StepContext ctx, String cluster, DeletionWaits waits, String reason)
            throws ProblemException, Cancellation.CancelledException {
        List<Task> running = notStopped(cluster);
        for (Task task : running) {
            if (DesiredStatus.RUNNING.toString().equals(task.desiredStatus())) {
                run("ecs:StopTask", () -> aws.ecs().stopTask(r -> r.cluster(cluster).task(task.taskArn())
                        .reason(reason)));
                ctx.log().info("Stopping task " + StoppedTasks.taskId(task));
            }
        }
        if (running.isEmpty()) {
            return 0;
        }
        try {
            awaitStopped(aws, cluster, running, waits);
        } catch (SdkClientException e) {
            ctx.throwIfCancelled();
            throw new ProblemException(new Problem("The hub's task did not stop",
                    "ECS did not report " + running.size() + " task(s) in " + cluster + " STOPPED within "
                            + waits.timeout().toMinutes() + " min (" + e.getMessage() + ")",
                    "Wait a few minutes, then run the teardown again"), e);
        }
        ctx.log().info(running.size() + " task(s) in cluster " + cluster + " stopped");
        return running.size();
    }

    /**
     * This profile's tasks in the cluster that are not STOPPED yet: those ECS should run, and those it is
     * still stopping (a deleted service's).
     */
    private List<Task> notStopped(String cluster) throws ProblemException {
        List<String> arns = new ArrayList<>();
        for (DesiredStatus status : List.of(DesiredStatus.RUNNING, DesiredStatus.STOPPED)) {
            arns.addAll(call("ecs:ListTasks", () -> {
                try {
                    return aws.ecs().listTasksPaginator(r -> r.cluster(cluster).desiredStatus(status)).taskArns()
                            .stream().toList();
                } catch (ClusterNotFoundException e) {
                    return List.<String>of();
                }
            }));
        }
        List<Task> tasks = new ArrayList<>();
        for (int i = 0; i < arns.size(); i += 100) {
            List<String> batch = arns.subList(i, Math.min(arns.size(), i + 100));
            tasks.addAll(call("ecs:DescribeTasks", () -> aws.ecs().describeTasks(r -> r.cluster(cluster)
                    .tasks(batch).include(TaskField.TAGS)).tasks()));
        }
        return tasks.stream().filter(t -> !"STOPPED".equals(t.lastStatus()))
                .filter(t -> tags.ownedBy(ProfileTags.fromEcs(t.tags()))).toList();
    }

    /**
     * The SDK's tasks-stopped waiter, bounded by {@code waits}.
     *
     * @throws SdkClientException when the tasks have not stopped in time
     */
    static void awaitStopped(AwsClients aws, String cluster, List<Task> tasks, DeletionWaits waits)
            throws ProblemException {
        WaiterOverrideConfiguration waiting = WaiterOverrideConfiguration.builder()
                .waitTimeout(waits.timeout())
                .maxAttempts(waits.attempts())
                .backoffStrategyV2(BackoffStrategy.fixedDelayWithoutJitter(waits.every()))
                .build();
        try (EcsWaiter waiter = aws.ecs().waiter()) {
            waiter.waitUntilTasksStopped(DescribeTasksRequest.builder().cluster(cluster)
                    .tasks(tasks.stream().map(Task::taskArn).toList()).build(), waiting);
        } catch (AwsServiceException e) {
            throw AwsProblems.explain("ecs:DescribeTasks", e);
        }
    }
}
