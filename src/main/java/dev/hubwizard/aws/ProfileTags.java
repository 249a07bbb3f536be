package dev.hubwizard.aws;

import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tags every resource of a profile carries: {@code hubwizard:profile=<profile>} says whose it is
 * (so a crashed run's resource can be found and adopted, and teardown touches nothing else), and
 * {@code Name} is what the AWS console shows.
 */
public record ProfileTags(String profile) {

    public static final String PROFILE_KEY = "hubwizard:profile";
    public static final String NAME_KEY = "Name";

    public Map<String, String> named(String name) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(PROFILE_KEY, profile);
        tags.put(NAME_KEY, name);
        return tags;
    }

    public boolean ownedBy(Map<String, String> tags) {
        return profile.equals(tags.get(PROFILE_KEY));
    }

    TagSpecification ec2(ResourceType type, String name) {
        return TagSpecification.builder().resourceType(type)
                .tags(named(name).entrySet().stream()
                        .map(t -> software.amazon.awssdk.services.ec2.model.Tag.builder().key(t.getKey())
                                .value(t.getValue()).build())
                        .toList())
                .build();
    }

    /** EC2 filters that match this profile's resource called {@code name}. */
    List<Filter> ec2Filters(String name) {
        return List.of(Filter.builder().name("tag:" + PROFILE_KEY).values(profile).build(),
                Filter.builder().name("tag:" + NAME_KEY).values(name).build());
    }

    List<software.amazon.awssdk.services.ecs.model.Tag> ecs(String name) {
        return named(name).entrySet().stream()
                .map(t -> software.amazon.awssdk.services.ecs.model.Tag.builder().key(t.getKey()).value(t.getValue())
                        .build())
                .toList();
    }

    List<software.amazon.awssdk.services.ssm.model.Tag> ssm(String name) {
        return named(name).entrySet().stream()
                .map(t -> software.amazon.awssdk.services.ssm.model.Tag.builder().key(t.getKey()).value(t.getValue())
                        .build())
                .toList();
    }

    List<software.amazon.awssdk.services.ecr.model.Tag> ecr(String name) {
        return named(name).entrySet().stream()
                .map(t -> software.amazon.awssdk.services.ecr.model.Tag.builder().key(t.getKey()).value(t.getValue())
                        .build())
                .toList();
    }

    List<software.amazon.awssdk.services.iam.model.Tag> iam(String name) {
        return named(name).entrySet().stream()
                .map(t -> software.amazon.awssdk.services.iam.model.Tag.builder().key(t.getKey()).value(t.getValue())
                        .build())
                .toList();
    }

    List<software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag> elbv2(String name) {
        return named(name).entrySet().stream()
                .map(t -> software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag.builder().key(t.getKey())
                        .value(t.getValue()).build())
                .toList();
    }

    List<software.amazon.awssdk.services.acm.model.Tag> acm(String name) {
        return named(name).entrySet().stream()
                .map(t -> software.amazon.awssdk.services.acm.model.Tag.builder().key(t.getKey()).value(t.getValue())
                        .build())
                .toList();
    }

    List<software.amazon.awssdk.services.efs.model.Tag> efs(String name) {
        return named(name).entrySet().stream()
                .map(t -> software.amazon.awssdk.services.efs.model.Tag.builder().key(t.getKey()).value(t.getValue())
                        .build())
                .toList();
    }

    List<software.amazon.awssdk.services.secretsmanager.model.Tag> secretsManager(String name) {
        return named(name).entrySet().stream()
                .map(t -> software.amazon.awssdk.services.secretsmanager.model.Tag.builder().key(t.getKey())
                        .value(t.getValue()).build())
                .toList();
    }

    software.amazon.awssdk.services.cloudfront.model.Tags cloudFront(String name) {
        return software.amazon.awssdk.services.cloudfront.model.Tags.builder().items(named(name).entrySet().stream()
                .map(t -> software.amazon.awssdk.services.cloudfront.model.Tag.builder().key(t.getKey())
                        .value(t.getValue()).build())
                .toList()).build();
    }

    List<software.amazon.awssdk.services.eventbridge.model.Tag> eventBridge(String name) {
        return named(name).entrySet().stream()
                .map(t -> software.amazon.awssdk.services.eventbridge.model.Tag.builder().key(t.getKey())
                        .value(t.getValue()).build())
                .toList();
    }

    static Map<String, String> fromCloudFront(software.amazon.awssdk.services.cloudfront.model.Tags tags) {
        Map<String, String> map = new LinkedHashMap<>();
        if (tags != null) {
            tags.items().forEach(t -> map.put(t.key(), t.value()));
        }
        return map;
    }

    static Map<String, String> fromEventBridge(List<software.amazon.awssdk.services.eventbridge.model.Tag> tags) {
        Map<String, String> map = new LinkedHashMap<>();
        tags.forEach(t -> map.put(t.key(), t.value()));
        return map;
    }

    static Map<String, String> fromElbv2(List<software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag> tags) {
        Map<String, String> map = new LinkedHashMap<>();
        tags.forEach(t -> map.put(t.key(), t.value()));
        return map;
    }

    static Map<String, String> fromAcm(List<software.amazon.awssdk.services.acm.model.Tag> tags) {
        Map<String, String> map = new LinkedHashMap<>();
        tags.forEach(t -> map.put(t.key(), t.value()));
        return map;
    }

    static Map<String, String> fromEfs(List<software.amazon.awssdk.services.efs.model.Tag> tags) {
        Map<String, String> map = new LinkedHashMap<>();
        tags.forEach(t -> map.put(t.key(), t.value()));
        return map;
    }

    static Map<String, String> fromSecretsManager(List<software.amazon.awssdk.services.secretsmanager.model.Tag> tags) {
        Map<String, String> map = new LinkedHashMap<>();
        tags.forEach(t -> map.put(t.key(), t.value()));
        return map;
    }

    static Map<String, String> fromEc2(List<software.amazon.awssdk.services.ec2.model.Tag> tags) {
        Map<String, String> map = new LinkedHashMap<>();
        tags.forEach(t -> map.put(t.key(), t.value()));
        return map;
    }

    static Map<String, String> fromEcs(List<software.amazon.awssdk.services.ecs.model.Tag> tags) {
        Map<String, String> map = new LinkedHashMap<>();
        tags.forEach(t -> map.put(t.key(), t.value()));
        return map;
    }

    static Map<String, String> fromEcr(List<software.amazon.awssdk.services.ecr.model.Tag> tags) {
        Map<String, String> map = new LinkedHashMap<>();
        tags.forEach(t -> map.put(t.key(), t.value()));
        return map;
    }

    static Map<String, String> fromIam(List<software.amazon.awssdk.services.iam.model.Tag> tags) {
        Map<String, String> map = new LinkedHashMap<>();
        tags.forEach(t -> map.put(t.key(), t.value()));
        return map;
    }
}
