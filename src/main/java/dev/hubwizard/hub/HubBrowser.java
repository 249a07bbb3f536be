package dev.hubwizard.hub;

import java.io.IOException;
import java.io.InputStream;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * A person's browser on a hub: cookies kept per path, as JupyterHub sets them (the hub's session, each
 * single-user server's own cookie and {@code _xsrf} token), and redirects followed one at a time so that
 * every step of a sign-in can be looked at.
 */
public final class HubBrowser {

    /** JupyterHub follows a sign-in with a handful of redirects (hub, spawn, server, OAuth, back). */
    private static final int MAX_REDIRECTS = 10;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final URI hub;
    private final CookieManager cookies = new CookieManager();
    /**
     * HTTP/1.1, as browsers speak to a hub: Java's default HTTP/2 attempt sends "Upgrade: h2c", which the
     * hub's configurable-http-proxy takes for a WebSocket and never answers.
     */
    private final HttpClient http;

    /** @param hub the hub's address, {@code http://127.0.0.1:8000/} */
    public HubBrowser(URI hub) {
        this.hub = hub;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    }

    public URI hub() {
        return hub;
    }

    /** {@code path} (such as {@code /hub/login}) on the hub, or an absolute address left as it is. */
    public URI resolve(String path) {
        return hub.resolve(path);
    }

    public HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return http.send(request(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return get(resolve(path));
    }

    /** A streamed answer, for server-sent events; the caller closes the stream. */
    public HttpResponse<InputStream> stream(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(resolve(path)).header("Accept", "text/event-stream").GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
    }

    /** A form as a browser posts it. */
    public HttpResponse<String> postForm(String path, Map<String, String> form)
            throws IOException, InterruptedException {
        String body = form.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return http.send(request(resolve(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * JSON to a REST API, with the {@code _xsrf} cookie of the path echoed in {@code X-XSRFToken}: Jupyter
     * Server and JupyterHub accept a request authenticated by cookie only with it.
     */
    public HttpResponse<String> postJson(String path, String json) throws IOException, InterruptedException {
        URI uri = resolve(path);
        HttpRequest.Builder request = request(uri).header("Content-Type", "application/json")
                .header("Origin", origin()).POST(HttpRequest.BodyPublishers.ofString(json));
        xsrfToken(uri).ifPresent(token -> request.header("X-XSRFToken", token));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Follows redirects from {@code uri} to the page they end on. */
    public Page open(URI uri) throws IOException, InterruptedException {
        URI at = uri;
        for (int hops = 0; hops <= MAX_REDIRECTS; hops++) {
            HttpResponse<String> response = get(at);
            Optional<String> location = response.headers().firstValue("Location");
            if (response.statusCode() / 100 != 3 || location.isEmpty()) {
                return new Page(at, response);
            }
            at = at.resolve(location.get());
        }
        throw new IOException("more than " + MAX_REDIRECTS + " redirects from " + uri);
    }

    /** A page reached by following redirects: where the browser ended up, and what it was shown there. */
    public record Page(URI uri, HttpResponse<String> response) {
    }

    /** The {@code _xsrf} cookie the browser would send to {@code uri} (the most specific path wins). */
    public Optional<String> xsrfToken(URI uri) {
        return cookies.getCookieStore().get(uri).stream().filter(c -> "_xsrf".equals(c.getName()))
                .max(java.util.Comparator.comparingInt(c -> c.getPath() == null ? 0 : c.getPath().length()))
                .map(HttpCookie::getValue);
    }

    /**
     * Opens a WebSocket with the browser's cookies and the page's {@code Origin}, as a notebook page does: Jupyter
     * Server refuses a WebSocket whose origin is not the address the browser used (behind a proxy, its Host).
     */
    public CompletableFuture<WebSocket> webSocket(URI uri, WebSocket.Listener listener) {
        return http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10)).header("Origin", origin())
                .buildAsync(uri, listener);
    }

    /** The origin of the hub's pages, which a browser names in its API calls and WebSockets. */
    private String origin() {
        return hub.getScheme() + "://" + hub.getRawAuthority();
    }

    private static HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
