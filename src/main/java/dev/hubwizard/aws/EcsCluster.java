package dev.hubwizard.aws;

/** An ECS cluster: for Fargate just a name to group services under, with no machines of its own. */
public record EcsCluster(String name, String arn) {
}
