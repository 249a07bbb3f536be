package dev.hubwizard.deploy;

import dev.hubwizard.aws.ResourceKind;
import dev.hubwizard.engine.Plan;
import dev.hubwizard.engine.RunResult;
import dev.hubwizard.engine.Step;
import dev.hubwizard.hub.FirstUsePassword;
import dev.hubwizard.hub.HubBrowser;
import dev.hubwizard.hub.HubCheck;
import dev.hubwizard.hub.PersonCheck;
import dev.hubwizard.profile.CognitoSettings;
import dev.hubwizard.profile.DeploymentState;
import dev.hubwizard.profile.DeploymentStatus;
import dev.hubwizard.profile.HubSettings;
import dev.hubwizard.profile.NetworkSettings;
import dev.hubwizard.profile.Options;
import dev.hubwizard.profile.Profile;
import dev.hubwizard.profile.SignIn;
import dev.hubwizard.testbed.CognitoStandIn;
import dev.hubwizard.testbed.CognitoStandInSignIn;
import dev.hubwizard.testbed.StepRecorder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolClientType;

import java.io.IOException;
import java.net.CookieManager;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 18's proof: a new hub, HTTPS by default on an AWS-owned address, deployed whole against moto, the local
 * registry and the Docker Engine, and reached through CloudFront's edge as {@link CloudFrontEdge} plays it from
 * the distribution the app left: a person signs in over HTTPS (plain HTTP is sent there); someone outside the
 * hub's range is turned away at the edge by the CloudFront function the app published; the task's own port turns
 * away anyone but CloudFront; a redeploy (new task, new address) keeps the same HTTPS address working; a
 * task that crashes while Hub Wizard is closed is followed by the Lambda function that EventBridge runs
 * ({@link EventBridgeStandIn}); teardown removes all of it.
 */
class HttpsAddressIT {

    private static final String NAME = "https-hub";
    private static final String THIS_COMPUTER = "127.0.0.1/32";
    /** A viewer's address outside {@link #THIS_COMPUTER}. */
    private static final String OUTSIDER = "127.0.0.9";
    private static final Pattern XSRF = Pattern.compile("name=\"_xsrf\"\\s+value=\"([^\"]+)\"");

    @TempDir
    static Path profiles;
    @TempDir
    static Path edgeFiles;

    private static DeployTestBed bed;

    @BeforeAll
    static void start() throws Exception {
        bed = DeployTestBed.start(profiles);
    }

    @BeforeEach
    void reset() {
        bed.reset();
    }

    @AfterAll
    static void stop() throws Exception {
        if (bed != null) {
            bed.close();
        }
    }

    @Test
    void aNewHubIsHttpsOnAnAwsAddressThatFollowsItsTask() throws Exception {
        // Who may reach the hub: this computer's clients (127.0.0.1), a range CloudFront's function keeps at the edge.
        Profile profile = reachableFrom(bed.profile(NAME, List.of("ada"), List.of("ada")), THIS_COMPUTER)
                .withOptions(Options.NEW_HUB);
        bed.store().saveSettings(profile);
        try (CloudFrontEdge edge = CloudFrontEdge.start(bed.aws(), edgeFiles)) {
            EventBridgeStandIn events = new EventBridgeStandIn(bed.aws());
            FargateStandIn fargate = bed.fargate(profile).behindSecurityGroups(events);

            // Deploy: the address first (CloudFront takes minutes), the rule that follows the task before the task.
            Deployment deployment = bed.deployment(profile);
            Plan plan = deployment.deployPlan(LocalTestApproval.WHEN_CHECKED);
            assertThat(plan.steps()).extracting(Step::id).contains(DistributionStep.ID, OriginUpdaterStep.ID);
            RunResult deployed = bed.run(deployment, plan, fargate);
            assertThat(deployed.succeeded()).as(bed.failures(deployed) + "\nFargate: " + fargate.failures()
                    + "\nEdge: " + edge.problems() + "\nLambda: " + events.runs()).isTrue();
            assertThat(fargate.failures()).as("playing ECS, Fargate and EventBridge").isEmpty();
            DeploymentState first = state();
            assertThat(first.status()).isEqualTo(DeploymentStatus.DEPLOYED);
            URI url = URI.create(first.url());
            assertThat(url.getScheme()).isEqualTo("https");
            assertThat(url.getHost()).endsWith(".cloudfront.net");
            assertThat(url).isEqualTo(URI.create("https://" + first.resources().stream()
                    .filter(r -> r.kind().equals(ResourceKind.DISTRIBUTION)).findFirst().orElseThrow()
                    .attribute("domainName") + "/"));
            assertThat(events.runs()).as("ECS's event ran the function").singleElement().asString()
                    .contains("origin set to");
            assertThat(bed.logText()).contains("The hub answers at " + url);

            // A person's browser: plain HTTP is sent to HTTPS; the sign-in form and its POST pass through.
            Browser ada = new Browser(url);
            HttpResponse<String> plain = ada.get(URI.create("http://" + url.getHost() + "/hub/login"));
            assertThat(plain.statusCode()).isEqualTo(301);
            assertThat(plain.headers().firstValue("Location")).contains("https://" + url.getHost() + "/hub/login");
            assertThat(ada.signIn("ada", "a-first-password")).as("JupyterHub took the sign-in").isEqualTo(302);
            assertThat(ada.get(url.resolve("/hub/home")).statusCode()).as("signed in").isEqualTo(200);
            // Ada's notebook: her server started through the edge, code run in a kernel over the proxied WebSocket.
            assertThat(runCode(url, "ada", "a-first-password")).startsWith("print(getpass.getuser(), ")
                    .contains(" printed ada ");
            assertThat(edge.problems()).isEmpty();

            // Someone outside the hub's range is turned away at the edge by the function the app published.
            edge.viewersFrom(InetAddress.getByName(OUTSIDER));
            HttpResponse<String> outsider = new Browser(url).get(url.resolve("/hub/login"));
            edge.viewersFrom(InetAddress.getLoopbackAddress());
            assertThat(outsider.statusCode()).isEqualTo(403);
            assertThat(outsider.body()).contains("(" + OUTSIDER + ") is not one of them");
            assertThat(ada.get(url.resolve("/hub/home")).statusCode()).as("still signed in").isEqualTo(200);

            // The task's own port is CloudFront's alone: a person going round HTTPS is turned away.
            SecurityGroupGateway task = fargate.publicSide();
            assertThatThrownBy(() -> direct(task)).isInstanceOf(IOException.class);
            assertThat(task.refused()).contains(SecurityGroupGateway.VIEWER_ADDRESS);
            assertThat(task.admitted()).isNotEmpty().doesNotContain(SecurityGroupGateway.VIEWER_ADDRESS);

            // A redeploy with a new user: a new task at a new address, the same HTTPS address.
            Profile changed = profile.withHub(withAllowedUsers(profile.hub(), List.of("ada", "grace")));
            bed.store().saveSettings(changed);
            Deployment redeployment = bed.deployment(bed.store().load(NAME));
            RunResult redeployed = bed.run(redeployment, redeployment.deployPlan(LocalTestApproval.WHEN_CHECKED),
                    fargate);
            assertThat(redeployed.succeeded()).as(bed.failures(redeployed) + "\nFargate: " + fargate.failures()
                    + "\nEdge: " + edge.problems()).isTrue();
            assertThat(state().url()).isEqualTo(url.toString());
            assertThat(fargate.publicSide()).isNotSameAs(task);
            Browser grace = new Browser(url);
            assertThat(grace.signIn("grace", "another-password")).isEqualTo(302);
            assertThat(grace.get(url.resolve("/hub/home")).statusCode()).isEqualTo(200);

            // The task crashes while nobody has Hub Wizard open: ECS replaces it, EventBridge runs the function,
            // and the same address serves the new task.
            fargate.crashAndReplace();
            assertThat(events.runs()).hasSize(3).last().asString().contains("origin set to");
            assertThat(healthWithin(url, Duration.ofSeconds(60))).as("the address after the crash").isEqualTo(200);

            // Teardown: the rule, the function and its role, the distribution; nothing left.
            Plan teardown = redeployment.teardownPlan(TeardownChoices.DELETE_EVERYTHING);
            RunResult tornDown = bed.run(redeployment, teardown, fargate);
            assertThat(tornDown.succeeded()).as(bed.failures(tornDown)).isTrue();
            assertThat(state().resources()).isEmpty();
            assertThat(Inventory.teamIds(bed.aws())).allSatisfy((kind, ids) -> assertThat(ids).as(kind).isEmpty());
            assertThat(Inventory.ids(bed.aws())).allSatisfy((kind, ids) -> assertThat(ids).as(kind).isEmpty());
        }
    }

    /**
     * Cognito sign-in on the AWS-owned address, Cognito's hosted UI played under its own name: the user pool's
     * domain {@code https://PREFIX.auth.REGION.amazoncognito.com} leads, for the test's browser and for the hub's
     * container alike, to {@link CognitoStandIn} on loopback port 443 with a certificate from the edge's test CA.
     * The app's own check (the hub URL step: /hub/login sends people to the pool's domain) runs unchanged.
     */
    @Test
    void cognitoSignsPeopleInAndSendsThemBackToTheAwsAddress() throws Exception {
        Profile base = reachableFrom(bed.profile("https-cognito", List.of("ada"), List.of("ada", "carol_example_org")),
                NetworkSettings.ANYWHERE);
        HubSettings hub = base.hub();
        Profile profile = base.withOptions(Options.NEW_HUB).withHub(new HubSettings(hub.imageFolder(), hub.admins(),
                hub.allowedUsers(), SignIn.COGNITO, new CognitoSettings(TeamOptions.USER_POOL,
                TeamOptions.DOMAIN_PREFIX), hub.localPort(), hub.hostNetwork()));
        bed.store().saveSettings(profile);
        String domain = TeamOptions.DOMAIN_PREFIX + ".auth." + bed.aws().region().id() + ".amazoncognito.com";
        try (CloudFrontEdge edge = CloudFrontEdge.start(bed.aws(), edgeFiles)) {
            // The user pool, its domain and app client first: Cognito's stand-in knows the client, secret and
            // callback the app made.
            Deployment deployment = bed.deployment(profile);
            FargateStandIn fargate = bed.fargate(profile).behindSecurityGroups(new EventBridgeStandIn(bed.aws()));
            RunResult awsSide = bed.run(deployment, deployment.deployPlan(LocalTestApproval.WHEN_CHECKED)
                    .only(List.of(DistributionStep.ID, CognitoStep.ID)));
            assertThat(awsSide.succeeded()).as(bed.failures(awsSide)).isTrue();
            UserPoolClientType client = appClient("https-cognito");
            String callback = client.callbackURLs().get(0);
            assertThat(callback).startsWith("https://").endsWith(".cloudfront.net/hub/oauth_callback");
            try (CognitoStandIn cognito = CognitoStandIn.startAt(domain, edge.certify(domain), client.clientId(),
                    client.clientSecret(), callback)) {
                edge.resolve(domain, cognito.address());
                fargate.cognitoAt(domain, cognito.address().getAddress(), edge.authority());

                RunResult deployed = bed.run(deployment, deployment.deployPlan(LocalTestApproval.WHEN_CHECKED),
                        fargate);

                assertThat(deployed.succeeded()).as(bed.failures(deployed) + "\nFargate: " + fargate.failures()
                        + "\nEdge: " + edge.problems()).isTrue();
                URI url = URI.create(bed.store().load("https-cognito").deployment().url());
                assertThat(callback).isEqualTo(url.resolve("/hub/oauth_callback").toString());
                assertThat(bed.logText()).contains("Sign-in at " + url.resolve("/hub/login"))
                        .contains("(Amazon Cognito's hosted UI)");

                // Carol signs in at Cognito, which sends her back to the hub's HTTPS address, through the edge.
                Browser carol = signInThroughCognito(url, cognito, callback, fargate);
                HttpResponse<String> home = carol.get(url.resolve("/hub/home"));
                assertThat(home.statusCode()).isEqualTo(200);
                assertThat(home.body()).contains("carol_example_org");
                // Her server starts and runs code in a kernel over the edge's proxied WebSocket.
                assertThat(runCode(url, new CognitoStandInSignIn(cognito, new CognitoStandIn.Person(
                        "carol_example_org", "carol@example.org"), "carol_example_org")))
                        .startsWith("print(getpass.getuser(), ").contains(" printed carol_example_org ");
                // Signing out leaves the hub for Cognito's sign-out, which returns to the HTTPS address.
                HttpResponse<String> signedOut = carol.get(url.resolve("/hub/logout"));
                assertThat(signedOut.headers().firstValue("Location")).contains(cognito.domainUrl()
                        + "/logout?client_id=" + client.clientId() + "&logout_uri="
                        + URLEncoder.encode(url.toString(), StandardCharsets.UTF_8));

                // A redeploy (a new task at a new address): the app client still calls back the same address.
                Profile changed = bed.store().load("https-cognito");
                changed = changed.withHub(withAllowedUsers(changed.hub(), List.of("ada", "carol_example_org",
                        "grace")));
                bed.store().saveSettings(changed);
                Deployment redeployment = bed.deployment(bed.store().load("https-cognito"));
                RunResult redeployed = bed.run(redeployment, redeployment.deployPlan(
                        LocalTestApproval.WHEN_CHECKED), fargate);
                assertThat(redeployed.succeeded()).as(bed.failures(redeployed) + "\nFargate: " + fargate.failures()
                        + "\nEdge: " + edge.problems()).isTrue();
                assertThat(bed.store().load("https-cognito").deployment().url()).isEqualTo(url.toString());
                UserPoolClientType after = appClient("https-cognito");
                assertThat(after.callbackURLs()).containsExactly(url.resolve("/hub/oauth_callback").toString());
                assertThat(after.logoutURLs()).containsExactly(url.toString());
                assertThat(signInThroughCognito(url, cognito, callback, fargate).get(url.resolve("/hub/home")).statusCode())
                        .as("signed in after the redeploy").isEqualTo(200);
                assertThat(cognito.refusals()).as("the hub sent the right client, callback and secret").isEmpty();
                assertThat(edge.problems()).isEmpty();
            }
        }
    }

    /** The app client in moto, as the profile's deployment records it. */
    private static UserPoolClientType appClient(String profile) throws Exception {
        var records = bed.store().load(profile).deployment().resources();
        String pool = records.stream().filter(r -> r.kind().equals(ResourceKind.USER_POOL)).findFirst()
                .orElseThrow().id();
        String id = records.stream().filter(r -> r.kind().equals(ResourceKind.USER_POOL_CLIENT)).findFirst()
                .orElseThrow().id();
        return bed.aws().cognito().describeUserPoolClient(r -> r.userPoolId(pool).clientId(id)).userPoolClient();
    }

    /** "Sign in with Amazon Cognito" over HTTPS, each redirect looked at: the hub's, Cognito's, the callback's. */
    private static Browser signInThroughCognito(URI url, CognitoStandIn cognito, String callback,
                                                FargateStandIn fargate) throws Exception {
        cognito.signInAs(new CognitoStandIn.Person("Carol@Example.org", "carol@example.org"));
        Browser carol = new Browser(url);
        HttpResponse<String> toCognito = carol.get(url.resolve("/hub/oauth_login"));
        assertThat(toCognito.statusCode()).isEqualTo(302);
        URI authorize = URI.create(toCognito.headers().firstValue("Location").orElseThrow());
        assertThat(authorize.toString()).startsWith(cognito.domainUrl() + "/oauth2/authorize?")
                .contains("redirect_uri=" + URLEncoder.encode(callback, StandardCharsets.UTF_8));
        HttpResponse<String> back = carol.get(authorize);
        URI location = URI.create(back.headers().firstValue("Location").orElseThrow());
        assertThat(location.toString()).startsWith(callback + "?code=");
        HttpResponse<String> signedIn = carol.get(location);
        assertThat(signedIn.statusCode()).as("Cognito refused: " + cognito.refusals() + "\nThe hub's log:\n"
                + fargate.hubLog()).isEqualTo(302);
        return carol;
    }

    /** A hub that lets in the addresses of {@code cidr} ("who may reach the hub"). */
    private static Profile reachableFrom(Profile profile, String cidr) {
        NetworkSettings network = profile.network();
        return profile.withNetwork(new NetworkSettings(network.mode(), network.vpcId(), network.subnetIds(), cidr));
    }

    /** What a person's check (sign in, start the server, run code in a kernel) saw when it ran the code. */
    private static String runCode(URI url, String user, String password) throws Exception {
        return runCode(url, new FirstUsePassword(user, password));
    }

    private static String runCode(URI url, dev.hubwizard.hub.SignIn signIn) throws Exception {
        Map<HubCheck, String> passed = new EnumMap<>(HubCheck.class);
        new PersonCheck(new HubBrowser(url), signIn, LocalTestStep.SERVER_TIMEOUT)
                .run(new StepRecorder().context("check"), new PersonCheck.Listener() {
                    @Override
                    public void started(HubCheck check) {
                    }

                    @Override
                    public void passed(HubCheck check, Duration took, String detail) {
                        passed.put(check, detail);
                    }
                });
        assertThat(passed).containsKeys(HubCheck.SIGNED_IN, HubCheck.SERVER_STARTED, HubCheck.CODE_RAN);
        return passed.get(HubCheck.CODE_RAN);
    }

    /** A request to the task's public address itself, going round CloudFront. */
    private static void direct(SecurityGroupGateway task) throws IOException, InterruptedException {
        HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build()
                .send(HttpRequest.newBuilder(task.url().resolve("/hub/health")).timeout(Duration.ofSeconds(10))
                        .build(), HttpResponse.BodyHandlers.discarding());
    }

    private static int healthWithin(URI url, Duration timeout) throws InterruptedException {
        Browser browser = new Browser(url);
        Instant deadline = Instant.now().plus(timeout);
        int status = 0;
        while (Instant.now().isBefore(deadline)) {
            try {
                status = browser.get(url.resolve("/hub/health")).statusCode();
                if (status == 200) {
                    return status;
                }
            } catch (IOException notYet) {
                status = -1;
            }
            Thread.sleep(500);
        }
        return status;
    }

    private static DeploymentState state() throws Exception {
        return bed.store().load(NAME).deployment();
    }

    private static HubSettings withAllowedUsers(HubSettings hub, List<String> allowedUsers) {
        return new HubSettings(hub.imageFolder(), hub.admins(), allowedUsers, hub.signIn(), hub.cognito(),
                hub.localPort(), hub.hostNetwork());
    }

    /** A person's browser at the hub's HTTPS address: cookies kept, redirects looked at one by one. */
    private static final class Browser {

        private final URI address;
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();

        Browser(URI address) {
            this.address = address;
        }

        HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
            return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        /** The sign-in form, posted from the hub's own page: the browser says where it comes from. */
        int signIn(String user, String password) throws IOException, InterruptedException {
            URI login = address.resolve("/hub/login");
            Matcher xsrf = XSRF.matcher(get(login).body());
            String form = "username=" + encode(user) + "&password=" + encode(password)
                    + (xsrf.find() ? "&_xsrf=" + encode(xsrf.group(1)) : "");
            return http.send(HttpRequest.newBuilder(login).timeout(Duration.ofSeconds(20))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Origin", "https://" + address.getHost()).header("Referer", login.toString())
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        }

        private static String encode(String value) {
            return URLEncoder.encode(value, StandardCharsets.UTF_8);
        }
    }
}
