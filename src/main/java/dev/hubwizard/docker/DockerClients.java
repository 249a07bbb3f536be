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
 * <p>The client is built on first use, never in the constructor: callers are background steps, and
 * the window must not wait for Docker. {@link #close()} releases it; a later call builds a new one.
 */
public final class DockerClients implements AutoCloseable {

    /** Short, so "Docker is not running" shows up at once; responses may stream for minutes. */
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final DockerClientConfig config;
    private DockerClient client;

    private DockerClients(DockerClientConfig config) {
        this.config = config;
    }

    /** Docker as configured for this user: {@code DOCKER_HOST}, the current context, or the default socket. */
    public static DockerClients fromEnvironment() {
        return new DockerClients(DefaultDockerClientConfig.createDefaultConfigBuilder().build());
    }

    /** Docker at this address ({@code unix:///var/run/docker.sock}, {@code tcp://127.0.0.1:2375}). */
    public static DockerClients forHost(String dockerHost) {
        return new DockerClients(DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(dockerHost).build());
    }

    /** Where the engine is expected, for messages ("cannot reach Docker at …"). */
    public String dockerHost() {
        return config.getDockerHost().toString();
    }

    public synchronized DockerClient client() {
        if (client == null) {
            ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder()
                    .dockerHost(config.getDockerHost())
                    .sslConfig(config.getSSLConfig())
                    .connectionTimeout(CONNECT_TIMEOUT)
                    .build();
            client = DockerClientImpl.getInstance(config, http);
        }
        return client;
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
