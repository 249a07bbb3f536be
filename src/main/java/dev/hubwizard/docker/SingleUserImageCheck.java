package dev.hubwizard.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import dev.hubwizard.engine.ProblemException;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Whether an image can run users' servers: it runs {@code jupyterhub-singleuser --version} in a throwaway container
 * without a network, the entry point replaced so that an image's own start script (the Jupyter Docker Stacks')
 * does not get in the way. The answer is the JupyterHub version the image's single-user server speaks.
 */
public final class SingleUserImageCheck {

    static final String COMMAND = "jupyterhub-singleuser";
    private static final int TIMEOUT_SECONDS = 120;

    private final DockerClients docker;

    public SingleUserImageCheck(DockerClients docker) {
        this.docker = docker;
    }

    /**
     * The JupyterHub version of the image's {@code jupyterhub-singleuser}; a problem when it has none, which names the
     * image as the person knows it: {@code named}, the name they gave in Settings, where {@code image} is its local
     * tag for the users' repository (or the same, for the image Hub Wizard builds).
     */
    public String version(String image, String named) throws ProblemException {
        DockerClient client = docker.client();
        String name = "hubwizard-singleuser-check-" + UUID.randomUUID().toString().substring(0, 8);
        String id;
        try {
            id = client.createContainerCmd(image).withName(name).withEntrypoint(COMMAND).withCmd("--version")
                    .withHostConfig(HostConfig.newHostConfig().withNetworkMode("none")).exec().getId();
        } catch (RuntimeException e) {
            throw DockerProblems.of(e, docker.dockerHost(), "create a container of " + image);
        }
        try {
            try {
                client.startContainerCmd(id).exec();
            } catch (DockerException e) {
                // The runtime refuses to start a command the image does not have.
                if (String.valueOf(e.getMessage()).contains("executable file not found")) {
                    throw cannotRun(named, COMMAND + " is not in the image");
                }
                throw e;
            }
            Integer status = client.waitContainerCmd(id).start().awaitStatusCode(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            String output = output(client, id).trim();
            String last = output.lines().reduce((a, b) -> b).orElse("").trim();
            if (status == null || status != 0) {
                throw cannotRun(named, COMMAND + " --version ended with " + status + (last.isEmpty() ? "" : ": "
                        + last));
            }
            return last;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProblemException("The check of " + image + " was interrupted", "", "Press Retry");
        } catch (RuntimeException e) {
            throw DockerProblems.of(e, docker.dockerHost(), "run " + COMMAND + " in " + image);
        } finally {
            try {
                client.removeContainerCmd(id).withForce(true).exec();
            } catch (RuntimeException ignored) {
                // Already gone: nothing is left behind either way.
            }
        }
    }

    private static ProblemException cannotRun(String image, String why) {
        return new ProblemException("The image " + image + " cannot run users' servers", why,
                "Name an image that has JupyterHub's single-user server (the Jupyter Docker Stacks' images do), or"
                        + " leave \"Users' image\" empty in Settings to use the one Hub Wizard builds");
    }

    private static String output(DockerClient client, String id) throws InterruptedException {
        StringBuilder text = new StringBuilder();
        client.logContainerCmd(id).withStdOut(true).withStdErr(true).exec(new ResultCallback.Adapter<Frame>() {
            @Override
            public void onNext(Frame frame) {
                text.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
            }
        }).awaitCompletion(30, TimeUnit.SECONDS);
        return text.toString();
    }
}
