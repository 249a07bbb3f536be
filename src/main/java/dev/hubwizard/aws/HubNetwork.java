package dev.hubwizard.aws;

import java.util.List;

/**
 * Where the hub's task runs: its VPC, the public subnets ECS may place it in, and the security groups.
 *
 * @param securityGroupId             the task's
 * @param loadBalancerSecurityGroupId the load balancer's, with a stable address; otherwise empty
 * @param fileSystemSecurityGroupId   the file system's mount targets', with kept files; otherwise empty
 * @param usersSecurityGroupId        the users' own tasks', with servers in their own Fargate tasks; otherwise empty
 */
public record HubNetwork(String vpcId, List<String> subnetIds, String securityGroupId,
                         String loadBalancerSecurityGroupId, String fileSystemSecurityGroupId,
                         String usersSecurityGroupId) {

    public HubNetwork {
        subnetIds = List.copyOf(subnetIds);
        loadBalancerSecurityGroupId = loadBalancerSecurityGroupId == null ? "" : loadBalancerSecurityGroupId;
        fileSystemSecurityGroupId = fileSystemSecurityGroupId == null ? "" : fileSystemSecurityGroupId;
        usersSecurityGroupId = usersSecurityGroupId == null ? "" : usersSecurityGroupId;
    }

    /** A network with the task's group only: no load balancer, no file system. */
    public HubNetwork(String vpcId, List<String> subnetIds, String securityGroupId) {
        this(vpcId, subnetIds, securityGroupId, "", "", "");
    }
}
