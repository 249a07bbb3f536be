package dev.hubwizard.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;

import java.io.IOException;
import java.time.Duration;

/**
 * The one place the Docker client is built. It follows Docker's own configuration
 * ({@code DOCKER_HOST}, {@code DOCKER_CONTEXT}, {@code DOCKER_CONFIG}, TLS variables) through
 * docker-java's standard config builder, and leaves the API version unpinned so that the engine's
 * own version is used (pinning a newer one makes older engines answer 400).
 *
 * <p>Nothing is read or built in the constructor, only on first use: callers are background steps,
 * and the window must not wait for Docker. {@link #close()} releases the client (the app does so on
 * exit); a later call builds a new one.
 */
public final class DockerClients implements AutoCloseable {

    /** Short, so "Docker is not running" shows up at once; responses may stream for minutes. */
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    /** Null: wherever Docker's own configuration points. */
    private final String dockerHost;
    private DockerClientConfig config;
    private DockerClient client;

    private DockerClients(String dockerHost) {
        this.dockerHost = dockerHost;
    }

    /** Docker as configured for this user: {@code DOCKER_HOST}, the current context, or the default socket. */
    public static DockerClients fromEnvironment() {
        return new DockerClients(null);
    }

    /** Docker at this address ({@code unix:///var/run/docker.sock}, {@code tcp://127.0.0.1:2375}). */
    public static DockerClients forHost(String dockerHost) {
        return new DockerClients(dockerHost);
    }

    /** Where the engine is expected, for messages ("nothing answers at …"). */
    public synchronized String dockerHost() {
        return config().getDockerHost().toString();
    }

    public synchronized DockerClient client() {
        if (client == null) {
            ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder()
                    .dockerHost(config().getDockerHost())
                    .sslConfig(config().getSSLConfig())
                    .connectionTimeout(CONNECT_TIMEOUT)
                    .build();
            client = DockerClientImpl.getInstance(config(), http);
        }
        return client;
    }

    /** Read on first use too: it reads files (Docker's config and contexts), which the FX thread must not. */
    private DockerClientConfig config() {
        if (config == null) {
            DefaultDockerClientConfig.Builder builder = DefaultDockerClientConfig.createDefaultConfigBuilder();
            config = (dockerHost == null ? builder : builder.withDockerHost(dockerHost)).build();
        }
        return config;
    }

    @Override
    public synchronized void close() throws IOException {
        if (client != null) {
            try {
                client.close();
            } finally {
                client = null;
            }
        }
    }
}
