package dev.hubwizard.deploy;

import dev.hubwizard.aws.AwsClients;
import dev.hubwizard.aws.AwsTexts;
import dev.hubwizard.aws.HubLoadBalancer;
import dev.hubwizard.aws.HubNetwork;
import dev.hubwizard.aws.LoadBalancers;
import dev.hubwizard.aws.ProfileTags;
import dev.hubwizard.aws.TargetGroups;
import dev.hubwizard.engine.Intent;
import dev.hubwizard.engine.Key;
import dev.hubwizard.engine.Step;
import dev.hubwizard.engine.StepContext;
import dev.hubwizard.profile.Profile;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

import java.util.List;
import java.util.Set;

/**
 * The stable address: the target group the hub's task is registered in, and the internet-facing Application
 * Load Balancer in front of it, in the network's public subnets behind its own security group.
 */
public final class LoadBalancerStep implements Step {

    public static final String ID = "load-balancer";
    public static final Key<HubLoadBalancer> LOAD_BALANCER = Key.of("load-balancer", HubLoadBalancer.class);

    private final Profile profile;
    private final String name;
    private final String targetGroupName;
    private final LoadBalancers balancers;
    private final TargetGroups targetGroups;

    public LoadBalancerStep(Profile profile, AwsClients aws) {
        this.profile = profile;
        AwsTexts texts = new AwsTexts(profile.name());
        this.name = texts.loadBalancerName();
        this.targetGroupName = texts.targetGroupName();
        ProfileTags tags = new ProfileTags(profile.name());
        this.balancers = new LoadBalancers(aws, tags);
        this.targetGroups = new TargetGroups(aws, tags);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Load balancer";
    }

    @Override
    public Set<String> dependsOn() {
        return Set.of(NetworkStep.ID);
    }

    @Override
    public void run(StepContext context) throws Exception {
        HubNetwork network = context.require(NetworkStep.NETWORK);
        TargetGroup targetGroup = targetGroups.ensure(context, targetGroupName, network.vpcId());
        LoadBalancer balancer = balancers.ensure(context, name, network);
        context.put(LOAD_BALANCER, new HubLoadBalancer(balancer.loadBalancerArn(), name, balancer.dnsName(),
                balancer.canonicalHostedZoneId(), targetGroup.targetGroupArn()));
        if (!profile.options().https()) {
            context.log().warn("The hub's address http://" + balancer.dnsName() + "/ is plain HTTP: passwords "
                    + "cross the internet unencrypted. Turn on \"HTTPS on an AWS address\" (or set a domain name) in the "
                    + "settings to get HTTPS");
        }
    }

    @Override
    public List<Intent> preview(StepContext context) throws Exception {
        return List.of(targetGroups.preview(context.journal(), targetGroupName),
                balancers.preview(context.journal(), name, profile.options().ownDomain()));
    }
}
