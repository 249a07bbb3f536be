package dev.hubwizard.testbed.strict;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A network interface holds its subnet, its security groups and its VPC: "You can't delete a security group that
 * is associated with a network interface" and a subnet or VPC with network interfaces in it
 * (https://docs.aws.amazon.com/vpc/latest/userguide/deleting-security-groups.html,
 * https://docs.aws.amazon.com/vpc/latest/userguide/delete-subnet.html). AWS answers DependencyViolation; moto
 * deletes them. Fargate and load balancers release their interfaces minutes after a task stops, which the Fargate
 * stand-in plays by releasing them late.
 */
final class NetworkInterfacesInUse implements AwsRule {

    /** The network interfaces a filter finds, read from EC2 (moto). */
    interface Interfaces {
        Set<String> find(String region, String filter, String value);
    }

    private static final Map<String, String> HELD_BY = Map.of(
            "DeleteSecurityGroup", "GroupId", "DeleteSubnet", "SubnetId", "DeleteVpc", "VpcId");
    private static final Map<String, String> FILTER = Map.of(
            "DeleteSecurityGroup", "group-id", "DeleteSubnet", "subnet-id", "DeleteVpc", "vpc-id");

    private final Interfaces interfaces;

    NetworkInterfacesInUse(Interfaces interfaces) {
        this.interfaces = interfaces;
    }

    @Override
    public Optional<AwsAnswer> before(AwsRequest request) {
        String parameter = "ec2".equals(request.service()) ? HELD_BY.get(request.operation()) : null;
        if (parameter == null || request.param(parameter).isEmpty()) {
            return Optional.empty();
        }
        String id = request.param(parameter);
        Set<String> holding = interfaces.find(request.region(), FILTER.get(request.operation()), id);
        if (holding.isEmpty()) {
            return Optional.empty();
        }
        String message = switch (request.operation()) {
            case "DeleteSecurityGroup" -> "resource " + id + " has a dependent object";
            case "DeleteSubnet" -> "The subnet '" + id + "' has dependencies and cannot be deleted.";
            default -> "The vpc '" + id + "' has dependencies and cannot be deleted.";
        };
        return Optional.of(AwsAnswer.error(request, 400, "DependencyViolation", message));
    }
}
