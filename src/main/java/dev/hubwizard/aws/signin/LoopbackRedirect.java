package dev.hubwizard.aws.signin;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Where the browser comes back after the person signs in: a one-shot HTTP listener on 127.0.0.1 (never
 * on another interface) at {@code /oauth/callback}, as the AWS CLI v2 uses. It takes the first answer
 * whose {@code state} matches, and ignores everything else (a stray request, a wrong state).
 */
final class LoopbackRedirect implements AutoCloseable {

    static final String PATH = "/oauth/callback";

    /** What the browser brought back: a code, or the error the sign-in page gave. */
    record Answer(String code, String error, String errorDescription) {
    }

    private final HttpServer server;
    private final String state;
    private final CompletableFuture<Answer> answer = new CompletableFuture<>();

    private LoopbackRedirect(String state) throws IOException {
        this.state = state;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        server.createContext(PATH, this::callback);
        server.start();
    }

    static LoopbackRedirect start(String state) throws IOException {
        return new LoopbackRedirect(state);
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + PATH);
    }

    CompletableFuture<Answer> answer() {
        return answer;
    }

    private void callback(HttpExchange exchange) throws IOException {
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        if (!state.equals(query.get("state")) || answer.isDone()) {
            page(exchange, 400, "This sign-in link is not the one Hub Wizard is waiting for",
                    "Go back to Hub Wizard and start the sign-in again.");
            return;
        }
        if (query.containsKey("error")) {
            page(exchange, 200, "Sign-in not completed", "Go back to Hub Wizard: it says what happened.");
            answer.complete(new Answer(null, query.get("error"), query.getOrDefault("error_description", "")));
        } else if (query.containsKey("code")) {
            page(exchange, 200, "You are signed in to AWS", "You can close this tab and go back to Hub Wizard.");
            answer.complete(new Answer(query.get("code"), null, null));
        } else {
            page(exchange, 400, "The sign-in page sent no code", "Go back to Hub Wizard and try again.");
        }
    }

    private static void page(HttpExchange exchange, int status, String title, String text) throws IOException {
        byte[] body = ("<!doctype html><html><head><meta charset=\"utf-8\"><title>Hub Wizard</title></head>"
                + "<body style=\"font-family:sans-serif;margin:3em\"><h1>" + title + "</h1><p>" + text
                + "</p></body></html>").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> values = new HashMap<>();
        if (raw == null) {
            return values;
        }
        for (String pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                values.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
