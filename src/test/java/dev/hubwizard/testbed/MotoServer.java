package dev.hubwizard.testbed;

import dev.hubwizard.testbed.strict.StrictAws;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The AWS APIs in tests: moto in server mode on a free loopback port, started by the test JVM itself
 * and stopped when it exits. The SDK finds it the standard way — the {@code aws.endpointUrl} system
 * property, twin of {@code AWS_ENDPOINT_URL} — with dummy credentials, so production code runs
 * unchanged and never learns it is under test. The JVM's shared moto is reached through the strict layer
 * ({@link StrictAws}), so that every test meets AWS's rules, not only moto's.
 */
public final class MotoServer implements AutoCloseable {

    /** moto's answer to "what is my account" and the account in every ARN it makes. */
    public static final String ACCOUNT = "123456789012";
    public static final String REGION = "us-east-1";

    /**
     * moto has no ECS scheduler. A service reports this many running tasks (the services-stable waiter
     * needs one), and IAM knows AWS's managed policies (AmazonECSTaskExecutionRolePolicy). ACM issues a
     * DNS-validated certificate once it finds the validation record in DNS; moto looks at no DNS and issues
     * every requested certificate this many seconds after the request: the tests check the record themselves.
     */
    private static final Map<String, String> AWS_LIKE = Map.of(
            "MOTO_ECS_SERVICE_RUNNING", "1",
            "MOTO_IAM_LOAD_MANAGED_POLICIES", "true",
            "MOTO_ACM_VALIDATION_WAIT", "3");

    private static MotoServer shared;

    private final Process process;
    private final URI endpoint;
    private StrictAws strict;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private MotoServer(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    /**
     * The JVM's moto, started on first use, with the SDK pointed at it and dummy credentials set. Skips
     * the test (fails it under CI) when moto cannot start.
     */
    public static synchronized MotoServer shared() {
        if (shared == null) {
            shared = start(AWS_LIKE);
            // -Dhubwizard.strictAws=false measures what the layer costs (the benchmarks); tests need it on.
            boolean strict = Boolean.parseBoolean(System.getProperty("hubwizard.strictAws", "true"));
            shared.strict = strict ? StrictAws.inFrontOf(shared.endpoint()) : null;
            System.setProperty("aws.endpointUrl", (strict ? shared.strict.endpoint() : shared.endpoint()).toString());
            System.setProperty("aws.accessKeyId", "testing");
            System.setProperty("aws.secretAccessKey", "testing");
            System.setProperty("aws.region", REGION);
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "moto-stop"));
        }
        return shared;
    }

    /** A moto of its own with extra environment (e.g. enforcing IAM); the caller closes it. */
    public static MotoServer start(Map<String, String> environment) {
        Path executable = onPath("moto_server");
        Requirements.require(executable != null, "moto_server (moto 5.x in server mode) on the PATH",
                "Run .ci/run once, or: pip install 'moto[server]'");
        int port = freePort();
        Path log = Path.of("target", "moto-" + port + ".log").toAbsolutePath();
        ProcessBuilder builder = new ProcessBuilder(executable.toString(), "-H", "127.0.0.1", "-p",
                Integer.toString(port)).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        // Whatever the developer's shell has set must not leak into the emulator.
        builder.environment().keySet().removeIf(k -> k.startsWith("AWS_"));
        MotoServer server;
        try {
            Files.createDirectories(log.getParent());
            server = new MotoServer(builder.start(), URI.create("http://127.0.0.1:" + port));
        } catch (IOException e) {
            Requirements.require(false, "moto_server", "It did not start: " + e.getMessage());
            throw new UncheckedIOException(e);
        }
        boolean up = server.awaitUp(Duration.ofSeconds(60));
        if (!up) {
            server.close();
        }
        Requirements.require(up, "moto_server on 127.0.0.1:" + port, "It did not answer within 60 s; see " + log);
        return server;
    }

    /** Moto's own address; the SDK is pointed at {@link #strict()}'s. */
    public URI endpoint() {
        return endpoint;
    }

    /** The strict layer in front of the shared moto: its windows and plays, for a test to set. */
    public StrictAws strict() {
        if (strict == null) {
            throw new IllegalStateException("Only the shared moto is behind the strict layer, unless"
                    + " -Dhubwizard.strictAws=false turned it off");
        }
        return strict;
    }

    /**
     * Forgets every resource, then keeps ECS tasks RUNNING until they are stopped: real tasks do,
     * while moto's default walks a task to STOPPED a step per DescribeTasks.
     */
    public void reset() {
        if (strict != null) {
            strict.reset();
        }
        post("/moto-api/reset", "");
        post("/moto-api/state-manager/set-transition",
                "{\"model_name\": \"ecs::task\", \"transition\": {\"progression\": \"manual\", \"times\": 1000000}}");
    }

    /** A call to moto's own API ({@code /moto-api/...}): resets, and the answers a test configures. */
    public void post(String path, String body) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(endpoint.resolve(path))
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("moto " + path + " answered " + response.statusCode() + ": "
                        + response.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private boolean awaitUp(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline) && process.isAlive()) {
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(endpoint.resolve("/moto-api/"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return true;
                }
            } catch (IOException e) {
                // Not listening yet.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    @Override
    public void close() {
        if (strict != null) {
            strict.close();
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path onPath(String command) {
        for (String dir : List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))) {
            Path candidate = Path.of(dir, command);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
