package dev.hubwizard.deploy;

import dev.hubwizard.aws.AwsClients;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ecr.model.Repository;
import software.amazon.awssdk.services.iam.model.Role;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Everything a deploy could have created in the (emulated) account, listed straight from the APIs —
 * not from the journal — so duplicates made outside the journal's knowledge show up too. The default
 * VPC and what comes with it are left out.
 */
final class Inventory {

    private Inventory() {
    }

    /** Kind to sorted AWS ids: equal listings mean nothing was created or deleted in between. */
    static Map<String, List<String>> ids(AwsClients aws) {
        return list(aws, Entry::id);
    }

    /** Kind to sorted names: comparable across emulator resets, where ids differ. */
    static Map<String, List<String>> names(AwsClients aws) {
        return list(aws, Entry::name);
    }

    private record Entry(String id, String name) {
    }

    private static Map<String, List<String>> list(AwsClients aws, Function<Entry, String> key) {
        Map<String, List<Entry>> all = new TreeMap<>();
        List<String> defaultVpcs = aws.ec2().describeVpcs(r -> r.filters(
                Filter.builder().name("is-default").values("true").build())).vpcs().stream()
                .map(v -> v.vpcId()).toList();
        all.put("vpc", aws.ec2().describeVpcs().vpcs().stream().filter(v -> !defaultVpcs.contains(v.vpcId()))
                .map(v -> new Entry(v.vpcId(), name(v.tags()))).toList());
        all.put("subnet", aws.ec2().describeSubnets().subnets().stream()
                .filter(s -> !defaultVpcs.contains(s.vpcId()))
                .map(s -> new Entry(s.subnetId(), name(s.tags()) + " " + s.cidrBlock())).toList());
        all.put("internet-gateway", aws.ec2().describeInternetGateways().internetGateways().stream()
                .filter(g -> g.attachments().stream().noneMatch(a -> defaultVpcs.contains(a.vpcId())))
                .map(g -> new Entry(g.internetGatewayId(), name(g.tags()) + " attached:" + g.attachments().size()))
                .toList());
        all.put("route-table", aws.ec2().describeRouteTables().routeTables().stream()
                .filter(t -> !defaultVpcs.contains(t.vpcId()))
                .filter(t -> t.associations().stream().noneMatch(a -> Boolean.TRUE.equals(a.main())))
                .map(t -> new Entry(t.routeTableId(), name(t.tags()) + " routes:" + t.routes().size()
                        + " subnets:" + t.associations().size())).toList());
        all.put("security-group", aws.ec2().describeSecurityGroups().securityGroups().stream()
                .filter(g -> !"default".equals(g.groupName()))
                .map(g -> new Entry(g.groupId(), g.groupName() + " " + g.ipPermissions().size())).toList());
        all.put("ecr-repository", aws.ecr().describeRepositories().repositories().stream()
                .map(Repository::repositoryName).map(n -> new Entry(n, n)).toList());
        List<Entry> clusters = new ArrayList<>();
        List<Entry> services = new ArrayList<>();
        // In ECS an INACTIVE cluster or service is a deleted one; moto keeps listing them.
        for (String cluster : aws.ecs().listClusters().clusterArns()) {
            if (!"ACTIVE".equals(aws.ecs().describeClusters(r -> r.clusters(cluster)).clusters().get(0).status())) {
                continue;
            }
            clusters.add(new Entry(cluster, cluster.substring(cluster.lastIndexOf('/') + 1)));
            for (String service : aws.ecs().listServices(r -> r.cluster(cluster)).serviceArns()) {
                if (!"INACTIVE".equals(aws.ecs().describeServices(r -> r.cluster(cluster).services(service))
                        .services().get(0).status())) {
                    services.add(new Entry(service, service.substring(service.lastIndexOf('/') + 1)));
                }
            }
        }
        all.put("ecs-cluster", clusters);
        all.put("ecs-service", services);
        all.put("task-definition", aws.ecs().listTaskDefinitions().taskDefinitionArns().stream()
                .map(a -> new Entry(a, a.substring(a.lastIndexOf('/') + 1))).toList());
        all.put("iam-role", aws.iam().listRoles().roles().stream().map(Role::roleName)
                .map(n -> new Entry(n, n)).toList());
        all.put("log-group", aws.logs().describeLogGroups().logGroups().stream().map(LogGroup::logGroupName)
                .map(n -> new Entry(n, n)).toList());
        Map<String, List<String>> result = new TreeMap<>();
        all.forEach((kind, entries) -> result.put(kind, entries.stream().map(key).sorted().toList()));
        return result;
    }

    private static String name(List<Tag> tags) {
        return tags.stream().filter(t -> "Name".equals(t.key())).map(Tag::value).findFirst().orElse("(no name)");
    }
}
