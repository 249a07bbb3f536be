package dev.hubwizard.deploy;

import dev.hubwizard.aws.AwsClients;
import dev.hubwizard.aws.AwsTexts;
import dev.hubwizard.aws.HubDistribution;
import dev.hubwizard.engine.ProblemException;
import dev.hubwizard.engine.StepContext;
import dev.hubwizard.profile.Profile;

import java.net.URI;
import java.util.Optional;

/** The addresses a hub has, and the name its resources are made from. */
final class HubUrls {

    private HubUrls() {
    }

    /**
     * What the profile's AWS resources are named after ({@code team-hub}): the profile's name, not the
     * user-editable resource names, so that renaming the cluster never orphans the load balancer.
     */
    static String prefix(Profile profile) {
        return new AwsTexts(profile.name()).prefix();
    }

    /** {@code https://DOMAIN/} with a domain, else {@code http://LOAD-BALANCER-DNS/}. */
    static URI stable(Profile profile, String loadBalancerDnsName) {
        return profile.options().ownDomain() ? URI.create("https://" + profile.options().domainName() + "/")
                : URI.create("http://" + loadBalancerDnsName + "/");
    }

    /**
     * The hub's HTTPS address, once it is known: {@code https://DOMAIN/} with a domain of its own, else the
     * CloudFront distribution's {@code https://dXXXX.cloudfront.net/} (made by {@link DistributionStep}, or found
     * in AWS for a preview); empty without HTTPS, or before the distribution exists.
     */
    static Optional<URI> https(Profile profile, StepContext context, AwsClients aws) throws ProblemException {
        if (profile.options().ownDomain()) {
            return Optional.of(URI.create("https://" + profile.options().domainName() + "/"));
        }
        if (profile.options().awsAddress()) {
            return DistributionStep.known(profile, context, aws).map(HubDistribution::url);
        }
        return Optional.empty();
    }

    /** Where Cognito sends people back after they signed in: JupyterHub's OAuth callback, over HTTPS. */
    static String callback(URI address) {
        return address.resolve("/hub/oauth_callback").toString();
    }

    /** Where Cognito may send people after signing out: the hub's front page. */
    static String afterSignOut(URI address) {
        return address.resolve("/").toString();
    }
}
