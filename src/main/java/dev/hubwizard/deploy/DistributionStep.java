package dev.hubwizard.deploy;

import dev.hubwizard.aws.AwsClients;
import dev.hubwizard.aws.AwsTexts;
import dev.hubwizard.aws.DistributionSpec;
import dev.hubwizard.aws.Distributions;
import dev.hubwizard.aws.HubDistribution;
import dev.hubwizard.aws.HubLoadBalancer;
import dev.hubwizard.aws.ProfileTags;
import dev.hubwizard.aws.SecurityGroups;
import dev.hubwizard.aws.ViewerFunctions;
import dev.hubwizard.engine.Intent;
import dev.hubwizard.engine.Key;
import dev.hubwizard.engine.ProblemException;
import dev.hubwizard.engine.Step;
import dev.hubwizard.engine.StepContext;
import dev.hubwizard.profile.Profile;
import software.amazon.awssdk.services.cloudfront.model.FunctionStage;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The hub's HTTPS address without a domain of its own: a CloudFront distribution, {@code https://dXXXX.cloudfront.net/}
 * with AWS's certificate, in front of the hub's load balancer when it has one, else of the hub's task itself. It
 * runs early, beside the image build: CloudFront takes minutes to deploy a new distribution, and Cognito's
 * callback address and the task's environment need the address before the task exists. Without a load balancer
 * the origin is set once the task runs (by {@link HubUrlStep}, and by the {@link OriginUpdaterStep}'s function
 * whenever ECS replaces the task); until then it names no host.
 */
public final class DistributionStep implements Step {

    public static final String ID = "distribution";
    public static final Key<HubDistribution> DISTRIBUTION = Key.of("distribution", HubDistribution.class);

    private final Profile profile;
    private final AwsTexts texts;
    private final Distributions distributions;
    private final ViewerFunctions functions;

    public DistributionStep(Profile profile, AwsClients aws) {
        this.profile = profile;
        this.texts = new AwsTexts(profile.name());
        ProfileTags tags = new ProfileTags(profile.name());
        this.distributions = new Distributions(aws, tags);
        this.functions = new ViewerFunctions(aws, tags);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "HTTPS address (CloudFront)";
    }

    @Override
    public Set<String> dependsOn() {
        return profile.options().stableAddress() ? Set.of(LoadBalancerStep.ID) : Set.of();
    }

    @Override
    public void run(StepContext context) throws Exception {
        String function = restricted() ? functions.ensure(context, texts.viewerFunctionName(),
                texts.viewerFunctionComment(), viewerCode()) : "";
        HubDistribution distribution = distributions.ensure(context, HubUrls.prefix(profile),
                spec(context.get(LoadBalancerStep.LOAD_BALANCER), function));
        context.put(DISTRIBUTION, distribution);
        context.log().info("The hub's HTTPS address is " + distribution.url() + " (CloudFront deploys it to its "
                + "edge locations in the next minutes; the last step waits until the hub answers there)");
    }

    @Override
    public List<Intent> preview(StepContext context) throws Exception {
        List<Intent> intents = new ArrayList<>();
        String function = "";
        if (restricted()) {
            intents.add(functions.preview(texts.viewerFunctionName(), viewerCode(), "at CloudFront's edge, lets in only "
                    + profile.network().ingressCidr() + " (the settings' \"who may reach the hub\"); anyone else gets "
                    + "403"));
            function = functions.find(texts.viewerFunctionName(), FunctionStage.LIVE)
                    .map(f -> f.functionSummary().functionMetadata().functionARN()).orElse("");
        }
        Intent distribution = distributions.preview(context.journal(), HubUrls.prefix(profile),
                spec(context.get(LoadBalancerStep.LOAD_BALANCER), function),
                "HTTPS on an AWS address (https://….cloudfront.net, AWS's certificate) in front of "
                        + (profile.options().stableAddress() ? "the load balancer" : "the hub's task")
                        + ": nothing cached, cookies, sign-in and notebooks' WebSockets passed through, plain HTTP "
                        + "sent to HTTPS");
        intents.add(distribution);
        intents.add(Intent.run(timing(distribution.action() == Intent.Action.CREATE)));
        return intents;
    }

    /** Whether only an address range may reach the hub: CloudFront's function then keeps everyone else out. */
    private boolean restricted() {
        return !profile.network().isOpenToAnywhere();
    }

    private String viewerCode() {
        return ViewerFunctions.code(List.of(profile.network().ingressCidr()));
    }

    /** How long CloudFront takes on AWS, for the plan page: it documents no figure, so what it usually takes. */
    private String timing(boolean newAddress) {
        String first = newAddress ? "A new address takes CloudFront about 5 to 15 minutes to deploy to its edge "
                + "locations (this deploy waits for it). " : "";
        return first + (profile.options().stableAddress()
                ? "The load balancer keeps the address on the hub's task: a redeploy changes nothing at CloudFront"
                : "When the hub's task changes (a redeploy, or ECS replacing a task that stopped) the address follows "
                + "it in about 2 to 5 minutes");
    }

    /** The distribution this session made or found, else the one AWS has for the profile (read-only). */
    static Optional<HubDistribution> known(Profile profile, StepContext context, AwsClients aws)
            throws ProblemException {
        Optional<HubDistribution> made = context.get(DISTRIBUTION);
        return made.isPresent() ? made : new Distributions(aws, new ProfileTags(profile.name()))
                .find(context.journal(), HubUrls.prefix(profile), new AwsTexts(profile.name()).distributionComment());
    }

    /**
     * Behind the load balancer, its DNS name on port 80; else the task's on 8000, set once the task runs. With an
     * address range, the function that keeps everyone else out, and IPv6 only for an IPv6 range.
     */
    private DistributionSpec spec(Optional<HubLoadBalancer> balancer, String viewerFunction) {
        boolean ipv6 = !restricted() || profile.network().ingressCidr().contains(":");
        return profile.options().stableAddress()
                ? new DistributionSpec(texts.distributionComment(), balancer.map(HubLoadBalancer::dnsName),
                SecurityGroups.HTTP_PORT, viewerFunction, ipv6)
                : new DistributionSpec(texts.distributionComment(), Optional.empty(), SecurityGroups.HUB_PORT,
                viewerFunction, ipv6);
    }
}
