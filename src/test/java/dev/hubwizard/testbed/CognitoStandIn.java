package dev.hubwizard.testbed;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import javax.net.ssl.SSLContext;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Amazon Cognito's hosted UI and OAuth endpoints as the hub uses them, on a free 127.0.0.1 port:
 * {@code /oauth2/authorize} (a person signs in: here, whoever the test says, at once), {@code /oauth2/token}
 * (the hub trades the code for an access token, proving the app client's secret) and {@code /oauth2/userInfo}
 * (the person's claims, {@code preferred_username} among them only when the {@code profile} scope was asked
 * for, as Cognito does). It checks what Cognito checks: the client id, the registered callback, the secret.
 * Either on plain HTTP at a free port ({@link #start}), or as Cognito itself answers: HTTPS on port 443 under the
 * user pool's domain name ({@link #startAt}), for a test bed that plays DNS and a CA for that name.
 */
public final class CognitoStandIn implements AutoCloseable {

    /** Who signs in next: Cognito's claims for them. */
    public record Person(String preferredUsername, String email) {
    }

    private final HttpServer server;
    /** The name it answers to over HTTPS, or null on plain HTTP. */
    private final String domain;
    private final String clientId;
    private final String clientSecret;
    private final String callbackUrl;
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();
    private final Map<String, Grant> tokens = new ConcurrentHashMap<>();
    private final List<String> refusals = new CopyOnWriteArrayList<>();
    private volatile Person signingIn;

    private record Grant(Person person, List<String> scopes) {
    }

    private CognitoStandIn(String clientId, String clientSecret, String callbackUrl, HttpServer server,
                           String domain) {
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.callbackUrl = callbackUrl;
        this.server = server;
        this.domain = domain;
        server.createContext("/oauth2/authorize", this::authorize);
        server.createContext("/oauth2/token", this::token);
        server.createContext("/oauth2/userInfo", this::userInfo);
        server.start();
    }

    public static CognitoStandIn start(String clientId, String clientSecret, String callbackUrl) throws IOException {
        return new CognitoStandIn(clientId, clientSecret, callbackUrl,
                HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0), null);
    }

    /**
     * Cognito's hosted UI as the user pool's domain serves it: {@code https://DOMAIN/} on port 443, with
     * {@code tls}'s certificate for that name, at an address of its own on loopback (127.77.2.N, so that port 443
     * is free whoever else runs one); {@link #address()} says where, for the test bed's DNS.
     */
    public static CognitoStandIn startAt(String domain, SSLContext tls, String clientId, String clientSecret,
                                         String callbackUrl) throws IOException {
        Random random = new Random();
        for (int attempt = 0; ; attempt++) {
            InetSocketAddress address = new InetSocketAddress(InetAddress.getByName("127.77.2."
                    + (2 + random.nextInt(250))), 443);
            try {
                HttpsServer server = HttpsServer.create(address, 0);
                server.setHttpsConfigurator(new HttpsConfigurator(tls));
                return new CognitoStandIn(clientId, clientSecret, callbackUrl, server, domain);
            } catch (BindException taken) {
                if (attempt == 20) {
                    throw taken;
                }
            }
        }
    }

    /** What the hub's {@code COGNITO_DOMAIN} is set to. */
    public String domainUrl() {
        return domain != null ? "https://" + domain : "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Where it listens. */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** The person who signs in at the hosted UI next, as if they typed their password there. */
    public void signInAs(Person person) {
        signingIn = person;
    }

    /** What it turned down and why: a wrong secret or callback shows here. */
    public List<String> refusals() {
        return List.copyOf(refusals);
    }

    private void authorize(HttpExchange exchange) throws IOException {
        Map<String, String> query = FormEncoding.decode(exchange.getRequestURI().getRawQuery());
        if (!clientId.equals(query.get("client_id")) || !callbackUrl.equals(query.get("redirect_uri"))
                || !"code".equals(query.get("response_type"))) {
            refuse(exchange, 400, "authorize: unknown client or callback " + query);
            return;
        }
        String code = UUID.randomUUID().toString();
        codes.put(code, new Grant(signingIn, List.of(query.getOrDefault("scope", "").split(" "))));
        String location = callbackUrl + "?code=" + FormEncoding.encode(code) + "&state="
                + FormEncoding.encode(query.getOrDefault("state", ""));
        exchange.getResponseHeaders().add("Location", location);
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    /** Client authentication by form (the hub's default) or HTTP Basic, as Cognito accepts both. */
    private void token(HttpExchange exchange) throws IOException {
        Map<String, String> form = FormEncoding.decode(new String(exchange.getRequestBody().readAllBytes(),
                StandardCharsets.UTF_8));
        String id = form.get("client_id");
        String secret = form.get("client_secret");
        String basic = exchange.getRequestHeaders().getFirst("Authorization");
        if (basic != null && basic.startsWith("Basic ")) {
            String[] pair = new String(Base64.getDecoder().decode(basic.substring(6)), StandardCharsets.UTF_8)
                    .split(":", 2);
            id = pair[0];
            secret = pair[1];
        }
        Grant grant = codes.remove(form.getOrDefault("code", ""));
        if (!clientId.equals(id) || !clientSecret.equals(secret)) {
            refuse(exchange, 400, "token: wrong client id or secret");
            return;
        }
        if (grant == null || !"authorization_code".equals(form.get("grant_type"))
                || !callbackUrl.equals(form.get("redirect_uri"))) {
            refuse(exchange, 400, "token: unknown code or callback");
            return;
        }
        String token = UUID.randomUUID().toString();
        tokens.put(token, grant);
        json(exchange, 200, "{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}");
    }

    private void userInfo(HttpExchange exchange) throws IOException {
        String bearer = exchange.getRequestHeaders().getFirst("Authorization");
        Grant grant = bearer == null ? null : tokens.get(bearer.replaceFirst("^Bearer ", ""));
        if (grant == null) {
            refuse(exchange, 401, "userInfo: no valid access token");
            return;
        }
        StringBuilder claims = new StringBuilder("{\"sub\":\"" + UUID.nameUUIDFromBytes(grant.person().email()
                .getBytes(StandardCharsets.UTF_8)) + "\",\"email\":\"" + grant.person().email()
                + "\",\"email_verified\":\"true\"");
        if (grant.scopes().contains("profile")) {
            claims.append(",\"preferred_username\":\"").append(grant.person().preferredUsername()).append('"');
        }
        json(exchange, 200, claims.append('}').toString());
    }

    private void refuse(HttpExchange exchange, int status, String why) throws IOException {
        refusals.add(why);
        json(exchange, status, "{\"error\":\"invalid_request\"}");
    }

    private static void json(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
