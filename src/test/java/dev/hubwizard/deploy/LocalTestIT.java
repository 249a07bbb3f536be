package dev.hubwizard.deploy;

import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.hubwizard.docker.BuildNetwork;
import dev.hubwizard.docker.BuiltImage;
import dev.hubwizard.docker.DockerClients;
import dev.hubwizard.docker.ImageBuilder;
import dev.hubwizard.docker.LiveContainers;
import dev.hubwizard.docker.LocalHubRunner;
import dev.hubwizard.engine.ProblemException;
import dev.hubwizard.engine.StepContext;
import dev.hubwizard.hub.HubCheck;
import dev.hubwizard.profile.JupyterHubVersion;
import dev.hubwizard.profile.Profile;
import dev.hubwizard.testbed.DockerEngine;
import dev.hubwizard.testbed.StepRecorder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The local test against the real Docker Engine, on every JupyterHub version the hub image is proven on (the
 * stand-ins of the official base images): it passes on the project's own {@code hub-image/}, also where the
 * base has no {@code adduser}; and when a person cannot sign in (accounts cannot be created) or cannot get a
 * server (the single-user server is missing) it fails naming that check, with the hub's own log lines about
 * it. The broken images are the real one with one thing taken away.
 */
class LocalTestIT {

    static final List<String> VERSIONS = JupyterHubVersion.TESTED;

    static DockerClients docker;
    static LiveContainers live;
    static final Map<String, BuiltImage> hubImages = new ConcurrentHashMap<>();
    static final List<String> variants = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void engine() {
        docker = DockerEngine.require();
        VERSIONS.forEach(version -> DockerEngine.requireHubBase(docker, version));
        live = new LiveContainers(docker);
    }

    @AfterAll
    static void removeImages() throws Exception {
        if (docker == null) {
            return;
        }
        for (String variant : variants) {
            docker.client().removeImageCmd(variant).withForce(true).exec();
        }
        for (BuiltImage image : hubImages.values()) {
            docker.client().removeImageCmd(image.reference()).exec();
        }
        docker.close();
    }

    @ParameterizedTest(name = "JupyterHub {0}")
    @FieldSource("VERSIONS")
    void passesOnTheHubImage(String version) throws Exception {
        BuiltImage image = hubImage(version);
        Recorded run = localTest(version, image);

        assertThat(run.failure).as("%s", run.failure).isNull();
        LocalTestResult result = run.recorder.session().values().require(LocalTestStep.RESULT);
        assertThat(result.checks()).extracting(LocalTestCheck::check).containsExactly(HubCheck.values());
        assertThat(result.checks()).allMatch(check -> check.status() == LocalTestCheck.Status.PASSED);
        String account = result.checks().get(1).detail().replace("as ", "");
        assertThat(account).matches("localtest-[a-z0-9]{6}");
        assertThat(result.checks().get(3).detail()).matches("print\\(getpass.getuser\\(\\), \\d+ \\* \\d+\\) printed "
                + account + " \\d+");
        assertThat(run.seen).extracting(LocalTestCheck::status).containsExactly(
                LocalTestCheck.Status.RUNNING, LocalTestCheck.Status.PASSED, LocalTestCheck.Status.RUNNING,
                LocalTestCheck.Status.PASSED, LocalTestCheck.Status.RUNNING, LocalTestCheck.Status.PASSED,
                LocalTestCheck.Status.RUNNING, LocalTestCheck.Status.PASSED);
        assertThat(run.recorder.text()).anyMatch(line -> line.contains("Running JupyterHub version " + version))
                .anyMatch(line -> line.startsWith("✓ Code ran print(getpass.getuser()"));
        System.out.printf("JupyterHub %s: %s%n", version, result.checks().stream().map(LocalTestCheck::line).toList());
        assertContainerGone(run.profile);
    }

    /** The same on every version: both bases have adduser only because gnupg pulls it in. */
    @org.junit.jupiter.api.Test
    void passesOnABaseWithoutAdduser() throws Exception {
        String version = JupyterHubVersion.PINNED;
        BuiltImage image = variant(hubImage(version), "RUN dpkg --purge --force-depends adduser >/dev/null 2>&1"
                + " && ! command -v adduser");

        Recorded run = localTest(version, image);

        assertThat(run.failure).as("%s", run.failure).isNull();
        assertThat(run.recorder.text()).anyMatch(line -> line.contains("Creating user: useradd --create-home"));
    }

    @ParameterizedTest(name = "JupyterHub {0}")
    @FieldSource("VERSIONS")
    void failsAtSignInWhenPasswordsCannotBeKept(String version) throws Exception {
        BuiltImage image = variant(hubImage(version), "RUN ln -s /dev/full /srv/jupyterhub/state/passwords.dbm");

        Recorded run = localTest(version, image);

        assertThat(run.failure).isNotNull();
        assertThat(run.failure.problem().what()).isEqualTo("Nobody could sign in to the hub");
        assertThat(run.failure.problem().why())
                .startsWith("the hub answered HTTP 500 to signing in as localtest-")
                .contains("The hub's log:", "Uncaught exception POST /hub/login", "dbm.error: db type could not be");
        assertThat(run.failure.problem().why().lines()).noneMatch(line -> line.contains("Traceback"));
        assertFailedAt(run, HubCheck.SIGNED_IN);
        assertContainerGone(run.profile);
    }

    @ParameterizedTest(name = "JupyterHub {0}")
    @FieldSource("VERSIONS")
    void failsAtTheServerWhenAccountsCannotBeCreated(String version) throws Exception {
        BuiltImage image = variant(hubImage(version), "RUN rm /usr/sbin/useradd");

        Recorded run = localTest(version, image);

        assertThat(run.failure).isNotNull();
        assertThat(run.failure.problem().what()).isEqualTo("A signed-in person got no notebook server");
        // The hub creates the listed people's accounts when it starts; the cause is logged then.
        assertThat(run.failure.problem().why())
                .contains("The hub's log:", "Error adding user localtest-",
                        "FileNotFoundError: [Errno 2] No such file or directory: 'useradd'",
                        "getpwnam(): name not found: 'localtest-");
        assertFailedAt(run, HubCheck.SERVER_STARTED);
        assertContainerGone(run.profile);
    }

    @ParameterizedTest(name = "JupyterHub {0}")
    @FieldSource("VERSIONS")
    void failsAtTheServerWhenNoneCanStart(String version) throws Exception {
        BuiltImage image = variant(hubImage(version), "RUN rm /srv/venv/bin/jupyterhub-singleuser");

        Recorded run = localTest(version, image);

        assertThat(run.failure).isNotNull();
        assertThat(run.failure.problem().what()).isEqualTo("A signed-in person got no notebook server");
        assertThat(run.failure.problem().why()).contains("The hub's log:", "jupyterhub-singleuser");
        assertFailedAt(run, HubCheck.SERVER_STARTED);
        assertContainerGone(run.profile);
    }

    /** A local test run and what it showed: the checks as the page saw them, the log, the failure. */
    private record Recorded(Profile profile, StepRecorder recorder, List<LocalTestCheck> seen, ProblemException failure) {
    }

    private static Recorded localTest(String version, BuiltImage image) throws Exception {
        Profile profile = profile(version);
        StepRecorder recorder = new StepRecorder();
        StepContext context = recorder.context(LocalTestStep.ID);
        context.put(BuildImageStep.IMAGE, image);
        List<LocalTestCheck> seen = new ArrayList<>();
        LocalTestApproval approval = new LocalTestApproval() {
            @Override
            public boolean approve(java.net.URI hubUrl, StepContext ignored) {
                return true;
            }

            @Override
            public void checked(LocalTestCheck check) {
                seen.add(check);
            }
        };
        ProblemException failure = null;
        try {
            new LocalTestStep(profile, new LocalHubRunner(docker, live), approval, LocalTestStep.HEALTH_TIMEOUT)
                    .run(context);
        } catch (ProblemException e) {
            failure = e;
        }
        return new Recorded(profile, recorder, seen, failure);
    }

    private static Profile profile(String version) throws Exception {
        Profile profile = TestProfiles.hub("hubwizard-localtest-" + version.replace('.', '-'), TestProfiles.freePort(),
                "", "");
        return profile.withAdvanced(profile.advanced().withJupyterhubVersion(version));
    }

    /** The project's hub image on {@code version}, built once for all the tests here. */
    private static synchronized BuiltImage hubImage(String version) throws Exception {
        if (!hubImages.containsKey(version)) {
            StepRecorder recorder = new StepRecorder();
            new BuildImageStep(profile(version), new ImageBuilder(docker), TestProfiles.HUB_IMAGE, BuildNetwork.NONE)
                    .run(recorder.context(BuildImageStep.ID));
            hubImages.put(version, recorder.session().values().require(BuildImageStep.IMAGE));
        }
        return hubImages.get(version);
    }

    /** {@code image} with one more Dockerfile line, built with no network. */
    private static BuiltImage variant(BuiltImage image, String line) throws Exception {
        Path folder = Files.createTempDirectory("hubwizard-variant");
        Files.writeString(folder.resolve("Dockerfile"), "FROM " + image.imageId() + "\n" + line + "\n");
        String tag = "hubwizard-test/localtest-variant:" + UUID.randomUUID().toString().substring(0, 8);
        String id = docker.client().buildImageCmd(folder.toFile()).withNetworkMode("none").withForcerm(true)
                .withTags(java.util.Set.of(tag))
                .exec(new BuildImageResultCallback()).awaitImageId();
        variants.add(tag);
        Files.delete(folder.resolve("Dockerfile"));
        Files.delete(folder);
        return new BuiltImage(id, "hubwizard-test/localtest-variant", BuiltImage.versionOf(id), image.architecture(),
                image.sizeBytes());
    }

    /** The checks before {@code check} passed, and the page saw {@code check} fail last. */
    private static void assertFailedAt(Recorded run, HubCheck check) {
        assertThat(run.seen).last().satisfies(last -> {
            assertThat(last.check()).isEqualTo(check);
            assertThat(last.status()).isEqualTo(LocalTestCheck.Status.FAILED);
        });
        assertThat(run.seen).filteredOn(c -> c.status() == LocalTestCheck.Status.PASSED).extracting(LocalTestCheck::check)
                .containsExactly(java.util.Arrays.copyOf(HubCheck.values(), check.ordinal()));
    }

    private static void assertContainerGone(Profile profile) {
        assertThatThrownBy(() -> docker.client().inspectContainerCmd("hubwizard-test-" + profile.names().repository())
                .exec()).isInstanceOf(NotFoundException.class);
        assertThat(live.count()).isZero();
    }
}
