package dev.hubwizard.deploy;

import com.sun.net.httpserver.HttpServer;
import dev.hubwizard.aws.AwsClients;
import dev.hubwizard.aws.HubAddress;
import dev.hubwizard.engine.JournalStore;
import dev.hubwizard.engine.ProblemException;
import dev.hubwizard.engine.RunResult;
import dev.hubwizard.engine.Session;
import dev.hubwizard.engine.StepContext;
import dev.hubwizard.profile.Profile;
import dev.hubwizard.testbed.HubPortLock;
import dev.hubwizard.testbed.MotoServer;
import dev.hubwizard.testbed.Requirements;
import dev.hubwizard.testbed.strict.StrictAws;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.Task;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The hub-url step: from the service to a clickable URL that answers, or to a plain explanation of
 * why the task stopped. What moto lacks (a scheduler, public IPs, the hub itself) the test plays on
 * loopback, see {@link EcsScheduler}.
 */
class HubUrlIT {

    private static final String LOOPBACK = "127.0.0.1";
    private static final int HUB_PORT = 8000;

    private static MotoServer moto;

    private final AwsTestBed bed = new AwsTestBed();
    private final Profile profile = AwsTestBed.profile();
    private final String cluster = profile.names().cluster();
    private final String service = profile.names().service();
    private AwsClients aws;
    private EcsScheduler scheduler;
    private Session session;

    @BeforeAll
    static void startMoto() throws IOException {
        moto = MotoServer.shared();
        // Its stand-in hubs serve where a played task's hub serves: other test runs on this machine wait.
        HubPortLock.acquire(HUB_PORT);
    }

    @AfterAll
    static void letThePortGo() throws IOException {
        HubPortLock.release();
    }

    @BeforeEach
    void deploy() {
        moto.reset();
        aws = new AwsClients(profile.aws(), StrictAws.PATIENCE);
        scheduler = new EcsScheduler(aws);
        session = AwsTestBed.session(JournalStore.inMemory());
        RunResult result = bed.run(bed.plan(profile, aws), session);
        assertThat(result.succeeded()).as(bed.failures(result)).isTrue();
    }

    @AfterEach
    void close() {
        aws.close();
    }

    /** JupyterHub's sign-in form, as far as the hub URL step looks at it. */
    private static final String LOGIN_FORM = "<form action=\"/hub/login?next=\" method=\"post\">"
            + "<input id=\"username_input\" name=\"username\"/><input type=\"password\" name=\"password\"/></form>";
    /** OAuthenticator's sign-in page: a button to /hub/oauth_login. */
    private static final String OAUTH_BUTTON = "<a role=\"button\" href=\"/hub/oauth_login?next=\">Sign in with"
            + " Amazon Cognito</a>";

    private HubAddress findHub(Duration timeout) throws Exception {
        HubUrlStep step = new HubUrlStep(profile, aws, timeout);
        StepContext context = bed.context(session, step.id());
        step.run(context);
        return context.require(HubUrlStep.HUB_URL);
    }

    @Test
    void theRunningTasksPublicAddressIsTheHubsUrlOnceHealthAnswers() throws Exception {
        AtomicInteger checks = new AtomicInteger();
        HttpServer hub = hubOnLoopback(exchange -> {
            // Starting up: the first checks find no hub yet, as right after the task starts.
            int status = checks.incrementAndGet() < 3 ? 503 : 200;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        try {
            Task task = scheduler.startTask(cluster, service);
            scheduler.givePublicIp(task, LOOPBACK);

            HubAddress address = findHub(Duration.ofSeconds(30));

            assertThat(address.publicIp()).isEqualTo(LOOPBACK);
            assertThat(address.url()).isEqualTo(URI.create("http://127.0.0.1:8000/"));
            assertThat(checks.get()).isEqualTo(3);
            assertThat(bed.logText()).contains("The hub answers at http://127.0.0.1:8000/",
                    "Sign-in at http://127.0.0.1:8000/hub/login: the sign-in form (a name and a first-use password)");
            assertThat(session.values().require(HubUrlStep.SIGN_IN_PAGE)).startsWith("the sign-in form");
        } finally {
            hub.stop(0);
        }
    }

    @Test
    void aHubWhoseSignInIsNotTheProfilesIsAProblem() throws Exception {
        HttpServer hub = hubOnLoopback(exchange -> answer(exchange, 200, ""), exchange -> answer(exchange, 200,
                OAUTH_BUTTON));
        hub.createContext("/hub/oauth_login", exchange -> {
            exchange.getResponseHeaders().add("Location", "https://elsewhere.example.org/oauth2/authorize?client_id=x");
            answer(exchange, 302, "");
        });
        try {
            Task task = scheduler.startTask(cluster, service);
            scheduler.givePublicIp(task, LOOPBACK);

            assertThatThrownBy(() -> findHub(Duration.ofSeconds(10))).isInstanceOfSatisfying(ProblemException.class,
                    e -> {
                        assertThat(e.problem().what()).isEqualTo("The hub does not ask for first-use passwords");
                        assertThat(e.problem().why()).isEqualTo("http://127.0.0.1:8000/hub/login offers a redirect to"
                                + " https://elsewhere.example.org to sign in, not the sign-in form");
                    });
        } finally {
            hub.stop(0);
        }
    }

    @Test
    void aTaskThatStoppedIsExplainedWithItsReasonAndLastLogLines() {
        Task task = scheduler.startTask(cluster, service);
        scheduler.writeLogs("/ecs/team-hub", task, List.of(
                "[I 2025-01-01 10:00:00.000 JupyterHub app:2859] Running JupyterHub version 5.2.1",
                "[E 2025-01-01 10:00:00.100 JupyterHub app:3382] Failed to load the configuration",
                "TraitError: The 'allowed_users' trait of a PAMAuthenticator instance expected a set"));
        scheduler.stop(cluster, task, "Essential container in task exited");

        assertThatThrownBy(() -> findHub(Duration.ofSeconds(10))).isInstanceOfSatisfying(ProblemException.class,
                e -> {
                    assertThat(e.problem().what()).isEqualTo("The hub stopped right after it started");
                    assertThat(e.problem().why()).contains("Essential container in task exited")
                            .contains("TraitError: The 'allowed_users' trait");
                    assertThat(e.problem().next()).contains("Test locally");
                });
        assertThat(bed.logText()).contains("Running JupyterHub version 5.2.1")
                .contains("Failed to load the configuration").contains("TraitError");
    }

    @Test
    void anImageForTheWrongCpuIsExplainedAsSuch() {
        Task task = scheduler.startTask(cluster, service);
        scheduler.writeLogs("/ecs/team-hub", task, List.of("exec /usr/local/bin/jupyterhub: exec format error"));
        scheduler.stop(cluster, task, "Essential container in task exited");

        assertThatThrownBy(() -> findHub(Duration.ofSeconds(10))).isInstanceOfSatisfying(ProblemException.class,
                e -> assertThat(e.problem().what()).isEqualTo("The hub image does not fit the task's CPU"));
    }

    @Test
    void aTaskWithoutPublicAddressIsReportedPlainly() {
        scheduler.startTask(cluster, service);

        assertThatThrownBy(() -> findHub(Duration.ofSeconds(10))).isInstanceOfSatisfying(ProblemException.class,
                e -> assertThat(e.problem().what()).isEqualTo("The hub's task has no public IP address"));
    }

    @Test
    void aHubThatNeverAnswersPointsAtTheAllowedAddressRange() {
        requirePortFree();
        Task task = scheduler.startTask(cluster, service);
        scheduler.givePublicIp(task, LOOPBACK);

        assertThatThrownBy(() -> findHub(Duration.ofSeconds(3))).isInstanceOfSatisfying(ProblemException.class,
                e -> {
                    assertThat(e.problem().what()).isEqualTo("The hub does not answer at http://127.0.0.1:8000/");
                    assertThat(e.problem().why()).contains("address range");
                });
    }

    private static HttpServer hubOnLoopback(com.sun.net.httpserver.HttpHandler health) throws IOException {
        return hubOnLoopback(health, exchange -> answer(exchange, 200, LOGIN_FORM));
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange, int status, String body)
            throws IOException {
        byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    private static HttpServer hubOnLoopback(com.sun.net.httpserver.HttpHandler health,
                                            com.sun.net.httpserver.HttpHandler login) throws IOException {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(LOOPBACK, HUB_PORT), 0);
        } catch (IOException e) {
            Requirements.require(false, "port 8000 on 127.0.0.1 for a stand-in hub",
                    "Something else listens there (a local hub test?): stop it and run again");
            throw e;
        }
        server.createContext("/hub/health", health);
        server.createContext("/hub/login", login);
        server.start();
        return server;
    }

    private static void requirePortFree() {
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(LOOPBACK, HUB_PORT));
        } catch (IOException e) {
            Requirements.require(false, "nothing listening on 127.0.0.1:8000",
                    "Something listens there (a local hub test?): stop it and run again");
        }
    }
}
