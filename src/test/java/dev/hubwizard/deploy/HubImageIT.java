package dev.hubwizard.deploy;

import com.github.dockerjava.api.exception.NotFoundException;
import dev.hubwizard.docker.BuildNetwork;
import dev.hubwizard.docker.BuiltImage;
import dev.hubwizard.docker.DockerClients;
import dev.hubwizard.docker.ImageBuilder;
import dev.hubwizard.docker.LiveContainers;
import dev.hubwizard.docker.LocalHubRunner;
import dev.hubwizard.docker.LocalRun;
import dev.hubwizard.engine.Plan;
import dev.hubwizard.engine.ProblemException;
import dev.hubwizard.engine.Progress;
import dev.hubwizard.engine.RunResult;
import dev.hubwizard.engine.Runner;
import dev.hubwizard.hub.HubCheck;
import dev.hubwizard.profile.Architecture;
import dev.hubwizard.profile.Profile;
import dev.hubwizard.testbed.DockerEngine;
import dev.hubwizard.testbed.HubSignIn;
import dev.hubwizard.testbed.StepRecorder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The wizard's first two steps against the real Docker Engine: build the project's own {@code hub-image/}
 * unchanged on the stand-in of its pinned base image (with no network at all), run the local test (the hub
 * answers; a throwaway admin signs in, gets a server and runs code) with host networking on a free port, and
 * sign in as the profile's users while it runs.
 */
class HubImageIT {

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
    void buildsTheProjectsHubImageAndServesTheProfilesUsers() throws Exception {
        int port = TestProfiles.freePort();
        Profile profile = TestProfiles.hub("hubwizard-it", port, "", "");
        Map<String, Object> seen = new ConcurrentHashMap<>();
        LocalTestApproval checks = (url, context) -> {
            try {
                lookAround(port, seen);
            } catch (Exception e) {
                seen.put("failure", e);
            }
            return true;
        };
        StepRecorder recorder = new StepRecorder();

        long started = System.nanoTime();
        RunResult result = run(recorder, new BuildImageStep(profile, new ImageBuilder(docker), TestProfiles.HUB_IMAGE, BuildNetwork.NONE),
                new LocalTestStep(profile, new LocalHubRunner(docker, live), checks, LocalTestStep.HEALTH_TIMEOUT));
        Duration wall = Duration.ofNanos(System.nanoTime() - started);

        assertThat(result.succeeded()).as("%s", result.firstFailure()).isTrue();
        BuiltImage image = recorder.session().values().require(BuildImageStep.IMAGE);
        LocalTestResult tested = recorder.session().values().require(LocalTestStep.RESULT);
        System.out.printf("hub image %s on %s: %d MB; build + local test %d ms; %s%n", image.reference(), baseImage,
                image.sizeBytes() / 1_000_000, wall.toMillis(),
                tested.checks().stream().map(LocalTestCheck::line).toList());
        try {
            assertThat(image.version()).isEqualTo(BuiltImage.versionOf(image.imageId()));
            assertThat(image.architecture()).isEqualTo(Architecture.X86_64);
            assertThat(docker.client().inspectImageCmd(image.reference()).exec().getId()).isEqualTo(image.imageId());
            assertThat(tested.imageId()).isEqualTo(image.imageId());
            assertThat(recorder.text()).anyMatch(line -> line.startsWith("Step 1/"))
                    .anyMatch(line -> line.matches(".*Hub Wizard: sign-in first-use; 2 admin\\(s\\): alice, localtest-.*"))
                    .anyMatch(line -> line.contains("Creating user: useradd "))
                    .noneMatch(line -> line.contains(" adduser "));
            assertThat(recorder.progress()).filteredOn(Progress::isDeterminate)
                    .anyMatch(p -> p.message().startsWith("Step 6/") && p.message().contains("pip install"));
            assertThat(tested.checks()).extracting(LocalTestCheck::check).containsExactly(HubCheck.values());
            assertThat(tested.checks()).allMatch(c -> c.status() == LocalTestCheck.Status.PASSED);
            assertThat(tested.sinceStart(HubCheck.CODE_RAN)).isGreaterThan(tested.sinceStart(HubCheck.HUB_ANSWERS));

            assertThat(seen).doesNotContainKey("failure");
            assertThat(seen).containsEntry("root", 302).containsEntry("login page", true)
                    .containsEntry("alice signs in", 302).containsEntry("alice opens the admin page", 200)
                    .containsEntry("alice with another password", 403)
                    .containsEntry("bob signs in", 302).containsEntry("bob opens the admin page", 403)
                    .containsEntry("Carol@Example.org signs in", 302);
            assertThat((Integer) seen.get("mallory signs in")).isNotEqualTo(302);
            assertThat((String) seen.get("port taken")).contains("container hubwizard-test-hubwizard-it",
                    "Hub Wizard local test");

            assertThatThrownBy(() -> docker.client().inspectContainerCmd("hubwizard-test-hubwizard-it").exec())
                    .isInstanceOf(NotFoundException.class);
            assertThat(live.count()).isZero();

            StepRecorder again = new StepRecorder();
            assertThat(run(again, new BuildImageStep(profile, new ImageBuilder(docker), TestProfiles.HUB_IMAGE, BuildNetwork.NONE))
                    .succeeded()).isTrue();
            assertThat(again.session().values().require(BuildImageStep.IMAGE).version())
                    .as("nothing changed: every step comes from the cache, so the same image and version")
                    .isEqualTo(image.version());
        } finally {
            docker.client().removeImageCmd(image.reference()).exec();
        }
    }

    /** What a person would check in the browser while the wizard waits for "Looks good". */
    private void lookAround(int port, Map<String, Object> seen) throws Exception {
        HubSignIn anonymous = new HubSignIn(port);
        seen.put("root", anonymous.get("/").statusCode());
        seen.put("login page", anonymous.get("/hub/login").body().contains("name=\"username\""));

        HubSignIn alice = new HubSignIn(port);
        seen.put("alice signs in", alice.signIn("alice", "alice-first-password"));
        seen.put("alice opens the admin page", alice.get("/hub/admin").statusCode());
        seen.put("alice with another password", new HubSignIn(port).signIn("alice", "someone-elses-guess"));

        HubSignIn bob = new HubSignIn(port);
        seen.put("bob signs in", bob.signIn("bob", "bob-first-password"));
        seen.put("bob opens the admin page", bob.get("/hub/admin").statusCode());

        seen.put("Carol@Example.org signs in", new HubSignIn(port).signIn("Carol@Example.org", "carol-password"));
        seen.put("mallory signs in", new HubSignIn(port).signIn("mallory", "mallory-password"));

        // The port check comes before anything is created, so the image hardly matters here.
        LocalRun second = new LocalRun(baseImage, "hubwizard-test-second", port, true, Map.of());
        try {
            new LocalHubRunner(docker, live).start(second, new StepRecorder().context("test-local")).close();
            seen.put("port taken", "a second hub started on the same port");
        } catch (ProblemException e) {
            seen.put("port taken", e.problem().why());
        }
    }

    static RunResult run(StepRecorder recorder, dev.hubwizard.engine.Step... steps) throws InterruptedException {
        try (Runner runner = Runner.withBackgroundThreads()) {
            return runner.start(new Plan("local", List.of(steps)), recorder.session(), recorder).await();
        }
    }
}
