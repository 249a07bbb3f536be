package dev.hubwizard.cli;

import com.sun.net.httpserver.HttpServer;
import dev.hubwizard.engine.ResourceRecord;
import dev.hubwizard.profile.AppDirectories;
import dev.hubwizard.profile.DeploymentState;
import dev.hubwizard.profile.DeploymentStatus;
import dev.hubwizard.profile.HubSettings;
import dev.hubwizard.profile.Profile;
import dev.hubwizard.profile.ProfileStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The headless commands that need no Docker or AWS: their output, messages and exit codes. */
class CliTest {

    @TempDir
    Path home;

    private ProfileStore store;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void setUp() {
        store = new ProfileStore(directories().profiles());
    }

    private AppDirectories directories() {
        return new AppDirectories(Map.of("HUBWIZARD_HOME", home.toString()), "Linux", home);
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        return HubWizardCommand.execute(args, directories(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private static Profile valid(String name) {
        return Profile.named(name).withHub(new HubSettings("", List.of("ada"), List.of("grace"), null, null, 8000,
                false)).withNetwork(new dev.hubwizard.profile.NetworkSettings(null, "", List.of(), "203.0.113.7/32"));
    }

    @Test
    void helpListsTheCommandsAndWhereProfilesLive() {
        assertThat(run("--help")).isZero();

        assertThat(out()).contains("profiles", "deploy", "redeploy", "status", home.resolve("profiles").toString(),
                "Exit codes");
    }

    @Test
    void everyCommandPrintsItsHelpWithoutAskingForAProfile() {
        for (String command : List.of("profiles", "deploy", "redeploy", "status", "teardown", "login")) {
            assertThat(run(command, "--help")).as(command + " --help: " + err()).isZero();
            assertThat(out()).as(command).contains("Usage: hubwizard " + command);
            assertThat(err()).as(command).isEmpty();
        }
    }

    @Test
    void profilesListsTheGoodOnesAndReportsABrokenFile() throws Exception {
        store.save(valid("team-hub"));
        Files.writeString(store.directory().resolve("broken.yaml"), "schemaVersion: 2\nname: broken\naws:\n  regoin: x\n");

        assertThat(run("profiles")).isEqualTo(ExitCodes.BROKEN_PROFILE);

        assertThat(out()).contains("NAME", "team-hub", "us-east-1", "not deployed", "broken");
        assertThat(err()).contains("broken", "regoin", "line 4");
    }

    @Test
    void deployingAMissingOrInvalidProfileSaysWhatToFix() throws Exception {
        assertThat(run("deploy", "--profile", "nope")).isEqualTo(ExitCodes.BROKEN_PROFILE);
        assertThat(err()).contains("no profile named 'nope'");

        store.save(Profile.named("empty"));
        assertThat(run("deploy", "--profile", "empty")).isEqualTo(ExitCodes.BROKEN_PROFILE);
        assertThat(err()).contains("cannot be deployed yet", "hub.admins", "network.ingressCidr");
        assertThat(out()).isEmpty();
    }

    @Test
    void wrongUsageIsExitCodeTwo() {
        assertThat(run("deploy")).isEqualTo(ExitCodes.USAGE);
        assertThat(err()).contains("Missing required option", "--profile");
    }

    @Test
    void statusShowsWhatTheProfileKnowsAndWhetherTheHubAnswers() throws Exception {
        HttpServer hub = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        hub.createContext("/hub/health", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        hub.start();
        try {
            String url = "http://127.0.0.1:" + hub.getAddress().getPort() + "/";
            store.save(valid("team-hub").withDeployment(new DeploymentState(DeploymentStatus.DEPLOYED, List.of(),
                    "123.dkr.ecr.us-east-1.amazonaws.com/team-hub:abc", "sha256:1", "arn:task-definition/team-hub:2",
                    "arn:service", url, Instant.parse("2026-11-20T10:00:00Z"))));

            assertThat(run("status", "--profile", "team-hub")).isZero();

            assertThat(out()).contains("State:           deployed", "2026-11-20T10:00:00Z", url,
                    "team-hub:abc", "Hub:             answers at " + url);
        } finally {
            hub.stop(0);
        }
    }

    @Test
    void statusSaysWhatToDoWhenTheHubDoesNotAnswer() throws Exception {
        store.save(valid("team-hub").withDeployment(new DeploymentState(DeploymentStatus.DEPLOYED, List.of(), "", "",
                "", "", "http://127.0.0.1:9/", Instant.now())));

        assertThat(run("status", "--profile", "team-hub")).isEqualTo(ExitCodes.FAILED);

        assertThat(err()).contains("does not answer", "hubwizard redeploy --profile team-hub");
    }

    @Test
    void teardownShowsThePlanFirstAndDeletesNothingWithoutYes() throws Exception {
        ResourceRecord vpc = new ResourceRecord("vpc", "vpc-0abc", "team-hub-vpc", Map.of(), "network",
                Instant.now());
        ResourceRecord repository = new ResourceRecord("ecr-repository",
                "arn:aws:ecr:us-east-1:123456789012:repository/team-hub", "team-hub", Map.of(), "repository",
                Instant.now());
        store.save(valid("team-hub").withDeployment(new DeploymentState(DeploymentStatus.DEPLOYED,
                List.of(vpc, repository), "", "", "", "", "", Instant.now())));

        assertThat(run("teardown", "--profile", "team-hub", "--keep-images")).isEqualTo(ExitCodes.USAGE);

        assertThat(out()).contains("deletes 1 resources it created, and nothing else", "delete  VPC", "vpc-0abc",
                "keep    ECR repository");
        assertThat(err()).contains("Nothing was deleted. Add --yes");
        assertThat(store.load("team-hub").deployment().resources()).hasSize(2);
    }

    @Test
    void teardownOfAProfileThatCreatedNothingSaysSo() throws Exception {
        store.save(valid("team-hub"));

        assertThat(run("teardown", "--profile", "team-hub", "--yes")).isZero();

        assertThat(out()).contains("Nothing to tear down");
    }

    @Test
    void deletingTheUsersFilesNeedsTheProfilesNameTypedAgain() throws Exception {
        store.save(valid("team-hub"));

        assertThat(run("teardown", "--profile", "team-hub", "--yes", "--delete-user-files", "team-hbu"))
                .isEqualTo(ExitCodes.USAGE);

        assertThat(err()).contains("That is not the hub's name: type team-hub exactly");
    }
}
