package dev.hubwizard.aws;

import java.util.List;

/** Where the hub's task runs: its VPC, the public subnets ECS may place it in, and its security group. */
public record HubNetwork(String vpcId, List<String> subnetIds, String securityGroupId) {

    public HubNetwork {
        subnetIds = List.copyOf(subnetIds);
    }
}
