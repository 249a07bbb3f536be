package dev.hubwizard.deploy;

import dev.hubwizard.aws.AwsClients;
import dev.hubwizard.aws.AwsTexts;
import dev.hubwizard.aws.HubLoadBalancer;
import dev.hubwizard.aws.Listeners;
import dev.hubwizard.aws.LoadBalancers;
import dev.hubwizard.aws.ProfileTags;
import dev.hubwizard.aws.TargetGroups;
import dev.hubwizard.engine.Intent;
import dev.hubwizard.engine.Step;
import dev.hubwizard.engine.StepContext;
import dev.hubwizard.profile.Profile;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the load balancer listens on: with a domain, HTTPS on 443 with the certificate, and HTTP on 80
 * redirecting to it; without one, HTTP on 80 only — for CloudFront in front of it (HTTPS to people), or else with a
 * warning that passwords then travel unencrypted.
 */
public final class ListenersStep implements Step {

    public static final String ID = "listeners";

    private final Profile profile;
    private final Listeners listeners;
    private final LoadBalancers balancers;
    private final TargetGroups targetGroups;

    public ListenersStep(Profile profile, AwsClients aws) {
        this.profile = profile;
        ProfileTags tags = new ProfileTags(profile.name());
        this.listeners = new Listeners(aws, tags);
        this.balancers = new LoadBalancers(aws, tags);
        this.targetGroups = new TargetGroups(aws, tags);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return profile.options().ownDomain() ? "HTTPS listener" : "HTTP listener";
    }

    @Override
    public Set<String> dependsOn() {
        return profile.options().ownDomain() ? Set.of(LoadBalancerStep.ID, CertificateStep.ID)
                : Set.of(LoadBalancerStep.ID);
    }

    @Override
    public void run(StepContext context) throws Exception {
        HubLoadBalancer balancer = context.require(LoadBalancerStep.LOAD_BALANCER);
        String certificate = profile.options().ownDomain() ? context.require(CertificateStep.CERTIFICATE) : "";
        listeners.ensure(context, balancer, certificate);
        if (profile.options().awsAddress()) {
            context.log().info("The load balancer speaks plain HTTP on port 80 to CloudFront alone; people reach the "
                    + "hub over HTTPS at CloudFront's address");
        } else if (!profile.options().ownDomain()) {
            context.log().warn("No HTTPS: the hub's sign-in page and everything after it travel unencrypted (plain "
                    + "HTTP on port 80)");
        }
    }

    @Override
    public List<Intent> preview(StepContext context) throws Exception {
        String name = new AwsTexts(profile.name()).loadBalancerName();
        Optional<HubLoadBalancer> balancer = context.get(LoadBalancerStep.LOAD_BALANCER);
        if (balancer.isEmpty()) {
            // Not run yet in this session: what AWS has, if anything.
            Optional<String> targetGroup = targetGroups.find(context.journal(),
                    new AwsTexts(profile.name()).targetGroupName()).map(TargetGroup::targetGroupArn);
            balancer = balancers.find(context.journal(), name).map(lb -> new HubLoadBalancer(lb.loadBalancerArn(),
                    name, lb.dnsName(), lb.canonicalHostedZoneId(), targetGroup.orElse("")));
        }
        List<Intent> intents = new ArrayList<>(listeners.preview(context.journal(), balancer, name,
                profile.options().ownDomain()));
        if (!profile.options().https()) {
            intents.add(Intent.run("WARNING: no HTTPS, so plain HTTP: passwords travel unencrypted. Turn on \"HTTPS "
                    + "on an AWS address\" or set a domain name"));
        }
        return intents;
    }
}
