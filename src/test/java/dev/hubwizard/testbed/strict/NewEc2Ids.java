package dev.hubwizard.testbed.strict;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * EC2's eventual consistency: "if you run a command to modify or describe the resource that you just created,
 * its ID might not have propagated throughout the system, and you will get an error responding that the
 * resource does not exist" (https://docs.aws.amazon.com/ec2/latest/devguide/eventual-consistency.html). A VPC,
 * subnet, security group, internet gateway or route table answers its {@code *.NotFound} to every call that
 * names it (a describe by id included; a filter only finds nothing) for {@link Windows#ec2NewIds()} after its
 * create. ECS passes EC2's answer on when a new service names a new subnet or group, inside an
 * InvalidParameterException. Elastic Load Balancing's CreateLoadBalancer and EFS's CreateMountTarget answer with
 * their own codes (SubnetNotFound, InvalidSecurityGroup / SecurityGroupNotFound) and, as documented, a message
 * that does not name the id.
 */
final class NewEc2Ids implements AwsRule {

    /** What a create's answer names the new resource by. */
    private static final Map<String, Pattern> CREATED = Map.of(
            "CreateVpc", Pattern.compile("<vpcId>(vpc-[0-9a-f]+)</vpcId>"),
            "CreateSubnet", Pattern.compile("<subnetId>(subnet-[0-9a-f]+)</subnetId>"),
            "CreateSecurityGroup", Pattern.compile("<groupId>(sg-[0-9a-f]+)</groupId>"),
            "CreateInternetGateway", Pattern.compile("<internetGatewayId>(igw-[0-9a-f]+)</internetGatewayId>"),
            "CreateRouteTable", Pattern.compile("<routeTableId>(rtb-[0-9a-f]+)</routeTableId>"));

    private final Supplier<Windows> windows;
    private final Map<String, Long> createdAt = new ConcurrentHashMap<>();

    NewEc2Ids(Supplier<Windows> windows) {
        this.windows = windows;
    }

    @Override
    public Optional<AwsAnswer> before(AwsRequest request) {
        if ("ec2".equals(request.service())) {
            for (Map.Entry<String, String> field : request.form().entrySet()) {
                if (!field.getKey().startsWith("Filter.") && invisible(field.getValue())) {
                    String id = field.getValue();
                    return Optional.of(AwsAnswer.error(request, 400, code(id), message(id)));
                }
            }
        }
        if (request.is("ecs", "CreateService") || request.is("ecs", "UpdateService")) {
            JsonNode network = request.json().path("networkConfiguration").path("awsvpcConfiguration");
            List<String> named = new ArrayList<>();
            network.path("subnets").forEach(s -> named.add(s.asText()));
            network.path("securityGroups").forEach(s -> named.add(s.asText()));
            for (String id : named) {
                if (invisible(id)) {
                    String what = id.startsWith("sg-") ? "security group" : "subnet";
                    return Optional.of(AwsAnswer.error(request, 400, "InvalidParameterException",
                            "Error retrieving " + what + " information for [" + id + "]: " + message(id)
                                    + " (ErrorCode: " + code(id) + ")"));
                }
            }
        }
        if (request.is("elasticloadbalancing", "CreateLoadBalancer")) {
            for (Map.Entry<String, String> field : request.form().entrySet()) {
                if (invisible(field.getValue())) {
                    return Optional.of(field.getKey().startsWith("Subnets.")
                            ? AwsAnswer.error(request, 400, "SubnetNotFound", "The specified subnet does not exist.")
                            : AwsAnswer.error(request, 400, "InvalidSecurityGroup",
                                    "The specified security group does not exist."));
                }
            }
        }
        if (request.is("elasticfilesystem", "CreateMountTarget")) {
            if (invisible(request.json().path("SubnetId").asText())) {
                return Optional.of(AwsAnswer.error(request, 400, "SubnetNotFound",
                        "The specified subnet does not exist."));
            }
            for (JsonNode group : request.json().path("SecurityGroups")) {
                if (invisible(group.asText())) {
                    return Optional.of(AwsAnswer.error(request, 400, "SecurityGroupNotFound",
                            "The specified security group does not exist."));
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public AwsAnswer after(AwsRequest request, AwsAnswer answer) {
        Pattern created = "ec2".equals(request.service()) ? CREATED.get(request.operation()) : null;
        if (created != null && answer.ok()) {
            Matcher id = created.matcher(answer.text());
            if (id.find()) {
                createdAt.put(id.group(1), System.nanoTime());
            }
        }
        return answer;
    }

    @Override
    public void reset() {
        createdAt.clear();
    }

    private boolean invisible(String value) {
        Long at = createdAt.get(value);
        return at != null && System.nanoTime() - at < windows.get().ec2NewIds().toNanos();
    }

    private static String code(String id) {
        return switch (id.substring(0, id.indexOf('-'))) {
            case "vpc" -> "InvalidVpcID.NotFound";
            case "subnet" -> "InvalidSubnetID.NotFound";
            case "sg" -> "InvalidGroup.NotFound";
            case "igw" -> "InvalidInternetGatewayID.NotFound";
            default -> "InvalidRouteTableID.NotFound";
        };
    }

    private static String message(String id) {
        return switch (id.substring(0, id.indexOf('-'))) {
            case "vpc" -> "The vpc ID '" + id + "' does not exist";
            case "subnet" -> "The subnet ID '" + id + "' does not exist";
            case "sg" -> "The security group '" + id + "' does not exist";
            case "igw" -> "The internetGateway ID '" + id + "' does not exist";
            default -> "The routeTable ID '" + id + "' does not exist";
        };
    }
}
