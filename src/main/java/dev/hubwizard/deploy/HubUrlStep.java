package dev.hubwizard.deploy;

import dev.hubwizard.aws.AwsClients;
import dev.hubwizard.aws.Distributions;
import dev.hubwizard.aws.EcsService;
import dev.hubwizard.aws.HubAddress;
import dev.hubwizard.aws.HubEndpoint;
import dev.hubwizard.aws.HubLoadBalancer;
import dev.hubwizard.aws.LogGroups;
import dev.hubwizard.aws.ProfileTags;
import dev.hubwizard.aws.StoppedTasks;
import dev.hubwizard.engine.Intent;
import dev.hubwizard.engine.Key;
import dev.hubwizard.engine.Step;
import dev.hubwizard.engine.StepContext;
import dev.hubwizard.profile.Profile;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Finds the running hub's address and waits until {@code /hub/health} answers there: the task's public IP,
 * or with a stable address {@code https://DOMAIN/} (or {@code http://LOAD-BALANCER-DNS/} without a domain),
 * once the load balancer finds the task healthy. With the HTTPS address on AWS, {@code https://dXXXX.cloudfront.net/}:
 * without a load balancer the distribution is pointed at the task first; either way CloudFront's deployment is
 * waited for.
 */
public final class HubUrlStep implements Step {

    public static final String ID = "hub-url";
    public static final Key<HubAddress> HUB_URL = Key.of("hub-url", HubAddress.class);
    /** JupyterHub answers seconds after its task runs; minutes mean something is wrong. */
    public static final Duration HEALTH_TIMEOUT = Duration.ofMinutes(5);

    private final Profile profile;
    private final HubEndpoint endpoint;
    private final Distributions distributions;

    public HubUrlStep(Profile profile, AwsClients aws, Duration healthTimeout) {
        this.profile = profile;
        this.distributions = new Distributions(aws, new ProfileTags(profile.name()));
        this.endpoint = new HubEndpoint(aws, new StoppedTasks(aws, new LogGroups(aws, new ProfileTags(profile.name()))),
                healthTimeout);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Hub URL";
    }

    @Override
    public Set<String> dependsOn() {
        // With a domain the address works once the domain points at the load balancer.
        if (profile.options().ownDomain()) {
            return Set.of(ServiceStep.ID, DomainRecordStep.ID);
        }
        return profile.options().awsAddress() ? Set.of(ServiceStep.ID, DistributionStep.ID) : Set.of(ServiceStep.ID);
    }

    @Override
    public void run(StepContext context) throws Exception {
        EcsService service = context.require(ServiceStep.SERVICE);
        if (profile.options().awsAddress()) {
            String targetGroup = profile.options().stableAddress()
                    ? context.require(LoadBalancerStep.LOAD_BALANCER).targetGroupArn() : "";
            context.put(HUB_URL, endpoint.waitUntilHealthyAtEdge(context, service.cluster(), service.name(),
                    context.require(DistributionStep.DISTRIBUTION), distributions, targetGroup));
        } else if (profile.options().stableAddress()) {
            HubLoadBalancer balancer = context.require(LoadBalancerStep.LOAD_BALANCER);
            context.put(HUB_URL, endpoint.waitUntilHealthyBehind(context, service.cluster(), service.name(),
                    balancer.targetGroupArn(), HubUrls.stable(profile, balancer.dnsName())));
        } else {
            context.put(HUB_URL, endpoint.waitUntilHealthy(context, service.cluster(), service.name()));
        }
    }

    @Override
    public List<Intent> preview(StepContext context) {
        if (profile.options().awsAddress()) {
            return List.of(Intent.run((profile.options().stableAddress() ? ""
                    : "Point the HTTPS address at the hub's task, ") + "wait until CloudFront has deployed it (2 to 5 "
                    + "minutes after a change, 5 to 15 for a new address) and the hub answers there"));
        }
        if (profile.options().ownDomain()) {
            return List.of(Intent.run("Wait until the hub answers at https://" + profile.options().domainName() + "/"));
        }
        return List.of(Intent.run(profile.options().stableAddress()
                ? "Wait until the hub answers at the load balancer's address (plain HTTP)"
                : "Find the hub's public address and wait until it answers"));
    }
}
