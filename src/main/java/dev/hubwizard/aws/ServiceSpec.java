package dev.hubwizard.aws;

/**
 * What the hub's ECS service must run.
 *
 * @param imageDigest    the digest behind the task definition's image tag; when it changes under the same
 *                       tag the service is forced to start a new task (empty = unknown, never forces)
 * @param targetGroupArn the load balancer's target group the task is registered in; empty without a stable
 *                       address
 */
public record ServiceSpec(String cluster, String name, String taskDefinitionArn, HubNetwork network,
                          String imageDigest, String targetGroupArn) {

    public ServiceSpec {
        imageDigest = imageDigest == null ? "" : imageDigest;
        targetGroupArn = targetGroupArn == null ? "" : targetGroupArn;
    }

    /** A service reached at its task's public IP, with no load balancer. */
    public ServiceSpec(String cluster, String name, String taskDefinitionArn, HubNetwork network, String imageDigest) {
        this(cluster, name, taskDefinitionArn, network, imageDigest, "");
    }

    public boolean behindLoadBalancer() {
        return !targetGroupArn.isEmpty();
    }
}
