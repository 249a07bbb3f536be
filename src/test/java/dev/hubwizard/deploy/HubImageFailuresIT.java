package dev.hubwizard.deploy;

import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import dev.hubwizard.docker.BuildNetwork;
import dev.hubwizard.docker.BuiltImage;
import dev.hubwizard.docker.DockerClients;
import dev.hubwizard.docker.HubEnvironment;
import dev.hubwizard.docker.ImageBuilder;
import dev.hubwizard.docker.LiveContainers;
import dev.hubwizard.docker.LocalHub;
import dev.hubwizard.docker.LocalHubRunner;
import dev.hubwizard.docker.LocalRun;
import dev.hubwizard.engine.Plan;
import dev.hubwizard.engine.ProblemException;
import dev.hubwizard.engine.Run;
import dev.hubwizard.engine.RunResult;
import dev.hubwizard.engine.Runner;
import dev.hubwizard.engine.StepContext;
import dev.hubwizard.engine.StepState;
import dev.hubwizard.profile.Architecture;
import dev.hubwizard.profile.Profile;
import dev.hubwizard.profile.TaskSize;
import dev.hubwizard.testbed.DockerEngine;
import dev.hubwizard.testbed.Folders;
import dev.hubwizard.testbed.StepRecorder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the person reads when the build or the local test goes wrong, against the real engine. */
class HubImageFailuresIT {

    static DockerClients docker;
    static String baseImage;
    static LiveContainers live;
    static BuiltImage image;

    @BeforeAll
    static void buildTheHubImage() throws Exception {
        docker = DockerEngine.require();
        baseImage = DockerEngine.requireHubBase(docker);
        live = new LiveContainers(docker);
        StepRecorder recorder = new StepRecorder();
        new BuildImageStep(profile("hubwizard-failures-it", 8000), new ImageBuilder(docker), TestProfiles.HUB_IMAGE,
                BuildNetwork.NONE).run(recorder.context(BuildImageStep.ID));
        image = recorder.session().values().require(BuildImageStep.IMAGE);
    }

    @AfterAll
    static void removeTheImage() throws Exception {
        if (image != null) {
            docker.client().removeImageCmd(image.reference()).exec();
        }
        if (docker != null) {
            docker.close();
        }
    }

    @Test
    void aBrokenDockerfileStepIsNamedWithItsOutput(@TempDir Path folder) throws Exception {
        Folders.copy(TestProfiles.HUB_IMAGE, folder);
        String dockerfile = Files.readString(folder.resolve("Dockerfile"));
        Files.writeString(folder.resolve("Dockerfile"), dockerfile.replace("WORKDIR /srv/jupyterhub\n",
                "WORKDIR /srv/jupyterhub\nRUN echo 'checking the wheelhouse' && ls /no-wheels-here\n"));
        Profile profile = TestProfiles.hub("hubwizard-broken-it", 8000, folder.toString(), "");

        assertThatThrownBy(() -> new BuildImageStep(profile, new ImageBuilder(docker), TestProfiles.HUB_IMAGE,
                BuildNetwork.NONE).run(new StepRecorder().context(BuildImageStep.ID)))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.problem().what()).matches("The image build failed at step 5/\\d+");
                    assertThat(e.problem().why()).startsWith("RUN echo 'checking the wheelhouse' && ls /no-wheels-here: ")
                            .contains("returned a non-zero code: 2", "checking the wheelhouse",
                                    "cannot access '/no-wheels-here'");
                    assertThat(e.problem().next()).contains(folder.resolve("Dockerfile").toString());
                });
    }

    @Test
    void cancellingABuildStopsItPromptlyAndLeavesNoContainer(@TempDir Path folder) throws Exception {
        // A marker of its own: other builds on the shared engine may run containers of the same base.
        String marker = "hubwizard-cancel-" + UUID.randomUUID();
        Files.writeString(folder.resolve("Dockerfile"), "ARG JUPYTERHUB_VERSION\n"
                + "FROM quay.io/jupyterhub/jupyterhub:${JUPYTERHUB_VERSION}\nRUN sleep 120 && echo " + marker + "\n");
        Files.writeString(folder.resolve("jupyterhub_config.py"), "");
        Profile profile = TestProfiles.hub("hubwizard-cancel-build-it", 8000, folder.toString(), "");
        StepRecorder recorder = new StepRecorder();

        try (Runner runner = Runner.withBackgroundThreads()) {
            Run run = runner.start(new Plan("build", List.of(new BuildImageStep(profile, new ImageBuilder(docker),
                    TestProfiles.HUB_IMAGE, BuildNetwork.NONE))), recorder.session(), recorder);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (recorder.progress().stream().noneMatch(p -> p.message().startsWith("Step 3/3"))
                    && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            Thread.sleep(500); // let the RUN step's container start
            long cancelled = System.nanoTime();
            run.cancel();
            assertThat(run.await().state(BuildImageStep.ID)).isEqualTo(StepState.CANCELLED);
            assertThat(Duration.ofNanos(System.nanoTime() - cancelled)).isLessThan(Duration.ofSeconds(15));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!buildContainers(marker).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(buildContainers(marker)).as("the RUN step's container").isEmpty();
    }

    private static List<Container> buildContainers(String marker) {
        return docker.client().listContainersCmd().withShowAll(true).withAncestorFilter(List.of(baseImage)).exec()
                .stream().filter(c -> c.getCommand() != null && c.getCommand().contains(marker)).toList();
    }

    @Test
    void aBaseImageOfAnotherArchitectureIsCaught() throws Exception {
        Profile profile = profile("hubwizard-arm-it", 8000).withTask(new TaskSize(1024, 2048, Architecture.ARM64));

        assertThatThrownBy(() -> new BuildImageStep(profile, new ImageBuilder(docker), TestProfiles.HUB_IMAGE,
                BuildNetwork.NONE).run(new StepRecorder().context(BuildImageStep.ID)))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.problem().what()).isEqualTo("The image was built for amd64, not arm64");
                    assertThat(e.problem().next()).contains("base image for ARM64");
                });
        assertThat(docker.client().inspectImageCmd(image.reference()).exec().getId())
                .as("the same content built earlier for amd64 keeps its tag").isEqualTo(image.imageId());
    }

    @Test
    void unreachableDockerSaysSoBeforeAnythingElse() throws Exception {
        DockerClients nowhere = DockerClients.forHost("unix:///tmp/hubwizard-nothing-here.sock");
        Profile profile = profile("hubwizard-unreachable-it", 8000);

        assertThatThrownBy(() -> new BuildImageStep(profile, new ImageBuilder(nowhere), TestProfiles.HUB_IMAGE,
                BuildNetwork.NONE).run(new StepRecorder().context(BuildImageStep.ID)))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.problem().what()).isEqualTo("Docker is not running");
                    assertThat(e.problem().why()).contains("unix:///tmp/hubwizard-nothing-here.sock");
                    assertThat(e.problem().next()).contains("Start Docker");
                });
    }

    @Test
    void aPortTakenByAnotherProgramIsNamedAsSuch() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            Profile profile = profile("hubwizard-port-it", taken.getLocalPort());
            StepRecorder recorder = new StepRecorder();
            StepContext context = recorder.context(LocalTestStep.ID);
            context.put(BuildImageStep.IMAGE, image);

            assertThatThrownBy(() -> localTest(profile, LocalTestApproval.WHEN_CHECKED).run(context))
                    .isInstanceOfSatisfying(ProblemException.class, e -> {
                        assertThat(e.problem().what()).isEqualTo("Port " + taken.getLocalPort() + " is already in use");
                        assertThat(e.problem().why()).isEqualTo("another program on this computer listens on it");
                    });
        }
        assertThat(live.count()).isZero();
    }

    @Test
    void aHubThatExitsShowsItsExitCodeAndLog() throws Exception {
        LocalRun run = new LocalRun(image.imageId(), "hubwizard-test-exits-it", TestProfiles.freePort(), true,
                Map.of(HubEnvironment.SIGN_IN, "bogus"));
        StepContext context = new StepRecorder().context(LocalTestStep.ID);

        try (LocalHub hub = new LocalHubRunner(docker, live).start(run, context)) {
            assertThatThrownBy(() -> hub.awaitHealthy(Duration.ofSeconds(30), context))
                    .isInstanceOfSatisfying(ProblemException.class, e -> {
                        assertThat(e.problem().what()).isEqualTo("The hub stopped during the local test");
                        assertThat(e.problem().why()).contains("exited with code 1",
                                "HUB_SIGN_IN='bogus' is not 'first-use' or 'cognito'");
                    });
        }
        assertGone("hubwizard-test-exits-it");
    }

    @Test
    void aHubTooSlowToAnswerTimesOutWithItsLog() throws Exception {
        LocalRun run = new LocalRun(image.imageId(), "hubwizard-test-slow-it", TestProfiles.freePort(), true, Map.of());
        StepContext context = new StepRecorder().context(LocalTestStep.ID);

        try (LocalHub hub = new LocalHubRunner(docker, live).start(run, context)) {
            assertThatThrownBy(() -> hub.awaitHealthy(Duration.ofMillis(300), context))
                    .isInstanceOfSatisfying(ProblemException.class, e -> {
                        assertThat(e.problem().what()).isEqualTo("The hub did not answer within 0.3 s");
                        assertThat(e.problem().why()).contains("/hub/health never answered 200", "last log lines");
                    });
        }
        assertGone("hubwizard-test-slow-it");
    }

    @Test
    void cancellingWhileThePersonLooksRemovesTheContainer() throws Exception {
        Profile profile = profile("hubwizard-cancel-it", TestProfiles.freePort());
        CompletableFuture<Void> waiting = new CompletableFuture<>();
        StepRecorder recorder = new StepRecorder();
        recorder.session().values().put(BuildImageStep.IMAGE, image);

        try (Runner runner = Runner.withBackgroundThreads()) {
            // The wizard's way of running one page's step: the image is in the session already.
            Plan plan = new Plan("local", List.of(
                    new BuildImageStep(profile, new ImageBuilder(docker), TestProfiles.HUB_IMAGE, BuildNetwork.NONE),
                    localTest(profile, new ManualApproval(url -> waiting.complete(null))))).only(Set.of(LocalTestStep.ID));
            Run run = runner.start(plan, recorder.session(), recorder);
            waiting.get(60, TimeUnit.SECONDS);
            assertThat(docker.client().inspectContainerCmd("hubwizard-test-hubwizard-cancel-it").exec().getState()
                    .getRunning()).isTrue();
            run.cancel();
            RunResult result = run.await();
            assertThat(result.state(LocalTestStep.ID)).isEqualTo(StepState.CANCELLED);
        }
        assertGone("hubwizard-test-hubwizard-cancel-it");
    }

    private static Profile profile(String name, int port) {
        return TestProfiles.hub(name, port, "", "");
    }

    private static LocalTestStep localTest(Profile profile, LocalTestApproval approval) {
        return new LocalTestStep(profile, new LocalHubRunner(docker, live), approval, LocalTestStep.HEALTH_TIMEOUT);
    }

    private static void assertGone(String container) {
        assertThatThrownBy(() -> docker.client().inspectContainerCmd(container).exec()).isInstanceOf(NotFoundException.class);
        assertThat(live.count()).isZero();
    }
}
