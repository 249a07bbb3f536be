package dev.hubwizard.aws;

/**
 * What the hub's ECS service must run.
 *
 * @param imageDigest the digest behind the task definition's image tag; when it changes under the same
 *                    tag the service is forced to start a new task (empty = unknown, never forces)
 */
public record ServiceSpec(String cluster, String name, String taskDefinitionArn, HubNetwork network,
                          String imageDigest) {

    public ServiceSpec {
        imageDigest = imageDigest == null ? "" : imageDigest;
    }
}
