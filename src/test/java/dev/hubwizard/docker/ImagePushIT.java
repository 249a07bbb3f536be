package dev.hubwizard.docker;

import dev.hubwizard.engine.ProblemException;
import dev.hubwizard.testbed.DockerEngine;
import dev.hubwizard.testbed.LocalRegistry;
import dev.hubwizard.testbed.StepRecorder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Pushes a small image to a real registry (Debian's docker-registry on loopback) through the real engine. */
class ImagePushIT {

    static final String SAMPLE = "hubwizard-test/push-sample";
    static final String PASSWORD = "local-registry-" + UUID.randomUUID();

    static DockerClients docker;
    static LocalRegistry registry;
    static String imageId;

    @BeforeAll
    static void startRegistryAndMakeAnImage() throws Exception {
        docker = DockerEngine.require();
        LocalRegistry.require();
        registry = LocalRegistry.start(PASSWORD);
        imageId = buildTinyImage();
    }

    @AfterAll
    static void stopRegistryAndRemoveImages() throws Exception {
        if (imageId != null) {
            docker.client().removeImageCmd(imageId).withForce(true).exec();
        }
        if (registry != null) {
            registry.close();
        }
        if (docker != null) {
            docker.close();
        }
    }

    @Test
    void pushesWithProgressAndReturnsTheRegistrysDigest() throws Exception {
        StepRecorder recorder = new StepRecorder();
        PushRequest request = new PushRequest(imageId, registry.repositoryUri("team-hub"), "v1",
                new RegistryCredentials(LocalRegistry.USER, PASSWORD));

        PushedImage pushed = new ImagePusher(docker).push(request, recorder.context("push"));

        assertThat(pushed.reference()).isEqualTo(registry.address() + "/team-hub:v1");
        assertThat(registry.tags("team-hub")).containsExactly("v1");
        assertThat(registry.manifestDigest("team-hub", "v1")).contains(pushed.digest());
        assertThat(recorder.text()).anyMatch(line -> line.matches("layer \\w+: Pushed"));
        assertThat(recorder.progress()).last().satisfies(p -> assertThat(p.fraction()).isEqualTo(1.0));
        assertThat(String.join("\n", recorder.text())).doesNotContain(PASSWORD);
    }

    @Test
    void aWrongPasswordIsAClearErrorThatNeverShowsThePassword() throws Exception {
        StepRecorder recorder = new StepRecorder();
        String wrong = "wrong-password-" + UUID.randomUUID();
        PushRequest request = new PushRequest(imageId, registry.repositoryUri("team-hub"), "v2",
                new RegistryCredentials(LocalRegistry.USER, wrong));

        assertThatThrownBy(() -> new ImagePusher(docker).push(request, recorder.context("push")))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.problem().what()).isEqualTo("The registry refused the push");
                    assertThat(e.problem().next()).contains("sign-in");
                    assertThat(e.getMessage()).doesNotContain(wrong);
                    assertThat(e.getCause()).isNull();
                });
        assertThat(String.join("\n", recorder.text())).doesNotContain(wrong);
        assertThat(registry.tags("team-hub")).doesNotContain("v2");
    }

    /** One small file on scratch: an image that pushes in a moment and is new to the registry. */
    private static String buildTinyImage() throws Exception {
        Path context = Files.createTempDirectory("hubwizard-push-sample-");
        try {
            Files.writeString(context.resolve("Dockerfile"), "FROM scratch\nCOPY hello.txt /\n");
            Files.writeString(context.resolve("hello.txt"), "pushed by ImagePushIT " + UUID.randomUUID() + "\n");
            return docker.client().buildImageCmd(context.toFile()).withNetworkMode("none")
                    .withTags(java.util.Set.of(SAMPLE + ":1")).start().awaitImageId();
        } finally {
            try (var files = Files.walk(context)) {
                for (Path path : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }
}
