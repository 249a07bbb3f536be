package dev.hubwizard.testbed;

import java.io.IOException;
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
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The stand-in for Amazon ECR's registry: Debian's docker-registry on a free 127.0.0.1 port with
 * htpasswd basic auth for the user {@code AWS}, like ECR's. Started and stopped by the test; the
 * Docker Engine treats 127.0.0.0/8 registries as plain-HTTP registries, so no TLS is needed.
 */
public final class LocalRegistry implements AutoCloseable {

    public static final String USER = "AWS";
    private static final Pattern TAGS = Pattern.compile("\"tags\"\\s*:\\s*\\[([^]]*)]");

    private final Path directory;
    private final Process process;
    private final int port;
    private final String password;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private LocalRegistry(Path directory, Process process, int port, String password) {
        this.directory = directory;
        this.process = process;
        this.port = port;
        this.password = password;
    }

    /** Skips (or fails under CI) when docker-registry or htpasswd is missing. */
    public static void require() {
        Requirements.require(onPath("docker-registry") && onPath("htpasswd"), "docker-registry and htpasswd",
                "Run .ci/run once, or: apt-get install docker-registry apache2-utils");
    }

    public static LocalRegistry start(String password) throws IOException, InterruptedException {
        return start(password, true);
    }

    /**
     * A registry anyone may pull from and push to, as a public one (quay.io, Docker Hub) is to a pull: where a
     * profile's named users' image comes from. The Engine pulls from it without credentials.
     */
    public static LocalRegistry startPublic() throws IOException, InterruptedException {
        return start("", false);
    }

    private static LocalRegistry start(String password, boolean auth) throws IOException, InterruptedException {
        Path directory = Files.createTempDirectory("hubwizard-registry-");
        int port = freePort();
        List<String> config = new ArrayList<>(List.of(
                "version: 0.1",
                "log:",
                "  level: warn",
                "storage:",
                "  filesystem:",
                "    rootdirectory: " + directory.resolve("data"),
                "http:",
                "  addr: 127.0.0.1:" + port));
        if (auth) {
            config.addAll(List.of(
                    "auth:",
                    "  htpasswd:",
                    "    realm: hubwizard-test",
                    "    path: " + directory.resolve("htpasswd")));
            writeHtpasswd(directory, password);
        }
        config.add("");
        Files.writeString(directory.resolve("config.yml"), String.join("\n", config));
        Process process = new ProcessBuilder("docker-registry", "serve", directory.resolve("config.yml").toString())
                .redirectErrorStream(true).redirectOutput(directory.resolve("registry.log").toFile()).start();
        LocalRegistry registry = new LocalRegistry(directory, process, port, password);
        registry.awaitReady();
        return registry;
    }

    private static void writeHtpasswd(Path directory, String password) throws IOException, InterruptedException {
        Process htpasswd = new ProcessBuilder("htpasswd", "-Bbn", USER, password).start();
        String entry = new String(htpasswd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (htpasswd.waitFor() != 0) {
            throw new IOException("htpasswd failed: " + new String(htpasswd.getErrorStream().readAllBytes(),
                    StandardCharsets.UTF_8));
        }
        Files.writeString(directory.resolve("htpasswd"), entry);
    }

    /** {@code 127.0.0.1:PORT}, the registry part of a repository URI. */
    public String address() {
        return "127.0.0.1:" + port;
    }

    public String repositoryUri(String repository) {
        return address() + "/" + repository;
    }

    public String password() {
        return password;
    }

    /** The repository's tags, read through the registry's HTTP API. */
    public List<String> tags(String repository) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request("/v2/" + repository + "/tags/list").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        List<String> tags = new ArrayList<>();
        Matcher m = TAGS.matcher(response.body());
        if (response.statusCode() == 200 && m.find()) {
            for (String quoted : m.group(1).split(",")) {
                if (!quoted.isBlank()) {
                    tags.add(quoted.trim().replace("\"", ""));
                }
            }
        }
        return tags;
    }

    /** The digest the registry serves the tag's manifest under. */
    public Optional<String> manifestDigest(String repository, String tag) throws IOException, InterruptedException {
        HttpResponse<Void> response = http.send(request("/v2/" + repository + "/manifests/" + tag)
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .header("Accept", "application/vnd.docker.distribution.manifest.v2+json, "
                        + "application/vnd.oci.image.manifest.v1+json")
                .build(), HttpResponse.BodyHandlers.discarding());
        return response.statusCode() == 200 ? response.headers().firstValue("Docker-Content-Digest") : Optional.empty();
    }

    /** The compressed size of each layer of the tag's manifest, in the image's layer order. */
    public List<Long> layerSizes(String repository, String tag) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request("/v2/" + repository + "/manifests/" + tag).GET()
                .header("Accept", "application/vnd.docker.distribution.manifest.v2+json, "
                        + "application/vnd.oci.image.manifest.v1+json")
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("no manifest for " + repository + ":" + tag + ": HTTP " + response.statusCode());
        }
        List<Long> sizes = new ArrayList<>();
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body()).path("layers")
                .forEach(layer -> sizes.add(layer.path("size").asLong()));
        return sizes;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private HttpRequest.Builder request(String path) {
        String basic = Base64.getEncoder().encodeToString((USER + ":" + password).getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create("http://" + address() + path)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Basic " + basic);
    }

    /** The registry answers /v2/ (401 without credentials) once it listens. */
    private void awaitReady() throws IOException, InterruptedException {
        HttpRequest ping = HttpRequest.newBuilder(URI.create("http://" + address() + "/v2/"))
                .timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("docker-registry exited: " + Files.readString(directory.resolve("registry.log")));
            }
            try {
                int status = http.send(ping, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status == 401 || status == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Not listening yet.
            }
            Thread.sleep(100);
        }
        close();
        throw new IOException("docker-registry did not answer on " + address() + " within 20 s");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        return path != null && Stream.of(path.split(java.io.File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
    }
}
