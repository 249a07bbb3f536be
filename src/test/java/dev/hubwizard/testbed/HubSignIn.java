package dev.hubwizard.testbed;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A person's browser session with a hub on this computer: the login form (with JupyterHub 5's
 * XSRF token when the form has one), then pages with the session cookie. Redirects are not
 * followed, so signing in never starts a notebook server.
 */
public final class HubSignIn {

    private static final Pattern XSRF = Pattern.compile("name=\"_xsrf\"\\s+value=\"([^\"]+)\"");

    private final String base;
    /** HTTP/1.1, as browsers speak to the hub: an HTTP/2 upgrade request is taken for a WebSocket. */
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(2)).build();

    /** @param port the hub's port on 127.0.0.1 */
    public HubSignIn(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Posts the login form; JupyterHub answers 302 when the sign-in worked. */
    public int signIn(String username, String password) throws IOException, InterruptedException {
        Matcher xsrf = XSRF.matcher(get("/hub/login").body());
        String form = "username=" + encode(username) + "&password=" + encode(password)
                + (xsrf.find() ? "&_xsrf=" + encode(xsrf.group(1)) : "");
        return http.send(HttpRequest.newBuilder(URI.create(base + "/hub/login")).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
