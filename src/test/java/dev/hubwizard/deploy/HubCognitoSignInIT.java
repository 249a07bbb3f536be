package dev.hubwizard.deploy;

import dev.hubwizard.docker.BuildNetwork;
import dev.hubwizard.docker.BuiltImage;
import dev.hubwizard.docker.DockerClients;
import dev.hubwizard.docker.HubEnvironment;
import dev.hubwizard.docker.ImageBuilder;
import dev.hubwizard.docker.LiveContainers;
import dev.hubwizard.docker.LocalHub;
import dev.hubwizard.docker.LocalHubRunner;
import dev.hubwizard.docker.LocalRun;
import dev.hubwizard.hub.HubBrowser;
import dev.hubwizard.hub.HubCheck;
import dev.hubwizard.hub.PersonCheck;
import dev.hubwizard.profile.Profile;
import dev.hubwizard.profile.SignIn;
import dev.hubwizard.testbed.CognitoStandIn;
import dev.hubwizard.testbed.CognitoStandIn.Person;
import dev.hubwizard.testbed.CognitoStandInSignIn;
import dev.hubwizard.testbed.DockerEngine;
import dev.hubwizard.testbed.StepRecorder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hub image's Cognito mode, signed in to for real: the project's {@code hub-image/} built on the stand-in
 * of its official base, run with the environment a task gets with Cognito sign-in ({@code HUB_SIGN_IN=cognito}, the domain,
 * the app client, its secret, the callback), and a person's browser going through the OAuth code flow against
 * {@link CognitoStandIn}, which plays Cognito's hosted UI and endpoints on loopback. oauthenticator accepts the
 * plain-HTTP callback here; on AWS it is {@code https://DOMAIN/hub/oauth_callback}, as Cognito requires.
 */
class HubCognitoSignInIT {

    private static final String CLIENT_ID = "hub-app-client";
    private static final String CLIENT_SECRET = "the-app-clients-secret-from-secrets-manager";

    static DockerClients docker;
    static String baseImage;
    static LiveContainers live;

    @BeforeAll
    static void engine() {
        docker = DockerEngine.require();
        baseImage = DockerEngine.requireHubBase(docker);
        live = new LiveContainers(docker);
    }

    @AfterAll
    static void close() throws Exception {
        if (docker != null) {
            docker.close();
        }
    }

    @Test
    void aPersonSignsInThroughCognitoAndTheHubKnowsThemByTheirPreferredUsernameNormalised() throws Exception {
        int port = TestProfiles.freePort();
        // Admin alice; allowed bob and carol@example.org, kept as carol_example_org.
        Profile profile = TestProfiles.hub("hubwizard-cognito-it", port, "", "");
        StepRecorder recorder = new StepRecorder();
        assertThat(HubImageIT.run(recorder, new BuildImageStep(profile, new ImageBuilder(docker),
                TestProfiles.HUB_IMAGE, BuildNetwork.NONE)).succeeded()).isTrue();
        BuiltImage image = recorder.session().values().require(BuildImageStep.IMAGE);
        String callback = "http://127.0.0.1:" + port + "/hub/oauth_callback";

        try (CognitoStandIn cognito = CognitoStandIn.start(CLIENT_ID, CLIENT_SECRET, callback);
             LocalHub hub = new LocalHubRunner(docker, live).start(new LocalRun(image.reference(),
                     "hubwizard-test-cognito", port, true, environment(cognito.domainUrl(), callback)),
                     recorder.context("hub"))) {
            hub.awaitHealthy(Duration.ofSeconds(60), recorder.context("hub"));

            cognito.signInAs(new Person("Carol@Example.org", "carol@example.org"));
            Browser carol = new Browser();
            HttpResponse<String> signedIn = carol.signIn(port, cognito);
            assertThat(signedIn.statusCode()).as(cognito.refusals() + "\n" + String.join("\n", recorder.text()))
                    .isEqualTo(302);
            assertThat(signedIn.headers().firstValue("Location")).get().asString().startsWith("/hub/");
            HttpResponse<String> home = carol.get(URI.create("http://127.0.0.1:" + port + "/hub/home"));
            assertThat(home.statusCode()).isEqualTo(200);
            assertThat(home.body()).contains("carol_example_org");
            assertThat(recorder.text()).anyMatch(line -> line.contains("User logged in: carol_example_org"));

            // Signing out leaves the hub and then Cognito's hosted UI, which returns to the hub's front page.
            HttpResponse<String> signedOut = carol.get(URI.create("http://127.0.0.1:" + port + "/hub/logout"));
            assertThat(signedOut.statusCode()).isEqualTo(302);
            assertThat(signedOut.headers().firstValue("Location")).contains(cognito.domainUrl() + "/logout?client_id="
                    + CLIENT_ID + "&logout_uri=http%3A%2F%2F127.0.0.1%3A" + port + "%2F");
            assertThat(carol.get(URI.create("http://127.0.0.1:" + port + "/hub/home")).statusCode())
                    .as("signed out of the hub").isEqualTo(302);

            // Signed in to Cognito, but not one of the hub's users: the hub turns them away.
            cognito.signInAs(new Person("mallory", "mallory@example.org"));
            assertThat(new Browser().signIn(port, cognito).statusCode()).isEqualTo(403);
            assertThat(cognito.refusals()).as("the hub sent the right client, callback and secret").isEmpty();
        } finally {
            docker.client().removeImageCmd(image.reference()).exec();
        }
    }

    /**
     * The local test's checks with Cognito sign-in, on every version the hub image is proven on: a throwaway
     * admin signs in through the hosted UI (the stand-in), gets a server and runs code in a kernel.
     */
    @ParameterizedTest(name = "JupyterHub {0}")
    @FieldSource("dev.hubwizard.deploy.LocalTestIT#VERSIONS")
    void thePersonCheckPassesThroughCognito(String version) throws Exception {
        DockerEngine.requireHubBase(docker, version);
        int port = TestProfiles.freePort();
        Profile profile = TestProfiles.hub("hubwizard-cognito-check-it", port, "", "");
        profile = profile.withAdvanced(profile.advanced().withJupyterhubVersion(version));
        StepRecorder recorder = new StepRecorder();
        assertThat(HubImageIT.run(recorder, new BuildImageStep(profile, new ImageBuilder(docker),
                TestProfiles.HUB_IMAGE, BuildNetwork.NONE)).succeeded()).isTrue();
        BuiltImage image = recorder.session().values().require(BuildImageStep.IMAGE);
        String callback = "http://127.0.0.1:" + port + "/hub/oauth_callback";
        String throwaway = "localtest-" + UUID.randomUUID().toString().substring(0, 6);
        Map<String, Duration> passed = new LinkedHashMap<>();

        try (CognitoStandIn cognito = CognitoStandIn.start(CLIENT_ID, CLIENT_SECRET, callback)) {
            Map<String, String> environment = environment(cognito.domainUrl(), callback);
            environment.put(HubEnvironment.ADMIN_USERS, throwaway);
            try (LocalHub hub = new LocalHubRunner(docker, live).start(new LocalRun(image.reference(),
                    "hubwizard-test-cognito-check", port, true, environment), recorder.context("hub"))) {
                hub.awaitHealthy(Duration.ofSeconds(60), recorder.context("hub"));
                new PersonCheck(new HubBrowser(hub.loopbackUrl()), new CognitoStandInSignIn(cognito,
                        new Person(throwaway, throwaway + "@example.org"), throwaway), LocalTestStep.SERVER_TIMEOUT)
                        .run(recorder.context("check"), new PersonCheck.Listener() {
                            @Override
                            public void started(HubCheck check) {
                            }

                            @Override
                            public void passed(HubCheck check, Duration took, String detail) {
                                passed.put(check.label() + " " + detail, took);
                            }
                        });
            }
            assertThat(cognito.refusals()).isEmpty();
        } finally {
            docker.client().removeImageCmd(image.reference()).exec();
        }
        assertThat(passed.keySet()).hasSize(3).satisfiesExactly(
                signedIn -> assertThat(signedIn).isEqualTo("Signed in as " + throwaway),
                server -> assertThat(server).isEqualTo("Server started at /user/" + throwaway + "/"),
                code -> assertThat(code).matches("Code ran print\\(getpass.getuser\\(\\), \\d+ \\* \\d+\\) printed "
                        + throwaway + " \\d+"));
        assertThat(recorder.text()).anyMatch(line -> line.contains("Running JupyterHub version " + version))
                .anyMatch(line -> line.contains("User logged in: " + throwaway));
    }

    /** What the task definition gives the hub with Cognito sign-in, the secret as ECS reads it from its ARN. */
    private static Map<String, String> environment(String domainUrl, String callback) {
        Map<String, String> environment = new HashMap<>(HubEnvironment.cognito(domainUrl, CLIENT_ID,
                callback));
        environment.put(HubEnvironment.SIGN_IN, HubEnvironment.signIn(SignIn.COGNITO));
        environment.put(HubEnvironment.COGNITO_CLIENT_SECRET, CLIENT_SECRET);
        return environment;
    }

    /** A person's browser: cookies kept, redirects followed by hand so each step can be seen. */
    private static final class Browser {

        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(2)).build();

        HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
            return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        /**
         * "Sign in with Amazon Cognito": the hub sends the browser to the hosted UI, which (the person having
         * signed in) sends it back to the hub's callback with a code; the hub's answer to that is returned.
         */
        HttpResponse<String> signIn(int port, CognitoStandIn cognito) throws IOException, InterruptedException {
            URI start = URI.create("http://127.0.0.1:" + port + "/hub/oauth_login");
            HttpResponse<String> toCognito = get(start);
            assertThat(toCognito.statusCode()).isEqualTo(302);
            URI authorize = start.resolve(toCognito.headers().firstValue("Location").orElseThrow());
            assertThat(authorize.toString()).startsWith(cognito.domainUrl() + "/oauth2/authorize?")
                    .contains("scope=openid+email+profile");
            HttpResponse<String> back = get(authorize);
            assertThat(back.statusCode()).isEqualTo(302);
            return get(URI.create(back.headers().firstValue("Location").orElseThrow()));
        }
    }
}
