package dev.hubwizard.aws;

import dev.hubwizard.engine.Cancellation;
import dev.hubwizard.engine.Intent;
import dev.hubwizard.engine.Journal;
import dev.hubwizard.engine.Problem;
import dev.hubwizard.engine.ProblemException;
import dev.hubwizard.engine.ResourceRecord;
import dev.hubwizard.engine.StepContext;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.AvailabilityZone;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeLoadBalancersRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.IpAddressType;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerAttribute;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerSchemeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerStateEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.waiters.ElasticLoadBalancingV2Waiter;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static dev.hubwizard.aws.AwsCall.call;
import static dev.hubwizard.aws.AwsCall.run;

/**
 * The hub's Application Load Balancer: internet-facing, IPv4, in the profile's public subnets (at least two
 * zones, as AWS requires), behind its own security group. Waited on with the SDK's load-balancer-available
 * waiter. Its idle timeout is an hour: notebooks keep WebSocket connections to their kernels that may stay
 * quiet for longer than the default minute.
 */
public final class LoadBalancers {

    /** Names are unique per account and region and at most 32 characters long. */
    public static final int MAX_NAME = 32;
    static final String IDLE_TIMEOUT = "idle_timeout.timeout_seconds";
    static final String IDLE_SECONDS = "3600";
    private static final Duration AVAILABLE_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration DELETED_TIMEOUT = Duration.ofMinutes(5);

    private final AwsClients aws;
    private final ProfileTags tags;

    public LoadBalancers(AwsClients aws, ProfileTags tags) {
        this.aws = aws;
        this.tags = tags;
    }

    public Optional<LoadBalancer> find(Journal journal, String name) throws ProblemException {
        return Journaled.find(journal, ResourceKind.LOAD_BALANCER, name, this::byArn, () -> byName(name));
    }

    public LoadBalancer ensure(StepContext ctx, String name, HubNetwork network)
            throws ProblemException, Cancellation.CancelledException {
        if (network.subnetIds().size() < 2) {
            throw new ProblemException("A load balancer needs two public subnets",
                    "AWS places an Application Load Balancer in at least two availability zones, and the profile's "
                            + "network has only " + network.subnetIds(),
                    "Pick a second public subnet in another zone (or 'A VPC of its own') in the network settings, "
                            + "then press Retry");
        }
        LoadBalancer balancer = Journaled.ensure(ctx, ResourceKind.LOAD_BALANCER, "load balancer", name,
                () -> find(ctx.journal(), name), Journaled.NAME_IS_IDENTITY, () -> create(name, network),
                new Journaled.Identity<>() {
                    @Override
                    public String id(LoadBalancer lb) {
                        return lb.loadBalancerArn();
                    }

                    @Override
                    public Map<String, String> attributes(LoadBalancer lb) {
                        return Map.of("dnsName", lb.dnsName(), "vpc", network.vpcId());
                    }

                    @Override
                    public boolean owned(LoadBalancer lb) throws ProblemException {
                        return tags.ownedBy(ElbTags.of(aws, lb.loadBalancerArn()));
                    }
                }).resource();
        if (!network.vpcId().equals(balancer.vpcId())) {
            throw new ProblemException("The load balancer " + name + " is in another VPC",
                    "it was made for VPC " + balancer.vpcId() + ", and the profile's network is now "
                            + network.vpcId() + "; a load balancer cannot move",
                    "Tear the hub down (its users' files can be kept), then deploy again");
        }
        reconcile(ctx, balancer, network);
        if (balancer.state() == null || balancer.state().code() != LoadBalancerStateEnum.ACTIVE) {
            balancer = waitUntilAvailable(ctx, balancer);
        }
        return balancer;
    }

    /** Deletes the recorded load balancer (see {@link Deletion}) and waits until AWS says it is gone. */
    public void delete(StepContext ctx, ResourceRecord record)
            throws ProblemException, Cancellation.CancelledException, InterruptedException {
        Deletion.delete(ctx, tags, record, "load balancer", () -> byArn(record.id()),
                lb -> ElbTags.of(aws, lb.loadBalancerArn()),
                lb -> {
                    run("elasticloadbalancing:DeleteLoadBalancer", () -> aws.elbv2().deleteLoadBalancer(r -> r
                            .loadBalancerArn(lb.loadBalancerArn())));
                    try (ElasticLoadBalancingV2Waiter waiter = aws.elbv2().waiter()) {
                        waiter.waitUntilLoadBalancersDeleted(DescribeLoadBalancersRequest.builder()
                                .loadBalancerArns(lb.loadBalancerArn()).build(),
                                Waits.upTo(DELETED_TIMEOUT, Duration.ofSeconds(15)));
                    } catch (AwsServiceException e) {
                        throw AwsProblems.explain("elasticloadbalancing:DescribeLoadBalancers", e);
                    } catch (SdkClientException e) {
                        ctx.throwIfCancelled();
                        throw new ProblemException(new Problem("The load balancer " + record.name()
                                + " is still being deleted", "AWS did not report it gone within "
                                + DELETED_TIMEOUT.toMinutes() + " min", "Run the teardown again in a few minutes"), e);
                    }
                });
    }

    public Intent preview(Journal journal, String name, boolean https) throws ProblemException {
        Optional<LoadBalancer> balancer = find(journal, name);
        return balancer.isPresent()
                ? Intent.reuse("load balancer", name, balancer.get().dnsName())
                : Intent.create("load balancer", name, "Application Load Balancer, internet-facing, in two zones"
                + (https ? "" : "; plain HTTP"));
    }

    private LoadBalancer create(String name, HubNetwork network) throws ProblemException {
        LoadBalancer created = call("elasticloadbalancing:CreateLoadBalancer", () -> aws.elbv2().createLoadBalancer(r -> r
                .name(name)
                .type(LoadBalancerTypeEnum.APPLICATION)
                .scheme(LoadBalancerSchemeEnum.INTERNET_FACING)
                .ipAddressType(IpAddressType.IPV4)
                .subnets(network.subnetIds())
                .securityGroups(network.loadBalancerSecurityGroupId())
                .tags(tags.elbv2(name))).loadBalancers().get(0));
        return created;
    }

    /** Security groups and subnets as the profile's network says, and the idle timeout; only what differs. */
    private void reconcile(StepContext ctx, LoadBalancer balancer, HubNetwork network) throws ProblemException {
        String arn = balancer.loadBalancerArn();
        if (!new HashSet<>(balancer.securityGroups()).equals(Set.of(network.loadBalancerSecurityGroupId()))) {
            run("elasticloadbalancing:SetSecurityGroups", () -> aws.elbv2().setSecurityGroups(r -> r.loadBalancerArn(arn)
                    .securityGroups(network.loadBalancerSecurityGroupId())));
            ctx.log().info("Load balancer " + balancer.loadBalancerName() + " now uses security group "
                    + network.loadBalancerSecurityGroupId());
        }
        Set<String> subnets = new HashSet<>(balancer.availabilityZones().stream().map(AvailabilityZone::subnetId)
                .toList());
        if (!subnets.equals(new HashSet<>(network.subnetIds()))) {
            run("elasticloadbalancing:SetSubnets", () -> aws.elbv2().setSubnets(r -> r.loadBalancerArn(arn)
                    .subnets(network.subnetIds())));
            ctx.log().info("Load balancer " + balancer.loadBalancerName() + " now uses subnets " + network.subnetIds());
        }
        List<LoadBalancerAttribute> attributes = call("elasticloadbalancing:DescribeLoadBalancerAttributes",
                () -> aws.elbv2().describeLoadBalancerAttributes(r -> r.loadBalancerArn(arn)).attributes());
        boolean idleTimeoutSet = attributes.stream().anyMatch(a -> IDLE_TIMEOUT.equals(a.key())
                && IDLE_SECONDS.equals(a.value()));
        if (!idleTimeoutSet) {
            run("elasticloadbalancing:ModifyLoadBalancerAttributes", () -> aws.elbv2().modifyLoadBalancerAttributes(r -> r
                    .loadBalancerArn(arn).attributes(LoadBalancerAttribute.builder().key(IDLE_TIMEOUT)
                            .value(IDLE_SECONDS).build())));
            ctx.log().info("Load balancer " + balancer.loadBalancerName() + ": idle connections are kept for "
                    + IDLE_SECONDS + " s (notebooks' WebSockets)");
        }
    }

    private LoadBalancer waitUntilAvailable(StepContext ctx, LoadBalancer balancer)
            throws ProblemException, Cancellation.CancelledException {
        ctx.log().info("Waiting for load balancer " + balancer.loadBalancerName()
                + " to become active (AWS takes a few minutes)");
        try (ElasticLoadBalancingV2Waiter waiter = aws.elbv2().waiter()) {
            return waiter.waitUntilLoadBalancerAvailable(DescribeLoadBalancersRequest.builder()
                            .loadBalancerArns(balancer.loadBalancerArn()).build(),
                    Waits.upTo(AVAILABLE_TIMEOUT, Duration.ofSeconds(15))).matched().response().orElseThrow()
                    .loadBalancers().get(0);
        } catch (AwsServiceException e) {
            throw AwsProblems.explain("elasticloadbalancing:DescribeLoadBalancers", e);
        } catch (SdkClientException e) {
            ctx.throwIfCancelled();
            throw new ProblemException(new Problem("The load balancer " + balancer.loadBalancerName()
                    + " did not become active", "it was not active after " + AVAILABLE_TIMEOUT.toMinutes() + " min ("
                    + e.getMessage() + ")", "Look at it in the EC2 console (Load Balancers), then press Retry"), e);
        }
    }

    private Optional<LoadBalancer> byArn(String arn) throws ProblemException {
        return describe("elasticloadbalancing:DescribeLoadBalancers", DescribeLoadBalancersRequest.builder()
                .loadBalancerArns(arn).build());
    }

    private Optional<LoadBalancer> byName(String name) throws ProblemException {
        return describe("elasticloadbalancing:DescribeLoadBalancers", DescribeLoadBalancersRequest.builder()
                .names(name).build());
    }

    private Optional<LoadBalancer> describe(String action, DescribeLoadBalancersRequest request)
            throws ProblemException {
        return call(action, () -> {
            try {
                return aws.elbv2().describeLoadBalancers(request).loadBalancers().stream().findFirst();
            } catch (LoadBalancerNotFoundException e) {
                return Optional.empty();
            }
        });
    }
}
