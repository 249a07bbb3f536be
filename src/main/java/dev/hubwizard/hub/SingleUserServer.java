package dev.hubwizard.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hubwizard.engine.Cancellation;
import dev.hubwizard.engine.StepContext;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A signed-in person's notebook server, started as the hub's home page starts it: {@code /hub/spawn}, then
 * the spawn's progress events (what the "Your server is starting up" page shows) until the hub says it is
 * ready or failed, then the server itself, signed in to through the hub's OAuth.
 */
public final class SingleUserServer {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HubBrowser browser;
    private final String username;

    public SingleUserServer(HubBrowser browser, String username) {
        this.browser = browser;
        this.username = username;
    }

    /**
     * Starts the server and waits until it is ready and this browser is signed in to it.
     *
     * @return where the server is: {@code http://HUB/user/NAME/}
     */
    public URI start(Duration timeout, StepContext context)
            throws CheckFailed, IOException, InterruptedException, Cancellation.CancelledException {
        HttpResponse<String> spawn = browser.get("/hub/spawn");
        if (spawn.statusCode() != 302) {
            throw new CheckFailed(HubCheck.SERVER_STARTED, "the hub answered HTTP " + spawn.statusCode()
                    + " to starting " + username + "'s server (/hub/spawn)");
        }
        String ready = awaitReady(timeout, context);
        HubBrowser.Page page = browser.open(browser.resolve(ready));
        if (page.response().statusCode() != 200 || !page.uri().getPath().startsWith(ready)) {
            throw new CheckFailed(HubCheck.SERVER_STARTED, "the server is ready, but opening it ended at "
                    + page.uri().getPath() + " with HTTP " + page.response().statusCode());
        }
        return browser.resolve(ready);
    }

    /** The spawn's progress events until "ready" (its path) or "failed"; closed on timeout or cancel. */
    private String awaitReady(Duration timeout, StepContext context)
            throws CheckFailed, IOException, InterruptedException, Cancellation.CancelledException {
        HttpResponse<InputStream> events = browser.stream("/hub/api/users/" + encode(username) + "/server/progress");
        if (events.statusCode() != 200) {
            events.body().close();
            throw new CheckFailed(HubCheck.SERVER_STARTED, "the hub's progress of " + username
                    + "'s server answered HTTP " + events.statusCode());
        }
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "spawn-progress-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        boolean[] timedOut = new boolean[1];
        String last = "no progress reported";
        try (InputStream body = events.body();
             BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
             AutoCloseable onCancel = context.onCancel(() -> close(body))) {
            ScheduledFuture<?> deadline = watchdog.schedule(() -> {
                timedOut[0] = true;
                close(body);
            }, timeout.toMillis(), TimeUnit.MILLISECONDS);
            String line;
            while ((line = readLine(lines)) != null) {
                if (!line.startsWith("data:")) {
                    continue;
                }
                JsonNode event = JSON.readTree(line.substring(5));
                last = event.path("message").asText(last);
                context.log().info("Server of " + username + ": " + last);
                if (event.path("ready").asBoolean(false)) {
                    deadline.cancel(false);
                    return Optional.ofNullable(event.path("url").textValue()).orElse("/user/" + username + "/");
                }
                if (event.path("failed").asBoolean(false)) {
                    throw new CheckFailed(HubCheck.SERVER_STARTED, "the hub could not start " + username
                            + "'s server: " + last);
                }
            }
        } catch (CheckFailed | IOException e) {
            throw e;
        } catch (Exception closing) {
            throw new IOException(closing);
        } finally {
            watchdog.shutdownNow();
        }
        context.throwIfCancelled();
        throw new CheckFailed(HubCheck.SERVER_STARTED, timedOut[0]
                ? username + "'s server was not ready after " + timeout.toSeconds() + " s (last: " + last + ")"
                : "the hub ended the progress of " + username + "'s server before it was ready (last: " + last + ")");
    }

    /** A stream closed by the watchdog or a cancel ends like a stream that ended. */
    private static String readLine(BufferedReader lines) {
        try {
            return lines.readLine();
        } catch (IOException closed) {
            return null;
        }
    }

    private static void close(InputStream body) {
        try {
            body.close();
        } catch (IOException ignored) {
            // Closing is how the wait ends; a stream that fails to close is gone either way.
        }
    }

    private static String encode(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8);
    }
}
