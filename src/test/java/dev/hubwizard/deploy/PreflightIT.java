package dev.hubwizard.deploy;

import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.HostConfig;
import dev.hubwizard.aws.AwsClients;
import dev.hubwizard.aws.AwsConfigProfiles.AwsProfile;
import dev.hubwizard.docker.DockerClients;
import dev.hubwizard.docker.LiveContainers;
import dev.hubwizard.docker.LocalHubRunner;
import dev.hubwizard.engine.ProblemException;
import dev.hubwizard.profile.AwsTarget;
import dev.hubwizard.profile.HubSettings;
import dev.hubwizard.profile.Options;
import dev.hubwizard.profile.Profile;
import dev.hubwizard.profile.ServerPlacement;
import dev.hubwizard.profile.ResourceNames;
import dev.hubwizard.testbed.DockerEngine;
import dev.hubwizard.testbed.MotoServer;
import dev.hubwizard.testbed.StepRecorder;
import dev.hubwizard.testbed.strict.StrictAws;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The preflight against the real Docker Engine and moto: what it finds, and what it says when it can't. */
class PreflightIT {

    private final StepRecorder recorder = new StepRecorder();
    private DockerClients docker;
    private AwsClients aws;

    @BeforeEach
    void start() {
        docker = DockerEngine.require();
        MotoServer.shared().reset();
    }

    @AfterEach
    void stop() {
        if (aws != null) {
            aws.close();
        }
    }

    private PreflightStep preflight(Profile profile, DockerClients engine, List<AwsProfile> profiles) {
        aws = new AwsClients(profile.aws(), StrictAws.PATIENCE);
        return new PreflightStep(profile, engine, new LocalHubRunner(engine, new LiveContainers(engine)), aws,
                () -> profiles);
    }

    private static Profile profile(int port) {
        Profile profile = Profile.named("preflight").withAws(new AwsTarget("", MotoServer.REGION));
        return profile.withHub(new HubSettings("", List.of("ada"), List.of("ada"), null, null, port, true));
    }

    private PreflightReport report() {
        return recorder.session().values().require(PreflightStep.REPORT);
    }

    @Test
    void aReadyMachineIsGreenAndSaysWhoseAccountItIs() throws Exception {
        int port = freePort();
        preflight(profile(port), docker, List.of(new AwsProfile("default", false, ""))).run(
                recorder.context(PreflightStep.ID));

        PreflightReport report = report();
        assertThat(report.checks()).extracting(Check::name)
                .containsExactly("Docker", "AWS credentials", "Region", "Port " + port, "Architecture", "Hub image",
                        "VPC quota");
        assertThat(report.failed()).isEmpty();
        assertThat(report.checks().get(0).summary()).startsWith("Docker ").contains("is running");
        assertThat(report.checks().get(1).summary()).contains("account " + MotoServer.ACCOUNT).contains("arn:aws:");
        assertThat(report.checks().get(2).summary()).isEqualTo("us-east-1 — US East (N. Virginia)");
        assertThat(report.checks().get(5).summary()).startsWith("builds from the hub image that comes with Hub Wizard");
        assertThat(report.checks().get(6).summary()).contains("VPCs in use");
        assertThat(recorder.text()).anySatisfy(line -> assertThat(line).startsWith("✔ Docker"));
    }

    @Test
    void dockerNotRunningAndAMissingAwsProfileAreRedWithAFix() throws Exception {
        DockerClients dead = DockerClients.forHost("unix:///tmp/hubwizard-no-docker.sock");
        Profile profile = profile(freePort()).withAws(new AwsTarget("work", MotoServer.REGION));
        PreflightStep step = preflight(profile, dead, List.of(new AwsProfile("default", false, "")));

        assertThatThrownBy(() -> step.run(recorder.context(PreflightStep.ID)))
                .isInstanceOf(ProblemException.class).hasMessageContaining("Docker and AWS credentials need attention");

        PreflightReport report = report();
        Check dockerCheck = report.checks().get(0);
        assertThat(dockerCheck.status()).isEqualTo(Check.Status.FAILED);
        assertThat(dockerCheck.summary()).contains("not running");
        assertThat(dockerCheck.fix()).contains("Start Docker");
        Check credentials = report.checks().get(1);
        assertThat(credentials.status()).isEqualTo(Check.Status.FAILED);
        assertThat(credentials.summary()).contains("no AWS profile named 'work'").contains("found: default");
        assertThat(report.checks()).extracting(Check::name).doesNotContain("VPC quota");
        assertThat(report.checks().get(4).status()).as("architecture unknown without Docker")
                .isEqualTo(Check.Status.WARNING);
    }

    @Test
    void serversInTheirOwnFargateTasksNeedAnImageToBuildOrPullBeforeAnythingIsBuilt(@TempDir Path folder)
            throws Exception {
        Profile profile = profile(freePort());
        Profile fargate = profile.withServers(profile.servers().withPlacement(ServerPlacement.FARGATE));

        preflight(fargate, docker, List.of(new AwsProfile("default", false, "")))
                .run(recorder.context(PreflightStep.ID));
        assertThat(servers().status()).isEqualTo(Check.Status.OK);
        assertThat(servers().summary()).contains("singleuser/Dockerfile");

        // A hub image folder of one's own, without the users' Dockerfile, and no image named.
        Files.writeString(folder.resolve("Dockerfile"), "FROM scratch\n");
        Files.writeString(folder.resolve("jupyterhub_config.py"), "\n");
        HubSettings hub = fargate.hub();
        Profile ownFolder = fargate.withHub(new HubSettings(folder.toString(), hub.admins(), hub.allowedUsers(),
                hub.signIn(), hub.cognito(), hub.localPort(), hub.hostNetwork()));
        assertThatThrownBy(() -> preflight(ownFolder, docker, List.of(new AwsProfile("default", false, "")))
                .run(recorder.context(PreflightStep.ID))).isInstanceOf(ProblemException.class);
        assertThat(servers().status()).isEqualTo(Check.Status.FAILED);
        assertThat(servers().fix()).contains("Users' image");
        assertThat(servers().setting()).isEqualTo("servers.image");

        Profile named = ownFolder.withServers(ownFolder.servers().withImage("quay.io/jupyter/base-notebook"));
        preflight(named, docker, List.of(new AwsProfile("default", false, ""))).run(recorder.context(PreflightStep.ID));
        assertThat(servers().status()).isEqualTo(Check.Status.OK);
    }

    private Check servers() {
        return report().checks().stream().filter(c -> c.name().equals("Users' servers")).findFirst().orElseThrow();
    }

    @Test
    void aHubImageFolderWithoutItsConfigIsRedBeforeAnythingIsBuilt(@TempDir Path folder) throws Exception {
        Files.writeString(folder.resolve("Dockerfile"), "FROM scratch\n");
        Profile profile = profile(freePort());
        HubSettings hub = profile.hub();
        Profile ownFolder = profile.withHub(new HubSettings(folder.toString(), hub.admins(), hub.allowedUsers(),
                hub.signIn(), hub.cognito(), hub.localPort(), hub.hostNetwork()));

        assertThatThrownBy(() -> preflight(ownFolder, docker, List.of()).run(recorder.context(PreflightStep.ID)))
                .isInstanceOfSatisfying(ProblemException.class,
                        e -> assertThat(e.problem().what()).startsWith("Hub image needs attention"));

        Check image = report().checks().stream().filter(c -> c.name().equals("Hub image")).findFirst().orElseThrow();
        assertThat(image.status()).isEqualTo(Check.Status.FAILED);
        assertThat(image.summary()).contains("no jupyterhub_config.py", folder.toString());
        assertThat(image.fix()).contains("Settings page");
    }

    @Test
    void aTakenPortIsRed() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            PreflightStep step = preflight(profile(taken.getLocalPort()), docker, List.of());

            assertThatThrownBy(() -> step.run(recorder.context(PreflightStep.ID))).isInstanceOf(ProblemException.class);

            Check port = report().checks().get(3);
            assertThat(port.status()).isEqualTo(Check.Status.FAILED);
            assertThat(port.summary()).contains("already in use").contains("another program");
        }
    }

    @Test
    void theLocalTestContainerOfARunThatWasKilledIsRemovedAndTheLogSaysSo() throws Exception {
        int port = freePort();
        // Named after the port, so that no other test on the shared Docker Engine has a container of that name.
        Profile profile = profile(port).withNames(ResourceNames.derivedFrom("preflight-" + port));
        String name = "hubwizard-test-" + profile.names().repository();
        // What a run killed during its local test leaves: the test's container, with Hub Wizard's labels, on the port.
        String leftover = docker.client().createContainerCmd(DockerEngine.requireHubBase(docker))
                .withName(name)
                .withLabels(Map.of(LocalHubRunner.LABEL, "true", LocalHubRunner.PORT_LABEL, String.valueOf(port)))
                .withCmd("python3", "-m", "http.server", String.valueOf(port), "--bind", "127.0.0.1")
                .withHostConfig(HostConfig.newHostConfig().withNetworkMode("host").withInit(true))
                .exec().getId();
        try {
            docker.client().startContainerCmd(leftover).exec();
            awaitTaken(port);

            preflight(profile, docker, List.of(new AwsProfile("default", false, ""))).run(
                    recorder.context(PreflightStep.ID));

            Check portCheck = report().checks().get(3);
            assertThat(portCheck.status()).as(portCheck.summary()).isEqualTo(Check.Status.OK);
            assertThat(recorder.text()).anySatisfy(line -> assertThat(line).startsWith("Removing container " + name
                    + ", left over from an earlier local test"));
            assertThat(docker.client().listContainersCmd().withShowAll(true).withNameFilter(List.of(name)).exec())
                    .isEmpty();
        } finally {
            try {
                docker.client().removeContainerCmd(leftover).withForce(true).exec();
            } catch (NotFoundException gone) {
                // Removed by the preflight, as it should be.
            }
        }
    }

    @Test
    void aContainerOfThatNameThatIsNotHubWizardsIsLeftAlone() throws Exception {
        int port = freePort();
        Profile profile = profile(port).withNames(ResourceNames.derivedFrom("preflight-" + port));
        String name = "hubwizard-test-" + profile.names().repository();
        String foreign = docker.client().createContainerCmd(DockerEngine.requireHubBase(docker)).withName(name)
                .withCmd("true").exec().getId();
        try {
            preflight(profile, docker, List.of(new AwsProfile("default", false, ""))).run(
                    recorder.context(PreflightStep.ID));

            assertThat(docker.client().inspectContainerCmd(foreign).exec().getName()).isEqualTo("/" + name);
        } finally {
            docker.client().removeContainerCmd(foreign).withForce(true).exec();
        }
    }

    private static void awaitTaken(int port) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            // Connecting, not binding: a probe that held the port would keep the container from listening.
            try (java.net.Socket probe = new java.net.Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (java.io.IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("The leftover container never listened on port " + port);
    }

    @Test
    void aDomainWhoseZoneIsElsewhereIsAmberWithTheTwoRecordsToAddAndGreenOnceTheZoneIsInTheAccount()
            throws Exception {
        Profile profile = profile(freePort()).withOptions(new Options(true, TeamOptions.DOMAIN, false));

        preflight(profile, docker, List.of(new AwsProfile("default", false, ""))).run(
                recorder.context(PreflightStep.ID));
        Check elsewhere = report().checks().get(report().checks().size() - 1);
        TeamOptions.createZone(aws);
        aws.close();
        StepRecorder again = new StepRecorder();
        preflight(profile, docker, List.of(new AwsProfile("default", false, ""))).run(again.context(PreflightStep.ID));
        List<Check> checks = again.session().values().require(PreflightStep.REPORT).checks();
        Check inAccount = checks.get(checks.size() - 1);

        assertThat(elsewhere.name()).isEqualTo("Domain");
        assertThat(elsewhere.status()).isEqualTo(Check.Status.WARNING);
        assertThat(elsewhere.summary()).contains("not in a Route 53 zone of this account")
                .contains("you will have to add two DNS records by hand");
        assertThat(elsewhere.fix()).contains("one validates the certificate", "load balancer");
        assertThat(inAccount.status()).isEqualTo(Check.Status.OK);
        assertThat(inAccount.summary()).contains("Route 53 zone " + TeamOptions.ZONE);
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
