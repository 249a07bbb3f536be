package dev.hubwizard.aws;

import dev.hubwizard.engine.ProblemException;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.NetworkInterface;

import java.util.List;

import static dev.hubwizard.aws.AwsCall.call;

/**
 * The network interfaces that hold a security group, a subnet or a VPC: AWS deletes none of these while an
 * interface uses it, and Fargate tasks, load balancers and EFS mount targets release theirs only minutes after
 * they are gone. Named in the teardown's log, so that a slow teardown says what it waits for.
 */
final class NetworkInterfaces {

    private final AwsClients aws;

    NetworkInterfaces(AwsClients aws) {
        this.aws = aws;
    }

    /**
     * The interfaces a filter finds, in words: {@code eni-0a1b (in-use: arn:aws:ecs:...:attachment/...)}.
     *
     * @param filter {@code group-id}, {@code subnet-id} or {@code vpc-id}
     */
    List<String> holding(String filter, String id) throws ProblemException {
        return call("ec2:DescribeNetworkInterfaces", () -> aws.ec2().describeNetworkInterfacesPaginator(r -> r
                .filters(Filter.builder().name(filter).values(id).build())).networkInterfaces().stream()
                .map(NetworkInterfaces::describe).toList());
    }

    private static String describe(NetworkInterface eni) {
        String what = eni.description() == null || eni.description().isBlank() ? eni.interfaceTypeAsString()
                : eni.description();
        return eni.networkInterfaceId() + " (" + eni.statusAsString() + (what == null ? "" : ": " + what) + ")";
    }
}
