package dev.hubwizard.aws;

import dev.hubwizard.engine.Cancellation;
import dev.hubwizard.engine.Problem;
import dev.hubwizard.engine.ProblemException;
import dev.hubwizard.engine.StepContext;
import dev.hubwizard.engine.StepLog;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceNotActiveException;
import software.amazon.awssdk.services.ecs.model.ServiceNotFoundException;
import software.amazon.awssdk.services.ecs.model.Task;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import static dev.hubwizard.aws.AwsCall.call;

/**
 * Pausing and resuming the hub's service: its desired count, 0 or 1 (Fargate bills only running tasks), and
 * a look at where it stands now for the live status. The count is absolute, so setting it again after a crash
 * changes nothing twice; once ECS has accepted it, ECS itself brings the service there, with the app closed.
 */
public final class ServiceScaling {

    private final AwsClients aws;
    private final StoppedTasks stoppedTasks;

    public ServiceScaling(AwsClients aws, StoppedTasks stoppedTasks) {
        this.aws = aws;
        this.stoppedTasks = stoppedTasks;
    }

    /** Sets how many tasks the service runs; a service or cluster deleted outside the app is said so. */
    public void setDesiredCount(String cluster, String service, int count) throws ProblemException {
        try {
            call("ecs:UpdateService", () -> aws.ecs().updateService(r -> r.cluster(cluster).service(service)
                    .desiredCount(count)));
        } catch (ProblemException e) {
            if (e.getCause() instanceof ServiceNotFoundException || e.getCause() instanceof ServiceNotActiveException
                    || e.getCause() instanceof ClusterNotFoundException) {
                throw new ProblemException(new Problem("The hub's service is gone", "ECS has no active service "
                        + service + " in cluster " + cluster + ": it was deleted outside Hub Wizard",
                        "Redeploy the hub to create it again, or tear the hub down to remove what is left"), e);
            }
            throw e;
        }
    }

    /**
     * Waits with the SDK's tasks-stopped waiter until every task of the service has stopped: ECS stops them
     * itself once the desired count is 0 (a load balancer first drains the task's connections).
     *
     * @return how many tasks there were to wait for
     */
    public int waitUntilStopped(StepContext ctx, String cluster, String service, DeletionWaits waits)
            throws ProblemException, Cancellation.CancelledException {
        List<Task> running = notStopped(cluster, service);
        if (running.isEmpty()) {
            return 0;
        }
        ctx.log().info("Waiting up to " + waits.timeout().toSeconds() + " s for ECS to stop "
                + running.size() + " task(s): " + String.join(", ", running.stream().map(StoppedTasks::taskId)
                .toList()));
        try {
            EcsTasks.awaitStopped(aws, cluster, running, waits);
        } catch (SdkClientException e) {
            ctx.throwIfCancelled();
            throw new ProblemException(new Problem("The hub's task did not stop",
                    "ECS did not report " + running.size() + " task(s) of " + service + " STOPPED within "
                            + waits.timeout().toSeconds() + " s (" + e.getMessage() + ")",
                    "The service is set to run no task, so ECS stops it on its own: look again in a few minutes,"
                            + " or press Retry"), e);
        }
        return running.size();
    }

    /** The service as ECS sees it now; {@code log} gets the last stopped task's log lines. */
    public HubServiceFacts look(String cluster, String service, StepLog log) throws ProblemException {
        Optional<Service> found = call("ecs:DescribeServices", () -> {
            try {
                return aws.ecs().describeServices(r -> r.cluster(cluster).services(service)).services().stream()
                        .findFirst();
            } catch (ClusterNotFoundException e) {
                return Optional.<Service>empty();
            }
        });
        if (found.isEmpty() || "INACTIVE".equals(found.get().status())) {
            return HubServiceFacts.gone(clusterExists(cluster) ? HubServiceFacts.Presence.SERVICE_GONE
                    : HubServiceFacts.Presence.CLUSTER_GONE);
        }
        Service s = found.get();
        List<HubServiceFacts.HubTask> tasks = new ArrayList<>();
        for (Task task : notStopped(cluster, service)) {
            tasks.add(new HubServiceFacts.HubTask(task.taskArn(), nullToEmpty(task.lastStatus()),
                    nullToEmpty(task.desiredStatus()), publicIp(task).orElse(""), task.createdAt(),
                    task.startedAt()));
        }
        tasks.sort(Comparator.comparing((HubServiceFacts.HubTask t) -> t.createdAt() == null ? Instant.EPOCH
                : t.createdAt()).reversed());
        return new HubServiceFacts("DRAINING".equals(s.status()) ? HubServiceFacts.Presence.DRAINING
                : HubServiceFacts.Presence.ACTIVE, s.desiredCount() == null ? 0 : s.desiredCount(), tasks,
                stoppedTasks.latest(cluster, service, log));
    }

    private boolean clusterExists(String cluster) throws ProblemException {
        return call("ecs:DescribeClusters", () -> aws.ecs().describeClusters(r -> r.clusters(cluster)).clusters()
                .stream().anyMatch(c -> "ACTIVE".equals(c.status())));
    }

    /** The service's tasks that ECS has not reported STOPPED yet, whatever it wants of them. */
    private List<Task> notStopped(String cluster, String service) throws ProblemException {
        List<Task> tasks = new ArrayList<>(stoppedTasks.tasks(cluster, service, DesiredStatus.RUNNING));
        // A task ECS is stopping wants STOPPED already, but is not there yet.
        stoppedTasks.tasks(cluster, service, DesiredStatus.STOPPED).stream()
                .filter(t -> !"STOPPED".equals(t.lastStatus())).forEach(tasks::add);
        return tasks;
    }

    private Optional<String> publicIp(Task task) throws ProblemException {
        Optional<String> eni = task.attachments().stream()
                .filter(a -> "ElasticNetworkInterface".equals(a.type()))
                .flatMap(a -> a.details().stream())
                .filter(d -> "networkInterfaceId".equals(d.name()))
                .map(KeyValuePair::value).findFirst();
        if (eni.isEmpty()) {
            return Optional.empty();
        }
        return call("ec2:DescribeNetworkInterfaces", () -> {
            try {
                return aws.ec2().describeNetworkInterfaces(r -> r.networkInterfaceIds(eni.get()))
                        .networkInterfaces().stream().findFirst()
                        .flatMap(n -> Optional.ofNullable(n.association()).map(a -> a.publicIp()));
            } catch (software.amazon.awssdk.services.ec2.model.Ec2Exception e) {
                // The interface went with a task that is stopping.
                return Optional.<String>empty();
            }
        });
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
