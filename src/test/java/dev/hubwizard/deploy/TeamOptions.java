package dev.hubwizard.deploy;

import dev.hubwizard.aws.AwsClients;
import dev.hubwizard.engine.Step;
import dev.hubwizard.profile.CognitoSettings;
import dev.hubwizard.profile.HubSettings;
import dev.hubwizard.profile.Options;
import dev.hubwizard.profile.Profile;
import dev.hubwizard.profile.SignIn;
import software.amazon.awssdk.services.route53.model.HostedZone;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A hub a team can keep, for the tests: every option on, on a domain under the reserved {@code .test} TLD. */
final class TeamOptions {

    /** A zone that cannot exist on the internet (RFC 2606): the tests create it in moto's Route 53. */
    static final String ZONE = "wizard.test";
    static final String DOMAIN = "hub." + ZONE;
    static final String USER_POOL = "team-hub-users";
    static final String DOMAIN_PREFIX = "team-hub-sign-in";

    private TeamOptions() {
    }

    /** {@code profile} with a stable HTTPS address on {@code domain}, Cognito sign-in and kept files. */
    static Profile everyOption(Profile profile, String domain) {
        HubSettings hub = profile.hub();
        return profile.withOptions(new Options(true, domain, true))
                .withHub(new HubSettings(hub.imageFolder(), hub.admins(), hub.allowedUsers(), SignIn.COGNITO,
                        new CognitoSettings(USER_POOL, DOMAIN_PREFIX), hub.localPort(), hub.hostNetwork()));
    }

    /** The steps the options add to {@link AwsTestBed#steps}; the hub URL needs Fargate and is left out. */
    static List<Step> awsSteps(Profile profile, AwsClients aws, AwsTestBed bed) {
        List<Step> steps = new ArrayList<>(bed.steps(profile, aws));
        steps.add(new CertificateStep(profile, aws));
        steps.add(new LoadBalancerStep(profile, aws));
        steps.add(new ListenersStep(profile, aws));
        steps.add(new DomainRecordStep(profile, aws));
        steps.add(new CognitoStep(profile, aws));
        steps.add(new FileSystemStep(profile, aws));
        return steps;
    }

    /** The domain's public zone, as whoever owns the domain would have made it in Route 53. */
    static HostedZone createZone(AwsClients aws) {
        return aws.route53().createHostedZone(r -> r.name(ZONE + ".").callerReference(UUID.randomUUID().toString()))
                .hostedZone();
    }
}
