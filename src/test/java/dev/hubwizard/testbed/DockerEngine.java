package dev.hubwizard.testbed;

import com.github.dockerjava.api.exception.NotFoundException;
import dev.hubwizard.docker.DockerClients;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The Docker Engine the integration tests use, and the images .ci/run prepares in it. */
public final class DockerEngine {

    /** Where .ci/services/20-hub-base-image.sh keeps the test base image's tag (it bumps it there). */
    private static final Path HUB_BASE_IMAGE_TAG = Path.of(".ci", "hub-base-image", "tag");

    private DockerEngine() {
    }

    /** Docker as the app would find it; fails under CI, skips elsewhere, when nothing answers. */
    public static DockerClients require() {
        DockerClients docker = DockerClients.fromEnvironment();
        boolean answers;
        try {
            docker.client().pingCmd().exec();
            answers = true;
        } catch (RuntimeException e) {
            answers = false;
        }
        Requirements.require(answers, "the Docker Engine at " + docker.dockerHost(),
                "Run .ci/run once, or: apt-get install docker.io, then as root: "
                        + "dockerd --bridge=none --iptables=false --ip6tables=false &");
        return docker;
    }

    /** The hub base image built by .ci/run: Debian's JupyterHub plus the authenticators, offline. */
    public static String requireHubBaseImage(DockerClients docker) {
        String tag;
        try {
            tag = Files.readString(HUB_BASE_IMAGE_TAG).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        boolean present;
        try {
            docker.client().inspectImageCmd(tag).exec();
            present = true;
        } catch (NotFoundException e) {
            present = false;
        }
        Requirements.require(present, "the hub base image " + tag,
                "Run .ci/run once: its service block 20-hub-base-image.sh builds it (about 75 s)");
        return tag;
    }
}
