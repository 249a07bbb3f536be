package dev.hubwizard.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerPort;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import dev.hubwizard.engine.ProblemException;
import dev.hubwizard.engine.StepContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Starts a hub image in a container on this computer; {@link LocalHub} waits for it and removes it. */
public final class LocalHubRunner {

    /** Marks the local test's containers: leftovers can be recognised, and their port named. */
    public static final String LABEL = "dev.hubwizard.local-test";
    public static final String PORT_LABEL = "dev.hubwizard.port";
    /** The port the hub listens on inside its container when the port is published. */
    static final int CONTAINER_PORT = 8000;
    private static final Duration NAME_FREED = Duration.ofSeconds(30);

    private final DockerClients docker;
    private final LiveContainers live;
    private final HttpClient http;

    public LocalHubRunner(DockerClients docker, LiveContainers live) {
        this.docker = docker;
        this.live = live;
        // HTTP/1.1: Java's default HTTP/2 attempt sends "Upgrade: h2c", which configurable-http-proxy
        // takes for a WebSocket and never answers.
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(1))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Creates and starts the container; the caller closes the returned hub (try-with-resources). */
    public LocalHub start(LocalRun run, StepContext context) throws ProblemException {
        DockerClient client = docker.client();
        try {
            removeLeftover(run.name(), context);
            if (!PortCheck.isFree(run.port())) {
                throw portTaken(client, run.port());
            }
            String id = create(client, run).exec().getId();
            live.add(id);
            LocalHub hub = new LocalHub(id, run, URI.create("http://localhost:" + run.port() + "/"), docker, live, http);
            try {
                client.startContainerCmd(id).exec();
                hub.followLog(context);
            } catch (RuntimeException e) {
                hub.close();
                throw e;
            }
            context.log().info("Started container " + run.name() + " (" + shortId(id) + ") from " + run.image()
                    + (run.hostNetwork() ? " with host networking" : "") + " on port " + run.port());
            return hub;
        } catch (RuntimeException e) {
            String text = DockerProblems.messages(e);
            if (text.contains("port is already allocated") || text.contains("address already in use")) {
                throw portTaken(client, run.port());
            }
            throw DockerProblems.of(e, docker.dockerHost(), "start the hub's container");
        }
    }

    private CreateContainerCmd create(DockerClient client, LocalRun run) {
        Map<String, String> environment = new LinkedHashMap<>(run.environment());
        HostConfig host = HostConfig.newHostConfig().withInit(true);
        if (run.hostNetwork()) {
            // Sharing the host's network: listen on loopback only, and let the hub's internal ports
            // dodge whatever else runs here (another hub, another test).
            host.withNetworkMode("host");
            environment.put(HubEnvironment.IP, "127.0.0.1");
            environment.put(HubEnvironment.PORT, String.valueOf(run.port()));
            environment.put(HubEnvironment.API_PORT, String.valueOf(PortCheck.freePort()));
            environment.put(HubEnvironment.PROXY_API_PORT, String.valueOf(PortCheck.freePort()));
        } else {
            // Published on loopback only: the test hub, with its first-use passwords, stays private.
            host.withPortBindings(new PortBinding(Ports.Binding.bindIpAndPort("127.0.0.1", run.port()),
                    ExposedPort.tcp(CONTAINER_PORT)));
        }
        return client.createContainerCmd(run.image())
                .withName(run.name())
                .withEnv(environment.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList())
                .withLabels(Map.of(LABEL, "true", PORT_LABEL, String.valueOf(run.port())))
                .withExposedPorts(ExposedPort.tcp(CONTAINER_PORT))
                .withHostConfig(host);
    }

    /**
     * Removes the local test's container called {@code name} that an earlier run could not clean up (the app was
     * killed while the test ran): it carries Hub Wizard's local-test label, so it is Hub Wizard's to remove, and it
     * may hold the test's port. Says so in the log; a container of that name that Hub Wizard did not start is left
     * alone, and refused.
     *
     * @return whether there was one
     */
    public boolean removeLeftover(String name, StepContext context) throws ProblemException {
        try {
            var existing = docker.client().inspectContainerCmd(name).exec();
            if (!"true".equals(Optional.ofNullable(existing.getConfig().getLabels()).map(l -> l.get(LABEL)).orElse(null))) {
                throw new ProblemException("A container named " + name + " already exists",
                        "Hub Wizard did not start it, so it leaves it alone",
                        "Remove or rename it (docker rm " + name + "), then press Retry");
            }
            context.log().info("Removing container " + name + ", left over from an earlier local test that could not "
                    + "clean up (Hub Wizard was closed while it ran)");
            live.add(existing.getId());
            try {
                live.remove(existing.getId());
            } catch (ConflictException removing) {
                // Docker is removing it already (the last run's, a moment ago): its name frees shortly.
            }
            awaitGone(docker.client(), name);
            return true;
        } catch (NotFoundException none) {
            // The usual case.
            return false;
        }
    }

    /** Until no container has {@code name}: on a busy machine Docker frees a name a moment after removing. */
    private static void awaitGone(DockerClient client, String name) throws ProblemException {
        long deadline = System.nanoTime() + NAME_FREED.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                client.inspectContainerCmd(name).exec();
            } catch (NotFoundException gone) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new ProblemException("The container " + name + " of an earlier local test is still being removed",
                "Docker has not finished removing it after " + NAME_FREED.toSeconds() + " s",
                "Press Retry in a moment");
    }

    /** Why the local test could not use {@code port} right now, or empty when it can. */
    public Optional<ProblemException> portProblem(int port) {
        if (PortCheck.isFree(port)) {
            return Optional.empty();
        }
        return Optional.of(portTaken(docker.client(), port));
    }

    private ProblemException portTaken(DockerClient client, int port) {
        String holder = holderOf(client, port).map(name -> "container " + name + " uses it")
                .orElse("another program on this computer listens on it");
        return new ProblemException("Port " + port + " is already in use", holder,
                "Stop " + (holder.startsWith("container") ? "that container" : "that program")
                        + " or choose another port for the local test, then press Retry");
    }

    /** The container that holds {@code port}, as far as Docker knows: published ports and our own labels. */
    private static Optional<String> holderOf(DockerClient client, int port) {
        try {
            for (Container container : client.listContainersCmd().exec()) {
                boolean publishes = container.getPorts() != null && java.util.Arrays.stream(container.getPorts())
                        .map(ContainerPort::getPublicPort).anyMatch(p -> p != null && p == port);
                boolean ours = String.valueOf(port).equals(
                        container.getLabels() == null ? null : container.getLabels().get(PORT_LABEL));
                if (publishes || ours) {
                    String name = container.getNames() == null || container.getNames().length == 0
                            ? shortId(container.getId()) : container.getNames()[0].replaceFirst("^/", "");
                    return Optional.of(name + (ours ? " (a Hub Wizard local test)" : " (image " + container.getImage() + ")"));
                }
            }
        } catch (RuntimeException e) {
            // Only the message gets less specific.
        }
        return Optional.empty();
    }

    static String shortId(String id) {
        return id.length() > 12 ? id.substring(0, 12) : id;
    }
}
