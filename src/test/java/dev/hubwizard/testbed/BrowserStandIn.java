package dev.hubwizard.testbed;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A person's browser, for sign-in tests: opens the address the app hands it, follows the sign-in page's
 * redirect back to the app's loopback address, as a real browser does. Loopback addresses only: it refuses
 * anything else, so a test can never send traffic off this computer.
 */
public final class BrowserStandIn {

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final List<URI> opened = new CopyOnWriteArrayList<>();
    private final List<Integer> answers = new CopyOnWriteArrayList<>();

    /** Opens the address in the background, like a browser window the person then uses; returns true. */
    public boolean open(URI address) {
        if (!"127.0.0.1".equals(address.getHost())) {
            throw new IllegalArgumentException("The browser stand-in opens loopback addresses only: " + address);
        }
        opened.add(address);
        http.sendAsync(HttpRequest.newBuilder(address).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.discarding()).thenAccept(r -> answers.add(r.statusCode()));
        return true;
    }

    /** The same, waiting for the page that the browser ended on. */
    public int openAndWait(URI address) throws IOException, InterruptedException {
        opened.add(address);
        return http.send(HttpRequest.newBuilder(address).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    public List<URI> opened() {
        return List.copyOf(opened);
    }

    /** The HTTP status of the last page each opened address ended on. */
    public List<Integer> answers() {
        return List.copyOf(answers);
    }
}
