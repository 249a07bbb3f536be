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
import dev.hubwizard.engine.ProblemException;
import dev.hubwizard.engine.Step;
import dev.hubwizard.engine.StepContext;
import dev.hubwizard.hub.CheckFailed;
import dev.hubwizard.hub.HubBrowser;
import dev.hubwizard.hub.LoginPage;
import dev.hubwizard.profile.Profile;
import dev.hubwizard.profile.SignIn;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Finds the running hub's address and waits until {@code /hub/health} answers there: the task's public IP,
 * or with a stable address {@code https://DOMAIN/} (or {@code http://LOAD-BALANCER-DNS/} without a domain),
 * once the load balancer finds the task healthy. With the HTTPS address on AWS, {@code https://dXXXX.cloudfront.net/}:
 * without a load balancer the distribution is pointed at the task first; either way CloudFront's deployment is
 * waited for. Then it looks at what a person meets at {@code /hub/login} (through CloudFront, when the hub has
 * its address), without signing in (nobody is created on the real hub): the first-use password form, or with
 * Cognito a redirect to the user pool's own domain; anything else is a problem.
 */
public final class HubUrlStep implements Step {

    public static final String ID = "hub-url";
    public static final Key<HubAddress> HUB_URL = Key.of("hub-url", HubAddress.class);
    /** What a person meets at {@code /hub/login}: "the sign-in form (…)", "a redirect to https://… to sign in". */
    public static final Key<String> SIGN_IN_PAGE = Key.of("sign-in-page", String.class);
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
        HubAddress address;
        if (profile.options().awsAddress()) {
            String targetGroup = profile.options().stableAddress()
                    ? context.require(LoadBalancerStep.LOAD_BALANCER).targetGroupArn() : "";
            address = endpoint.waitUntilHealthyAtEdge(context, service.cluster(), service.name(),
                    context.require(DistributionStep.DISTRIBUTION), distributions, targetGroup);
        } else if (profile.options().stableAddress()) {
            HubLoadBalancer balancer = context.require(LoadBalancerStep.LOAD_BALANCER);
            address = endpoint.waitUntilHealthyBehind(context, service.cluster(), service.name(),
                    balancer.targetGroupArn(), HubUrls.stable(profile, balancer.dnsName()));
        } else {
            address = endpoint.waitUntilHealthy(context, service.cluster(), service.name());
        }
        context.put(HUB_URL, address);
        context.put(SIGN_IN_PAGE, checkSignInPage(context, address.url()));
    }

    /** The sign-in page the profile chose, or a problem saying what is there instead. */
    private String checkSignInPage(StepContext context, URI hub) throws ProblemException, InterruptedException {
        URI login = hub.resolve("/hub/login");
        LoginPage.Found found;
        try {
            found = LoginPage.at(new HubBrowser(hub));
        } catch (IOException e) {
            throw new ProblemException("The hub's sign-in page does not answer", login + " gave no answer ("
                    + e.getMessage() + ") although /hub/health did", "Press Retry in a moment");
        } catch (CheckFailed e) {
            throw new ProblemException("The hub has no sign-in page", e.what(),
                    "Open the hub's log (the task's log group) to see why, then deploy again");
        }
        boolean cognito = profile.hub().signIn() == SignIn.COGNITO;
        if (cognito) {
            URI pool = URI.create(context.require(CognitoStep.CLIENT).domainUrl());
            if (found.form() || !pool.getHost().equalsIgnoreCase(found.identityProvider().getHost())) {
                throw new ProblemException("The hub does not send people to Cognito to sign in", login + " offers "
                        + found.description() + ", not a redirect to the user pool's domain " + pool,
                        "Deploy again, so that the hub's task gets the Cognito settings");
            }
        } else if (!found.form()) {
            throw new ProblemException("The hub does not ask for first-use passwords", login + " offers "
                    + found.description() + ", not the sign-in form", "Deploy again, so that the hub's task gets "
                    + "the profile's sign-in setting");
        }
        context.log().info("Sign-in at " + login + ": " + found.description()
                + (cognito ? " (Amazon Cognito's hosted UI)" : ""));
        return found.description();
    }

    @Override
    public List<Intent> preview(StepContext context) {
        if (profile.options().awsAddress()) {
            return List.of(Intent.run((profile.options().stableAddress() ? ""
                    : "Point the HTTPS address at the hub's task, ") + "wait until CloudFront has deployed it (2 to 5 "
                    + "minutes after a change, 5 to 15 for a new address) and the hub answers there, then check "
                    + signInCheck()));
        }
        if (profile.options().ownDomain()) {
            return List.of(Intent.run("Wait until the hub answers at https://" + profile.options().domainName()
                    + "/, then check " + signInCheck()));
        }
        return List.of(Intent.run((profile.options().stableAddress()
                ? "Wait until the hub answers at the load balancer's address (plain HTTP)"
                : "Find the hub's public address and wait until it answers") + ", then check " + signInCheck()));
    }

    private String signInCheck() {
        return profile.hub().signIn() == SignIn.COGNITO ? "that its sign-in sends people to Cognito"
                : "that its sign-in asks for a first-use password";
    }
}
