package dev.hubwizard.aws;

import dev.hubwizard.engine.ProblemException;
import dev.hubwizard.engine.StepLog;
import software.amazon.awssdk.services.ecs.model.Container;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.Task;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.hubwizard.aws.AwsCall.call;

/** Why the service's tasks stopped: ECS's reason plus the last lines of the container's CloudWatch stream. */
public final class StoppedTasks {

    static final int LOG_LINES = 20;

    private final AwsClients aws;
    private final LogGroups logGroups;

    public StoppedTasks(AwsClients aws, LogGroups logGroups) {
        this.aws = aws;
        this.logGroups = logGroups;
    }

    /** The service's most recently stopped task (ECS keeps them about an hour), explained. */
    public Optional<StoppedTask> latest(String cluster, String service, StepLog log) throws ProblemException {
        List<Task> stopped = tasks(cluster, service, DesiredStatus.STOPPED);
        Optional<Task> last = stopped.stream().max(Comparator.comparing(
                t -> t.stoppedAt() != null ? t.stoppedAt() : t.createdAt() != null ? t.createdAt() : Instant.EPOCH));
        if (last.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(explain(last.get(), log));
    }

    /** The reason and the last log lines of a stopped task; the lines also go to {@code log}. */
    public StoppedTask explain(Task task, StepLog log) throws ProblemException {
        Optional<Container> hub = task.containers().stream()
                .filter(c -> TaskDefinitionSpec.CONTAINER.equals(c.name())).findFirst();
        List<String> lines = logLines(task);
        if (!lines.isEmpty()) {
            log.warn("Last " + lines.size() + " log lines of task " + taskId(task) + ":");
            lines.forEach(line -> log.warn("  " + line));
        }
        StoppedTask stopped = new StoppedTask(task.taskArn(), task.stoppedReason(),
                hub.map(Container::reason).orElse(""), hub.map(Container::exitCode).orElse(null), lines);
        log.warn("Task " + stopped.taskId() + " stopped: " + stopped.stoppedReason());
        return stopped;
    }

    /** The service's tasks with this desired status. Tasks of a service carry the group {@code service:NAME}. */
    List<Task> tasks(String cluster, String service, DesiredStatus status) throws ProblemException {
        List<String> arns = call("ecs:ListTasks", () -> aws.ecs().listTasksPaginator(r -> r.cluster(cluster)
                .serviceName(service).desiredStatus(status)).taskArns().stream().toList());
        if (arns.isEmpty()) {
            return List.of();
        }
        List<Task> tasks = new ArrayList<>();
        for (int i = 0; i < arns.size(); i += 100) {
            List<String> batch = arns.subList(i, Math.min(arns.size(), i + 100));
            tasks.addAll(call("ecs:DescribeTasks", () -> aws.ecs().describeTasks(r -> r.cluster(cluster)
                    .tasks(batch)).tasks()));
        }
        return tasks.stream().filter(t -> ("service:" + service).equals(t.group())).toList();
    }

    /** Where the task's definition says the container logs, read back. */
    private List<String> logLines(Task task) throws ProblemException {
        ContainerDefinition container = call("ecs:DescribeTaskDefinition", () -> aws.ecs()
                .describeTaskDefinition(r -> r.taskDefinition(task.taskDefinitionArn())).taskDefinition()
                .containerDefinitions().stream().filter(c -> TaskDefinitionSpec.CONTAINER.equals(c.name()))
                .findFirst().orElse(null));
        if (container == null || container.logConfiguration() == null) {
            return List.of();
        }
        Map<String, String> options = container.logConfiguration().options();
        String group = options.get("awslogs-group");
        String prefix = options.get("awslogs-stream-prefix");
        if (group == null || prefix == null) {
            return List.of();
        }
        return logGroups.lastLines(group, prefix + "/" + container.name() + "/" + taskId(task), LOG_LINES);
    }

    static String taskId(Task task) {
        return task.taskArn().substring(task.taskArn().lastIndexOf('/') + 1);
    }
}
