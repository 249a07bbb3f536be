package dev.hubwizard.deploy;

import dev.hubwizard.aws.AwsClients;
import dev.hubwizard.aws.ResourceKind;
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
        // Private zones are a deploy's own (the hub's private name); public ones are the account's, which tests make.
        all.put(ResourceKind.PRIVATE_ZONE, aws.route53().listHostedZones().hostedZones().stream()
                .filter(z -> z.config() != null && Boolean.TRUE.equals(z.config().privateZone()))
                .map(z -> new Entry(z.id(), z.name())).toList());
        Map<String, List<String>> result = new TreeMap<>();
        all.forEach((kind, entries) -> result.put(kind, entries.stream().map(key).sorted().toList()));
        return result;
    }

    /**
     * What the team options could have created, listed the same way: load balancers and what belongs to them,
     * certificates, Route 53 records (SOA and NS left out), user pools with their domains and app clients,
     * secrets (those scheduled for deletion left out: AWS deletes them itself), file systems with their mount
     * targets and access points; CloudFront distributions and functions, Lambda functions and EventBridge rules.
     */
    static Map<String, List<String>> teamIds(AwsClients aws) {
        Map<String, List<String>> all = new TreeMap<>();
        List<String> balancers = aws.elbv2().describeLoadBalancers().loadBalancers().stream()
                .map(lb -> lb.loadBalancerArn()).toList();
        all.put("load-balancer", balancers);
        List<String> listeners = new ArrayList<>();
        balancers.forEach(arn -> aws.elbv2().describeListeners(r -> r.loadBalancerArn(arn)).listeners()
                .forEach(l -> listeners.add(l.listenerArn())));
        all.put("listener", listeners);
        all.put("target-group", aws.elbv2().describeTargetGroups().targetGroups().stream()
                .map(g -> g.targetGroupArn()).toList());
        all.put("acm-certificate", aws.acm().listCertificates().certificateSummaryList().stream()
                .map(c -> c.certificateArn()).toList());
        List<String> records = new ArrayList<>();
        aws.route53().listHostedZones().hostedZones().forEach(z -> aws.route53().listResourceRecordSets(r -> r
                .hostedZoneId(z.id())).resourceRecordSets().stream()
                .filter(set -> !"SOA".equals(set.typeAsString()) && !"NS".equals(set.typeAsString()))
                .forEach(set -> records.add(set.typeAsString() + " " + set.name())));
        all.put("dns-record", records);
        List<String> pools = new ArrayList<>();
        List<String> clients = new ArrayList<>();
        List<String> domains = new ArrayList<>();
        aws.cognito().listUserPools(r -> r.maxResults(60)).userPools().forEach(p -> {
            pools.add(p.id());
            aws.cognito().listUserPoolClients(r -> r.userPoolId(p.id())).userPoolClients()
                    .forEach(c -> clients.add(c.clientId()));
            String domain = aws.cognito().describeUserPool(r -> r.userPoolId(p.id())).userPool().domain();
            if (domain != null) {
                domains.add(domain);
            }
        });
        all.put("cognito-user-pool", pools);
        all.put("cognito-app-client", clients);
        all.put("cognito-domain", domains);
        all.put("secret", aws.secretsManager().listSecrets().secretList().stream()
                .filter(secret -> secret.deletedDate() == null).map(secret -> secret.arn()).toList());
        List<String> fileSystems = aws.efs().describeFileSystems().fileSystems().stream()
                .map(f -> f.fileSystemId()).toList();
        all.put("efs-file-system", fileSystems);
        List<String> mountTargets = new ArrayList<>();
        List<String> accessPoints = new ArrayList<>();
        fileSystems.forEach(id -> {
            aws.efs().describeMountTargets(r -> r.fileSystemId(id)).mountTargets()
                    .forEach(m -> mountTargets.add(m.mountTargetId()));
            aws.efs().describeAccessPoints(r -> r.fileSystemId(id)).accessPoints()
                    .forEach(a -> accessPoints.add(a.accessPointId()));
        });
        all.put("efs-mount-target", mountTargets);
        all.put("efs-access-point", accessPoints);
        all.put("cloudfront-distribution", aws.cloudFront().listDistributions().distributionList().items().stream()
                .map(d -> d.id()).toList());
        all.put("cloudfront-function", aws.cloudFront().listFunctions(r -> { }).functionList().items().stream()
                .map(f -> f.name()).toList());
        all.put("lambda-function", aws.lambda().listFunctions().functions().stream().map(f -> f.functionName())
                .toList());
        all.put("eventbridge-rule", aws.eventBridge().listRules(r -> { }).rules().stream().map(r -> r.name()).toList());
        Map<String, List<String>> result = new TreeMap<>();
        all.forEach((kind, ids) -> result.put(kind, ids.stream().sorted().toList()));
        return result;
    }

    private static String name(List<Tag> tags) {
        return tags.stream().filter(t -> "Name".equals(t.key())).map(Tag::value).findFirst().orElse("(no name)");
    }
}
