package dev.hubwizard.deploy;

import dev.hubwizard.aws.AwsClients;
import software.amazon.awssdk.services.ec2.model.DomainType;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceField;
import software.amazon.awssdk.services.ecs.model.Task;

import java.util.List;

/**
 * Plays the parts of AWS that moto lacks, explicitly: ECS's scheduler (moto's services never start a
 * task, so the test starts the service's task with RunTask, in the service's group), Fargate's public
 * IP (moto's task interfaces have none, so the test associates an Elastic IP — a loopback one, so the
 * hub's health check stays on this machine) and the hub's own logs (written with PutLogEvents).
 */
final class EcsScheduler {

    private final AwsClients aws;

    EcsScheduler(AwsClients aws) {
        this.aws = aws;
    }

    /**
     * Starts a task of the service's current revision in its network, as ECS would for the service, with
     * the service's tags (the service propagates them to its tasks).
     */
    Task startTask(String cluster, String serviceName) {
        Service service = aws.ecs().describeServices(r -> r.cluster(cluster).services(serviceName)
                .include(ServiceField.TAGS)).services().get(0);
        return aws.ecs().runTask(r -> r.cluster(cluster).taskDefinition(service.taskDefinition())
                .launchType(LaunchType.FARGATE).group("service:" + serviceName).tags(service.tags())
                .networkConfiguration(service.networkConfiguration())).tasks().get(0);
    }

    /**
     * What Fargate does with assignPublicIp: here an Elastic IP with a loopback address.
     *
     * @return the address's allocation, for {@link #release}
     */
    String givePublicIp(Task task, String loopbackAddress) {
        String allocation = aws.ec2().allocateAddress(r -> r.domain(DomainType.VPC).address(loopbackAddress))
                .allocationId();
        aws.ec2().associateAddress(r -> r.allocationId(allocation).networkInterfaceId(networkInterface(task)));
        return allocation;
    }

    /** What Fargate does once a task has stopped: its public address and its network interface go. */
    void release(Task task, String allocation) {
        aws.ec2().releaseAddress(r -> r.allocationId(allocation));
        aws.ec2().deleteNetworkInterface(r -> r.networkInterfaceId(networkInterface(task)));
    }

    /** What the hub's container would have written through the awslogs driver. */
    void writeLogs(String logGroup, Task task, List<String> lines) {
        String stream = "hub/hub/" + task.taskArn().substring(task.taskArn().lastIndexOf('/') + 1);
        aws.logs().createLogStream(r -> r.logGroupName(logGroup).logStreamName(stream));
        long now = System.currentTimeMillis();
        aws.logs().putLogEvents(r -> r.logGroupName(logGroup).logStreamName(stream).logEvents(lines.stream()
                .map(line -> software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent.builder()
                        .timestamp(now).message(line).build()).toList()));
    }

    void stop(String cluster, Task task, String reason) {
        aws.ecs().stopTask(r -> r.cluster(cluster).task(task.taskArn()).reason(reason));
    }

    static String networkInterface(Task task) {
        return task.attachments().get(0).details().stream().filter(d -> d.name().equals("networkInterfaceId"))
                .map(KeyValuePair::value).findFirst().orElseThrow();
    }
}
