package dev.hubwizard.docker;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * Asks a registry (Docker Registry HTTP API v2, which ECR speaks) whether it already holds a tag, and
 * under which digest. The hub image's tag is derived from its content, so a tag already there is the
 * same image: a redeploy with nothing changed then pushes nothing.
 */
public final class RegistryManifests {

    /** Manifest kinds Docker pushes; without them a registry may answer for a different kind or 404. */
    private static final String ACCEPT = String.join(", ",
            "application/vnd.docker.distribution.manifest.v2+json",
            "application/vnd.docker.distribution.manifest.list.v2+json",
            "application/vnd.oci.image.manifest.v1+json",
            "application/vnd.oci.image.index.v1+json");

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    /**
     * @param repositoryUri {@code registry-host[:port]/name}, as for {@link PushRequest}
     * @return the digest the registry holds for {@code tag}, or empty when it holds no such tag
     * @throws IOException when the registry could not be asked; the caller then simply pushes
     */
    public Optional<String> digest(String repositoryUri, String tag, RegistryCredentials credentials)
            throws IOException, InterruptedException {
        int slash = repositoryUri.indexOf('/');
        String host = repositoryUri.substring(0, slash);
        String name = repositoryUri.substring(slash + 1);
        URI uri = URI.create(scheme(host) + "://" + host + "/v2/" + name + "/manifests/" + tag);
        String basic = Base64.getEncoder().encodeToString(
                (credentials.username() + ":" + credentials.password()).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(uri)
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .header("Accept", ACCEPT)
                .header("Authorization", "Basic " + basic)
                .timeout(Duration.ofSeconds(20))
                .build();
        HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            // Never echo the request: its header carries the password.
            throw new IOException(host + " answered HTTP " + response.statusCode() + " for tag " + tag);
        }
        return response.headers().firstValue("Docker-Content-Digest");
    }

    /** Docker itself talks plain HTTP only to registries on this machine; so do we. */
    static String scheme(String host) {
        String bare = host.startsWith("[") ? host.substring(1, host.indexOf(']'))
                : host.contains(":") ? host.substring(0, host.lastIndexOf(':')) : host;
        if (bare.equals("localhost")) {
            return "http";
        }
        try {
            if (bare.matches("[0-9.]+|[0-9a-fA-F:]+") && InetAddress.getByName(bare).isLoopbackAddress()) {
                return "http";
            }
        } catch (UnknownHostException e) {
            return "https";
        }
        return "https";
    }
}
