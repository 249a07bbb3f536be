package dev.hubwizard.deploy;

import dev.hubwizard.profile.Profile;
import dev.hubwizard.profile.ResourceNames;

import java.net.URI;

/** The addresses a hub with a stable address has, and the name its resources are made from. */
final class HubUrls {

    private HubUrls() {
    }

    /**
     * What the profile's AWS resources are named after ({@code team-hub}): the profile's name, not the
     * user-editable resource names, so that renaming the cluster never orphans the load balancer.
     */
    static String prefix(Profile profile) {
        return ResourceNames.derivedFrom(profile.name()).taskFamily();
    }

    /** {@code https://DOMAIN/} with a domain, else {@code http://LOAD-BALANCER-DNS/}. */
    static URI stable(Profile profile, String loadBalancerDnsName) {
        return profile.options().ownDomain() ? URI.create("https://" + profile.options().domainName() + "/")
                : URI.create("http://" + loadBalancerDnsName + "/");
    }

    /** Where Cognito sends people back after they signed in: JupyterHub's OAuth callback, over HTTPS. */
    static String callback(Profile profile) {
        return "https://" + profile.options().domainName() + "/hub/oauth_callback";
    }

    /** Where Cognito may send people after signing out: the hub's front page. */
    static String afterSignOut(Profile profile) {
        return "https://" + profile.options().domainName() + "/";
    }
}
