package dev.hubwizard.deploy;

import dev.hubwizard.aws.AwsClients;
import dev.hubwizard.aws.AwsTexts;
import dev.hubwizard.aws.ProfileTags;
import dev.hubwizard.aws.ResourceKind;
import dev.hubwizard.aws.Secrets;
import dev.hubwizard.aws.UserPoolClients;
import dev.hubwizard.aws.UserPoolDomains;
import dev.hubwizard.aws.UserPools;
import dev.hubwizard.engine.Intent;
import dev.hubwizard.engine.Key;
import dev.hubwizard.engine.ProblemException;
import dev.hubwizard.engine.Step;
import dev.hubwizard.engine.StepContext;
import dev.hubwizard.profile.CognitoSettings;
import dev.hubwizard.profile.Profile;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolClientType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolType;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Cognito sign-in: the user pool, its hosted sign-in domain, the hub's app client, and the client's secret in
 * Secrets Manager. The secret passes from Cognito to Secrets Manager within this one step, registered with the
 * log's redactor on the way, and is never kept anywhere else; the task reads it from Secrets Manager.
 */
public final class CognitoStep implements Step {

    public static final String ID = "cognito";
    public static final Key<CognitoClient> CLIENT = Key.of("cognito-client", CognitoClient.class);

    private final Profile profile;
    private final CognitoSettings settings;
    private final String region;
    private final UserPools pools;
    private final UserPoolDomains domains;
    private final UserPoolClients clients;
    private final Secrets secrets;
    private final AwsClients aws;

    public CognitoStep(Profile profile, AwsClients aws) {
        this.profile = profile;
        this.aws = aws;
        this.settings = profile.hub().cognito();
        this.region = profile.aws().region();
        ProfileTags tags = new ProfileTags(profile.name());
        this.pools = new UserPools(aws, tags);
        this.domains = new UserPoolDomains(aws);
        this.clients = new UserPoolClients(aws);
        this.secrets = new Secrets(aws, tags);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Cognito sign-in";
    }

    /** With the AWS address, the callback is the distribution's: it must exist first. */
    @Override
    public Set<String> dependsOn() {
        return profile.options().awsAddress() ? Set.of(DistributionStep.ID) : Set.of();
    }

    @Override
    public void run(StepContext context) throws Exception {
        URI address = address(context);
        UserPoolType pool = pools.ensure(context, settings.userPoolName(), HubUrls.afterSignOut(address));
        boolean poolIsOurs = context.journal().findById(ResourceKind.USER_POOL, pool.id()).isPresent();
        String prefix = domains.ensure(context, pool, settings.domainPrefix(), poolIsOurs);
        UserPoolClientType client = clients.ensure(context, pool.id(), wanted(address));
        String secretArn = secrets.ensure(context, secretName(), client.clientSecret());
        context.put(CLIENT, new CognitoClient(pool.id(), UserPoolDomains.url(prefix, region), client.clientId(),
                secretArn));
    }

    @Override
    public List<Intent> preview(StepContext context) throws Exception {
        List<Intent> intents = new ArrayList<>();
        Optional<UserPoolType> pool = pools.find(context.journal(), settings.userPoolName());
        intents.add(pools.preview(context.journal(), settings.userPoolName()));
        intents.add(domains.preview(pool, settings.domainPrefix(), region));
        Optional<URI> address = HubUrls.https(profile, context, aws);
        intents.add(address.isPresent() ? clients.preview(context.journal(), pool.map(UserPoolType::id),
                wanted(address.get()))
                : Intent.create("app client", new AwsTexts(profile.name()).appClientName(), "OAuth code flow, with a "
                + "secret kept in Secrets Manager; calls back the new HTTPS address's /hub/oauth_callback"));
        intents.add(secrets.preview(secretName(), "the app client's secret"));
        return intents;
    }

    private String secretName() {
        return new AwsTexts(profile.name()).secretName(AwsTexts.COGNITO_CLIENT_SECRET);
    }

    private UserPoolClients.Wanted wanted(URI address) {
        return new UserPoolClients.Wanted(new AwsTexts(profile.name()).appClientName(), HubUrls.callback(address),
                HubUrls.afterSignOut(address));
    }

    /** The hub's HTTPS address: Cognito sends people back only to HTTPS. */
    private URI address(StepContext context) throws ProblemException {
        if (!profile.options().https()) {
            throw new ProblemException("Cognito sign-in needs the hub's HTTPS address", "the profile has neither a "
                    + "domain nor the HTTPS address on AWS", "Turn on \"HTTPS on an AWS address\" (or set a domain) in "
                    + "the settings, then deploy again");
        }
        return HubUrls.https(profile, context, aws).orElseThrow(() -> new ProblemException(
                "The hub's HTTPS address does not exist yet", "Cognito calls back the CloudFront distribution's "
                + "address, and the distribution was not found", "Deploy the whole hub (the distribution comes first)"));
    }
}
