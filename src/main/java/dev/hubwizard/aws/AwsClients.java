package dev.hubwizard.aws;

import dev.hubwizard.aws.signin.MfaCodePrompt;
import dev.hubwizard.aws.signin.MfaRoleCredentials;
import dev.hubwizard.profile.AwsTarget;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.costexplorer.CostExplorerClient;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.efs.EfsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.servicequotas.ServiceQuotasClient;
import software.amazon.awssdk.services.sts.StsClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The one place AWS SDK clients are built: one sync client per service, created on first use, reused,
 * closed with this object. Configuration comes from the AWS ecosystem itself, never from a variable of
 * our own: the default credential chain (environment, {@code ~/.aws}, SSO...) or the profile the user
 * picked, the profile's region or the default region chain, and endpoint overrides through the SDK's
 * standard {@code AWS_ENDPOINT_URL} / {@code AWS_ENDPOINT_URL_<SERVICE>} (or their system-property
 * twins {@code aws.endpointUrl...}, or {@code endpoint_url} in the profile), which the SDK applies
 * by itself to every client.
 *
 * <p>EC2, ECS, Elastic Load Balancing and EFS get more patience than the SDK's default: AWS answers NotFound for a
 * while after a create ({@link EventualConsistency}), and such an answer for an id these clients just made is
 * asked again with back-off ({@link FreshIds}), as the SDK's retry strategy does with a throttled call.
 */
public final class AwsClients implements AutoCloseable {

    /** A whole call, retries included; the SDK's default is to wait forever. */
    static final Duration API_CALL_TIMEOUT = Duration.ofMinutes(2);
    /** One attempt; a hung connection is retried instead of stalling the step. */
    static final Duration API_CALL_ATTEMPT_TIMEOUT = Duration.ofSeconds(30);

    private final AwsTarget target;
    private final MfaCodePrompt mfaCodes;
    private final EventualConsistency consistency;
    private final FreshIds fresh;
    private final ApiCalls calls = new ApiCalls();
    private final Map<Class<?>, SdkClient> clients = new ConcurrentHashMap<>();
    private SdkHttpClient http;
    private AwsCredentialsProvider credentials;
    private Region region;
    private boolean closed;

    public AwsClients(AwsTarget target) {
        this(target, MfaCodePrompt.NONE, EventualConsistency.AWS);
    }

    /** @param mfaCodes asks the person for an MFA code when the profile's role needs one */
    public AwsClients(AwsTarget target, MfaCodePrompt mfaCodes) {
        this(target, mfaCodes, EventualConsistency.AWS);
    }

    /** @param consistency how long to allow AWS to know what was just made (shorter in tests) */
    public AwsClients(AwsTarget target, EventualConsistency consistency) {
        this(target, MfaCodePrompt.NONE, consistency);
    }

    public AwsClients(AwsTarget target, MfaCodePrompt mfaCodes, EventualConsistency consistency) {
        this.target = target;
        this.mfaCodes = mfaCodes;
        this.consistency = consistency;
        this.fresh = new FreshIds(consistency.newIds());
    }

    public EcrClient ecr() {
        return client(EcrClient.class, EcrClient::builder);
    }

    public EcsClient ecs() {
        return client(EcsClient.class, EcsClient::builder, true);
    }

    public Ec2Client ec2() {
        return client(Ec2Client.class, Ec2Client::builder, true);
    }

    public IamClient iam() {
        return client(IamClient.class, IamClient::builder);
    }

    public CloudWatchLogsClient logs() {
        return client(CloudWatchLogsClient.class, CloudWatchLogsClient::builder);
    }

    public StsClient sts() {
        return client(StsClient.class, StsClient::builder);
    }

    public ServiceQuotasClient serviceQuotas() {
        return client(ServiceQuotasClient.class, ServiceQuotasClient::builder);
    }

    public ElasticLoadBalancingV2Client elbv2() {
        return client(ElasticLoadBalancingV2Client.class, ElasticLoadBalancingV2Client::builder, true);
    }

    public AcmClient acm() {
        return client(AcmClient.class, AcmClient::builder);
    }

    /** Route 53 is global: the SDK's endpoint rules send any region of the partition to its one endpoint. */
    public Route53Client route53() {
        return client(Route53Client.class, Route53Client::builder);
    }

    public CognitoIdentityProviderClient cognito() {
        return client(CognitoIdentityProviderClient.class, CognitoIdentityProviderClient::builder);
    }

    public EfsClient efs() {
        return client(EfsClient.class, EfsClient::builder, true);
    }

    public SsmClient ssm() {
        return client(SsmClient.class, SsmClient::builder);
    }

    /** Cost Explorer is global: the SDK's endpoint rules send any region of the partition to its one endpoint. */
    public CostExplorerClient costExplorer() {
        return client(CostExplorerClient.class, CostExplorerClient::builder);
    }

    public SecretsManagerClient secretsManager() {
        return client(SecretsManagerClient.class, SecretsManagerClient::builder);
    }

    /** CloudFront is global: like Route 53's, its endpoint is the partition's one, whatever the region. */
    public CloudFrontClient cloudFront() {
        return client(CloudFrontClient.class, CloudFrontClient::builder);
    }

    public LambdaClient lambda() {
        return client(LambdaClient.class, LambdaClient::builder);
    }

    public EventBridgeClient eventBridge() {
        return client(EventBridgeClient.class, EventBridgeClient::builder);
    }

    /** How long these clients allow AWS to know what was just made. */
    public EventualConsistency consistency() {
        return consistency;
    }

    /** What these clients made moments ago. */
    FreshIds fresh() {
        return fresh;
    }

    /** Every call these clients made, by operation. */
    public ApiCalls calls() {
        return calls;
    }

    /** The profile's region, or the default region chain's ({@code AWS_REGION}, the AWS profile...). */
    public synchronized Region region() {
        if (region == null) {
            region = target.region().isBlank()
                    ? DefaultAwsRegionProviderChain.builder().profileName(profileNameOrNull()).build().getRegion()
                    : Region.of(target.region());
        }
        return region;
    }

    private <C extends SdkClient, B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>> C client(
            Class<C> type, Supplier<B> builder) {
        return client(type, builder, false);
    }

    /** @param patient whether NotFound for a fresh id is asked again (the services where a create is used at once) */
    private <C extends SdkClient, B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>> C client(
            Class<C> type, Supplier<B> builder, boolean patient) {
        SdkClient existing = clients.get(type);
        if (existing != null) {
            return type.cast(existing);
        }
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("The AWS clients are closed");
            }
            // Building a client reads ~/.aws and may refresh an SSO token: never on the UI thread,
            // where it would freeze the window. Checked by name because this package knows no JavaFX.
            if ("JavaFX Application Thread".equals(Thread.currentThread().getName())) {
                throw new IllegalStateException("AWS clients are built off the JavaFX thread");
            }
            SdkClient client = clients.get(type);
            if (client == null) {
                ClientOverrideConfiguration.Builder override = ClientOverrideConfiguration.builder()
                        .apiCallTimeout(API_CALL_TIMEOUT)
                        .apiCallAttemptTimeout(API_CALL_ATTEMPT_TIMEOUT)
                        .addExecutionInterceptor(calls)
                        .addExecutionInterceptor(fresh);
                if (patient) {
                    // Replaces a retry mode the AWS profile may name, for these services only.
                    override.retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                            .retryOnException(fresh::notVisibleYet)
                            .backoffStrategy(consistency.backoff())
                            .maxAttempts(consistency.attempts())
                            // Retries of a fresh id are bounded by its age; the retry quota would cut them short.
                            .circuitBreakerEnabled(false)
                            .build());
                }
                if (!target.profileName().isBlank()) {
                    // The chosen profile's other settings (endpoint_url, retry mode...) apply too.
                    override.defaultProfileName(target.profileName());
                }
                client = builder.get()
                        .httpClient(http())
                        .credentialsProvider(credentials())
                        .region(region())
                        .overrideConfiguration(override.build())
                        .build();
                clients.put(type, client);
            }
            return type.cast(client);
        }
    }

    private SdkHttpClient http() {
        if (http == null) {
            http = ApacheHttpClient.builder()
                    .connectionTimeout(Duration.ofSeconds(5))
                    .socketTimeout(Duration.ofSeconds(30))
                    .build();
        }
        return http;
    }

    private AwsCredentialsProvider credentials() {
        if (credentials == null) {
            // A named profile may hold keys, a role to assume, an SSO session or a console sign-in: the
            // profile provider handles each (SSO through the sso/ssooidc modules, login_session through
            // signin, all on the class path) except a role that needs an MFA code, which it cannot ask for.
            if (target.profileName().isBlank()) {
                credentials = DefaultCredentialsProvider.builder().build();
            } else {
                credentials = MfaRoleCredentials.forProfile(ProfileFile.defaultProfileFile(), target.profileName(),
                                mfaCodes, http(), region())
                        .<AwsCredentialsProvider>map(p -> p)
                        .orElseGet(() -> ProfileCredentialsProvider.builder().profileName(target.profileName()).build());
            }
        }
        return credentials;
    }

    private String profileNameOrNull() {
        return target.profileName().isBlank() ? null : target.profileName();
    }

    /**
     * The person signed in again: the clients and the credentials they hold go, and the next call builds
     * them afresh from the AWS files. Not while a call is under way.
     */
    public synchronized void signedIn() {
        List<AutoCloseable> toClose = new ArrayList<>(clients.values());
        clients.clear();
        if (credentials instanceof AutoCloseable closeable) {
            toClose.add(closeable);
        }
        credentials = null;
        closeAll(toClose);
    }

    @Override
    public synchronized void close() {
        closed = true;
        List<AutoCloseable> toClose = new ArrayList<>(clients.values());
        clients.clear();
        if (credentials instanceof AutoCloseable closeable) {
            toClose.add(closeable);
        }
        if (http != null) {
            // Shared with every client, so the clients do not close it themselves.
            toClose.add(http);
        }
        closeAll(toClose);
    }

    private static void closeAll(List<AutoCloseable> toClose) {
        for (AutoCloseable closeable : toClose) {
            try {
                closeable.close();
            } catch (Exception ignored) {
                // On exit or after a new sign-in: one client failing to close must not keep the others open.
            }
        }
    }
}
