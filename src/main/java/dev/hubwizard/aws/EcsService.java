package dev.hubwizard.aws;

/** The ECS service that keeps one hub task running, and the task definition revision it runs. */
public record EcsService(String name, String arn, String cluster, String taskDefinitionArn) {
}
