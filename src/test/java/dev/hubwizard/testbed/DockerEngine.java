package dev.hubwizard.testbed;

import com.github.dockerjava.api.exception.NotFoundException;
import dev.hubwizard.docker.DockerClients;
import dev.hubwizard.profile.JupyterHubVersion;

import java.util.Map;

/** The Docker Engine the integration tests use, and the images .ci/run prepares in it. */
public final class DockerEngine {

    /** Set on the stand-in base images by .ci/services/20-hub-base-image.sh: the hash of their recipe. */
    private static final String RECIPE_LABEL = "dev.hubwizard.test-base.recipe";

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

    /**
     * The stand-in of the official hub base image at {@code version}, built by .ci/run under the official
     * name ({@code quay.io/jupyterhub/jupyterhub:VERSION}) so that the hub image's Dockerfile builds on it
     * unchanged, with no network: it carries the wheels the hub image installs. Only the stand-in will do
     * (its recipe label says so): the real image would need the internet to build on.
     *
     * @return the image's name
     */
    public static String requireHubBase(DockerClients docker, String version) {
        String image = JupyterHubVersion.officialImage(version);
        String recipe;
        try {
            Map<String, String> labels = docker.client().inspectImageCmd(image).exec().getConfig().getLabels();
            recipe = labels == null ? null : labels.get(RECIPE_LABEL);
        } catch (NotFoundException e) {
            recipe = null;
        }
        Requirements.require(recipe != null, "the stand-in base image " + image,
                "Run .ci/run once: its service block 20-hub-base-image.sh builds it (about 3 minutes the first time)");
        return image;
    }

    /** The stand-in of the pinned version, which the hub image's Dockerfile builds on by default. */
    public static String requireHubBase(DockerClients docker) {
        return requireHubBase(docker, JupyterHubVersion.PINNED);
    }
}
