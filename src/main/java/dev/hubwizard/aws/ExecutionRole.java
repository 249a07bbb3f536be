package dev.hubwizard.aws;

/**
 * The IAM role ECS uses to pull the image and write the logs.
 *
 * @param createdByThisProfile whether one of this profile's deploys created it (then teardown may delete
 *                             it); {@code ecsTaskExecutionRole} usually exists already and is shared
 */
public record ExecutionRole(String name, String arn, boolean createdByThisProfile) {
}
