package dev.hubwizard.deploy;

import dev.hubwizard.aws.AwsClients;
import dev.hubwizard.aws.ResourceKind;
import dev.hubwizard.engine.ResourceRecord;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ssm.model.ResourceTypeForTagging;

import java.util.Map;
import java.util.TreeMap;

/** A resource's tags, read back from AWS the way the console would show them. */
final class Tags {

    private Tags() {
    }

    static Map<String, String> ec2(AwsClients aws, String resourceId) {
        Map<String, String> tags = new TreeMap<>();
        aws.ec2().describeTags(r -> r.filters(Filter.builder().name("resource-id").values(resourceId).build()))
                .tags().forEach(t -> tags.put(t.key(), t.value()));
        return tags;
    }

    static Map<String, String> ecs(AwsClients aws, String arn) {
        Map<String, String> tags = new TreeMap<>();
        aws.ecs().listTagsForResource(r -> r.resourceArn(arn)).tags().forEach(t -> tags.put(t.key(), t.value()));
        return tags;
    }

    static Map<String, String> ecr(AwsClients aws, String arn) {
        Map<String, String> tags = new TreeMap<>();
        aws.ecr().listTagsForResource(r -> r.resourceArn(arn)).tags().forEach(t -> tags.put(t.key(), t.value()));
        return tags;
    }

    static Map<String, String> role(AwsClients aws, String name) {
        Map<String, String> tags = new TreeMap<>();
        aws.iam().listRoleTags(r -> r.roleName(name)).tags().forEach(t -> tags.put(t.key(), t.value()));
        return tags;
    }

    static Map<String, String> logGroup(AwsClients aws, String arn) {
        return new TreeMap<>(aws.logs().listTagsForResource(r -> r.resourceArn(arn)).tags());
    }

    static Map<String, String> elb(AwsClients aws, String arn) {
        Map<String, String> tags = new TreeMap<>();
        aws.elbv2().describeTags(r -> r.resourceArns(arn)).tagDescriptions().forEach(d -> d.tags()
                .forEach(t -> tags.put(t.key(), t.value())));
        return tags;
    }

    static Map<String, String> efs(AwsClients aws, String id) {
        Map<String, String> tags = new TreeMap<>();
        aws.efs().listTagsForResource(r -> r.resourceId(id)).tags().forEach(t -> tags.put(t.key(), t.value()));
        return tags;
    }

    /** Kinds AWS gives no tags to: the journal alone (and the value they point at) makes them the profile's. */
    static final java.util.Set<String> UNTAGGABLE = java.util.Set.of(ResourceKind.DNS_RECORD,
            ResourceKind.USER_POOL_DOMAIN, ResourceKind.USER_POOL_CLIENT, ResourceKind.MOUNT_TARGET,
            ResourceKind.VIEWER_FUNCTION);

    /** The tags of a journaled resource, read from its own service by the id the journal holds. */
    static Map<String, String> of(AwsClients aws, ResourceRecord record) {
        return switch (record.kind()) {
            case ResourceKind.VPC, ResourceKind.SUBNET, ResourceKind.INTERNET_GATEWAY, ResourceKind.ROUTE_TABLE,
                 ResourceKind.SECURITY_GROUP, ResourceKind.LOAD_BALANCER_SECURITY_GROUP,
                 ResourceKind.FILE_SYSTEM_SECURITY_GROUP -> ec2(aws, record.id());
            case ResourceKind.LOAD_BALANCER, ResourceKind.TARGET_GROUP, ResourceKind.LISTENER -> elb(aws, record.id());
            case ResourceKind.CERTIFICATE -> new TreeMap<>(aws.acm().listTagsForCertificate(r -> r
                    .certificateArn(record.id())).tags().stream().collect(java.util.stream.Collectors.toMap(
                    t -> t.key(), t -> t.value())));
            case ResourceKind.USER_POOL -> new TreeMap<>(aws.cognito().describeUserPool(r -> r.userPoolId(record.id()))
                    .userPool().userPoolTags());
            case ResourceKind.SECRET -> new TreeMap<>(aws.secretsManager().describeSecret(r -> r.secretId(record.id()))
                    .tags().stream().collect(java.util.stream.Collectors.toMap(t -> t.key(), t -> t.value())));
            case ResourceKind.FILE_SYSTEM, ResourceKind.ACCESS_POINT -> efs(aws, record.id());
            case ResourceKind.ECR_REPOSITORY -> ecr(aws, record.id());
            case ResourceKind.ECS_CLUSTER, ResourceKind.ECS_SERVICE, ResourceKind.TASK_DEFINITION ->
                    ecs(aws, record.id());
            case ResourceKind.IAM_ROLE, ResourceKind.ORIGIN_UPDATER_ROLE, ResourceKind.TASK_ROLE ->
                    role(aws, record.name());
            case ResourceKind.SSM_PARAMETER -> new TreeMap<>(aws.ssm().listTagsForResource(r -> r
                    .resourceType(ResourceTypeForTagging.PARAMETER).resourceId(record.id())).tagList().stream()
                    .collect(java.util.stream.Collectors.toMap(t -> t.key(), t -> t.value())));
            case ResourceKind.DISTRIBUTION -> new TreeMap<>(aws.cloudFront().listTagsForResource(r -> r
                    .resource(record.attribute("arn"))).tags().items().stream().collect(
                    java.util.stream.Collectors.toMap(t -> t.key(), t -> t.value())));
            case ResourceKind.LAMBDA_FUNCTION -> new TreeMap<>(aws.lambda().listTags(r -> r
                    .resource(record.attribute("arn"))).tags());
            case ResourceKind.EVENT_RULE -> new TreeMap<>(aws.eventBridge().listTagsForResource(r -> r
                    .resourceARN(record.attribute("arn"))).tags().stream().collect(
                    java.util.stream.Collectors.toMap(t -> t.key(), t -> t.value())));
            case ResourceKind.LOG_GROUP -> logGroup(aws, aws.logs().describeLogGroups(r -> r
                    .logGroupNamePrefix(record.id())).logGroups().get(0).logGroupArn());
            default -> throw new IllegalArgumentException("No tags known for " + record.kind());
        };
    }
}
