package dev.hubwizard.docker;

import dev.hubwizard.engine.ProblemException;
import dev.hubwizard.profile.Architecture;
import dev.hubwizard.profile.JupyterHubVersion;
import dev.hubwizard.testbed.DockerEngine;
import dev.hubwizard.testbed.StepRecorder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The users' server image against the real Docker Engine: built from the project's own {@code hub-image/} with its
 * {@code singleuser/Dockerfile}, on the stand-in of the pinned base and without a network, and checked the way the
 * wizard checks a named image: its {@code jupyterhub-singleuser} answers with the hub's JupyterHub version.
 */
class UserImageIT {

    static DockerClients docker;
    static String baseImage;

    @BeforeAll
    static void engine() {
        docker = DockerEngine.require();
        baseImage = DockerEngine.requireHubBase(docker);
    }

    @AfterAll
    static void close() throws Exception {
        if (docker != null) {
            docker.close();
        }
    }

    @Test
    void theUsersImageIsBuiltFromTheHubImageFolderAndRunsTheSingleUserServer() throws Exception {
        String repository = "hubwizard-it-user-" + UUID.randomUUID().toString().substring(0, 8);
        ImageBuildRequest hub = new ImageBuildRequest(Path.of("hub-image"), "unused", List.of("alice"), List.of(),
                Architecture.X86_64, JupyterHubVersion.PINNED, "", BuildNetwork.NONE);
        StepRecorder recorder = new StepRecorder();

        BuiltImage image = new ImageBuilder(docker).build(hub.forUsers(repository), recorder.context("build-user"));

        try {
            assertThat(image.repository()).isEqualTo(repository);
            assertThat(recorder.text()).anyMatch(line -> line.contains("(singleuser/Dockerfile)"))
                    .anyMatch(line -> line.contains("useradd --create-home --uid 1000"));
            assertThat(docker.client().inspectImageCmd(image.reference()).exec().getConfig().getUser())
                    .as("servers run unprivileged").isEqualTo("jovyan");
            assertThat(new SingleUserImageCheck(docker).version(image.reference())).isEqualTo(JupyterHubVersion.PINNED);
        } finally {
            docker.client().removeImageCmd(image.reference()).withForce(true).exec();
        }
    }

    @Test
    void anImageWithoutTheSingleUserServerIsRefusedWithWhatToDo(@TempDir Path context) throws Exception {
        // The base without its jupyterhub-singleuser: what a person's own image might be.
        Files.writeString(context.resolve("Dockerfile"), "FROM " + baseImage
                + "\nRUN rm \"$(command -v jupyterhub-singleuser)\"\n");
        String tag = "hubwizard-it-no-singleuser:" + UUID.randomUUID().toString().substring(0, 8);
        String id = docker.client().buildImageCmd(context.toFile()).withNetworkMode("none").withTags(Set.of(tag))
                .start().awaitImageId(5, TimeUnit.MINUTES);
        try {
            ProblemException e = catchThrowableOfType(ProblemException.class,
                    () -> new SingleUserImageCheck(docker).version(tag));

            assertThat(e.problem().what()).isEqualTo("The image " + tag + " cannot run users' servers");
            assertThat(e.problem().why()).isEqualTo("jupyterhub-singleuser is not in the image");
            assertThat(e.problem().next()).contains("leave \"Users' image\" empty");
            assertThat(docker.client().listContainersCmd().withShowAll(true).exec())
                    .as("the throwaway container is gone").noneMatch(c -> c.getImageId().equals(id));
        } finally {
            docker.client().removeImageCmd(id).withForce(true).exec();
        }
    }
}
