package dev.hubwizard.aws;

import dev.hubwizard.engine.Cancellation;
import dev.hubwizard.engine.Intent;
import dev.hubwizard.engine.Journal;
import dev.hubwizard.engine.ProblemException;
import dev.hubwizard.engine.ResourceRecord;
import dev.hubwizard.engine.StepContext;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTargetGroupsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupAttribute;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import static dev.hubwizard.aws.AwsCall.call;
import static dev.hubwizard.aws.AwsCall.run;

/**
 * The target group the load balancer forwards to: the hub's task by IP (awsvpc tasks have no instance),
 * HTTP on port 8000, healthy when {@code /hub/health} answers 200. ECS registers the task in it. A task
 * being replaced is drained for 30 s, not AWS's default 5 min: with one hub at a time, a long drain only
 * makes a redeploy slower.
 */
public final class TargetGroups {

    public static final int MAX_NAME = 32;
    static final String HEALTH_PATH = HubEndpoint.HEALTH_PATH;
    static final String HEALTHY_CODE = "200";
    static final int INTERVAL_SECONDS = 15;
    static final int HEALTHY_THRESHOLD = 2;
    static final int UNHEALTHY_THRESHOLD = 3;
    static final String DEREGISTRATION_DELAY = "deregistration_delay.timeout_seconds";
    static final String DRAIN_SECONDS = "30";

    private final AwsClients aws;
    private final ProfileTags tags;

    public TargetGroups(AwsClients aws, ProfileTags tags) {
        this.aws = aws;
        this.tags = tags;
    }

    public Optional<TargetGroup> find(Journal journal, String name) throws ProblemException {
        return Journaled.find(journal, ResourceKind.TARGET_GROUP, name,
                arn -> describe(DescribeTargetGroupsRequest.builder().targetGroupArns(arn).build()),
                () -> describe(DescribeTargetGroupsRequest.builder().names(name).build()));
    }

    public TargetGroup ensure(StepContext ctx, String name, String vpcId) throws ProblemException {
        TargetGroup group = Journaled.ensure(ctx, ResourceKind.TARGET_GROUP, "target group", name,
                () -> find(ctx.journal(), name), Journaled.NAME_IS_IDENTITY,
                () -> call("elasticloadbalancing:CreateTargetGroup", () -> aws.elbv2().createTargetGroup(r -> r
                        .name(name)
                        .targetType(TargetTypeEnum.IP)
                        .protocol(ProtocolEnum.HTTP)
                        .port(SecurityGroups.HUB_PORT)
                        .vpcId(vpcId)
                        .healthCheckProtocol(ProtocolEnum.HTTP)
                        .healthCheckPath(HEALTH_PATH)
                        .healthCheckIntervalSeconds(INTERVAL_SECONDS)
                        .healthyThresholdCount(HEALTHY_THRESHOLD)
                        .unhealthyThresholdCount(UNHEALTHY_THRESHOLD)
                        .matcher(m -> m.httpCode(HEALTHY_CODE))
                        .tags(tags.elbv2(name))).targetGroups().get(0)),
                new Journaled.Identity<>() {
                    @Override
                    public String id(TargetGroup g) {
                        return g.targetGroupArn();
                    }

                    @Override
                    public Map<String, String> attributes(TargetGroup g) {
                        return Map.of("vpc", vpcId);
                    }

                    @Override
                    public boolean owned(TargetGroup g) throws ProblemException {
                        return tags.ownedBy(ElbTags.of(aws, g.targetGroupArn()));
                    }
                }).resource();
        if (!vpcId.equals(group.vpcId())) {
            throw new ProblemException("The target group " + name + " is in another VPC",
                    "it was made for VPC " + group.vpcId() + ", and the profile's network is now " + vpcId,
                    "Tear the hub down (its users' files can be kept), then deploy again");
        }
        if (!healthCheckAsWanted(group)) {
            run("elasticloadbalancing:ModifyTargetGroup", () -> aws.elbv2().modifyTargetGroup(r -> r
                    .targetGroupArn(group.targetGroupArn())
                    .healthCheckProtocol(ProtocolEnum.HTTP)
                    .healthCheckPath(HEALTH_PATH)
                    .healthCheckIntervalSeconds(INTERVAL_SECONDS)
                    .healthyThresholdCount(HEALTHY_THRESHOLD)
                    .unhealthyThresholdCount(UNHEALTHY_THRESHOLD)
                    .matcher(m -> m.httpCode(HEALTHY_CODE))));
            ctx.log().info("Target group " + name + ": health check set to " + HEALTH_PATH + " answering "
                    + HEALTHY_CODE);
        }
        List<TargetGroupAttribute> attributes = call("elasticloadbalancing:DescribeTargetGroupAttributes",
                () -> aws.elbv2().describeTargetGroupAttributes(r -> r.targetGroupArn(group.targetGroupArn()))
                        .attributes());
        if (attributes.stream().noneMatch(a -> DEREGISTRATION_DELAY.equals(a.key()) && DRAIN_SECONDS.equals(a.value()))) {
            run("elasticloadbalancing:ModifyTargetGroupAttributes", () -> aws.elbv2().modifyTargetGroupAttributes(r -> r
                    .targetGroupArn(group.targetGroupArn()).attributes(TargetGroupAttribute.builder()
                            .key(DEREGISTRATION_DELAY).value(DRAIN_SECONDS).build())));
            ctx.log().info("Target group " + name + ": a replaced task is drained for " + DRAIN_SECONDS + " s");
        }
        return group;
    }

    /** Deletes the recorded target group (see {@link Deletion}); a listener still using it makes AWS wait. */
    public void delete(StepContext ctx, ResourceRecord record, DeletionWaits waits)
            throws ProblemException, Cancellation.CancelledException, InterruptedException {
        Deletion.delete(ctx, tags, record, "target group",
                () -> describe(DescribeTargetGroupsRequest.builder().targetGroupArns(record.id()).build()),
                g -> ElbTags.of(aws, g.targetGroupArn()),
                g -> Deletion.whileInUse(ctx, waits, "target group " + record.name(),
                        () -> run("elasticloadbalancing:DeleteTargetGroup", () -> aws.elbv2().deleteTargetGroup(r -> r
                                .targetGroupArn(record.id())))));
    }

    public Intent preview(Journal journal, String name) throws ProblemException {
        Optional<TargetGroup> group = find(journal, name);
        String wanted = "the hub's task by IP, port " + SecurityGroups.HUB_PORT + ", healthy when " + HEALTH_PATH
                + " answers " + HEALTHY_CODE;
        if (group.isEmpty()) {
            return Intent.create("target group", name, wanted);
        }
        return healthCheckAsWanted(group.get()) ? Intent.reuse("target group", name, wanted)
                : Intent.change("target group", name, wanted);
    }

    private static boolean healthCheckAsWanted(TargetGroup group) {
        return HEALTH_PATH.equals(group.healthCheckPath())
                && group.matcher() != null && HEALTHY_CODE.equals(group.matcher().httpCode())
                && Objects.equals(INTERVAL_SECONDS, group.healthCheckIntervalSeconds())
                && Objects.equals(HEALTHY_THRESHOLD, group.healthyThresholdCount())
                && Objects.equals(UNHEALTHY_THRESHOLD, group.unhealthyThresholdCount());
    }

    private Optional<TargetGroup> describe(DescribeTargetGroupsRequest request) throws ProblemException {
        return call("elasticloadbalancing:DescribeTargetGroups", () -> {
            try {
                return aws.elbv2().describeTargetGroups(request).targetGroups().stream().findFirst();
            } catch (TargetGroupNotFoundException e) {
                return Optional.empty();
            }
        });
    }
}
