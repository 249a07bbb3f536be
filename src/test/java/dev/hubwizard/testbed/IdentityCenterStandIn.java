package dev.hubwizard.testbed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * IAM Identity Center on a free 127.0.0.1 port: the OIDC API (RegisterClient, StartDeviceAuthorization,
 * CreateToken with the authorization code, device code and refresh token grants), the sign-in page the
 * browser is sent to ({@code /authorize}, and the device page), and the AWS access portal (ListAccounts,
 * ListAccountRoles, GetRoleCredentials). It plays AWS's documented rules and errors: PKCE S256 checked,
 * redirect URIs only to loopback, {@code authorization_pending} until the person confirms,
 * {@code slow_down} for polls faster than the interval, {@code expired_token}, {@code access_denied},
 * {@code invalid_grant} for a spent or unknown refresh token, 401 from the portal for an unknown token.
 * The SDK (and botocore) reach it through their standard endpoint settings; production code never knows.
 */
public final class IdentityCenterStandIn implements AutoCloseable {

    /** What the person at the browser does when the sign-in page opens. */
    public enum Person { APPROVES, DENIES, WALKS_AWAY }

    public record Account(String id, String name, String email, List<String> roles) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final String startUrl;
    private final List<Account> accounts;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, ObjectNode> clients = new ConcurrentHashMap<>();
    private final Map<String, Map<String, String>> codes = new ConcurrentHashMap<>();
    private final Map<String, Device> devices = new ConcurrentHashMap<>();
    private final Map<String, String> userCodes = new ConcurrentHashMap<>();
    private final Map<String, Instant> accessTokens = new ConcurrentHashMap<>();
    private final Map<String, String> refreshTokens = new ConcurrentHashMap<>();
    private final Map<String, String> issuedCredentials = new ConcurrentHashMap<>();
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final AtomicInteger counter = new AtomicInteger();
    private volatile Person person = Person.APPROVES;
    private volatile Duration tokenLifetime = Duration.ofHours(8);
    private volatile int deviceExpiresIn = 600;
    private volatile boolean slowDownOnce;

    private static final class Device {
        final String clientId;
        final String userCode;
        final Instant expires;
        volatile String state = "pending"; // pending, approved, denied
        volatile Instant lastPoll;

        Device(String clientId, String userCode, Instant expires) {
            this.clientId = clientId;
            this.userCode = userCode;
            this.expires = expires;
        }
    }

    private IdentityCenterStandIn(String startUrl, List<Account> accounts) throws IOException {
        this.startUrl = startUrl;
        this.accounts = accounts;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::route);
        server.start();
    }

    public static IdentityCenterStandIn start(String startUrl, List<Account> accounts) throws IOException {
        return new IdentityCenterStandIn(startUrl, accounts);
    }

    /** Both the OIDC and the portal API: what {@code AWS_ENDPOINT_URL_SSO_OIDC} and {@code ..._SSO} are set to. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public void person(Person next) {
        person = next;
    }

    public void tokenLifetime(Duration lifetime) {
        tokenLifetime = lifetime;
    }

    /** Device codes end this soon (AWS still announces ten minutes, as a code can be revoked early). */
    public void deviceCodesExpireIn(int seconds) {
        deviceExpiresIn = seconds;
    }

    /** The next device poll answers slow_down (however slowly it came). */
    public void slowDownOnce() {
        slowDownOnce = true;
    }

    /** Every API call and page visit, in order: "CreateToken refresh_token", "authorize"... */
    public List<String> calls() {
        return List.copyOf(calls);
    }

    /** The access key id GetRoleCredentials handed out for this account and role (the last one). */
    public String accessKeyIdFor(String accountId, String role) {
        return issuedCredentials.get(accountId + "/" + role);
    }

    /** Makes every access token issued so far invalid, as when a sign-in is revoked. */
    public void revokeAccessTokens() {
        accessTokens.clear();
    }

    private void route(HttpExchange exchange) throws IOException {
        try {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            switch (method + " " + path) {
                case "POST /client/register" -> registerClient(exchange);
                case "POST /device_authorization" -> startDeviceAuthorization(exchange);
                case "POST /token" -> createToken(exchange);
                case "GET /authorize" -> authorize(exchange);
                case "GET /device" -> device(exchange);
                case "GET /assignment/accounts" -> listAccounts(exchange);
                case "GET /assignment/roles" -> listAccountRoles(exchange);
                case "GET /federation/credentials" -> getRoleCredentials(exchange);
                default -> error(exchange, 404, "ResourceNotFoundException", "not_found", method + " " + path);
            }
        } catch (RuntimeException e) {
            error(exchange, 500, "InternalServerException", "server_error", String.valueOf(e));
        }
    }

    private void registerClient(HttpExchange exchange) throws IOException {
        JsonNode body = body(exchange);
        calls.add("RegisterClient");
        if (!"public".equals(body.path("clientType").asText())) {
            error(exchange, 400, "InvalidClientMetadataException", "invalid_client_metadata", "clientType");
            return;
        }
        if (body.has("issuerUrl") && !startUrl.equals(body.get("issuerUrl").asText())) {
            error(exchange, 400, "InvalidRequestException", "invalid_request", "Invalid issuerUrl");
            return;
        }
        for (JsonNode uri : body.path("redirectUris")) {
            URI redirect = URI.create(uri.asText());
            if (!"http".equals(redirect.getScheme()) || !"127.0.0.1".equals(redirect.getHost())) {
                error(exchange, 400, "InvalidRedirectUriException", "invalid_redirect_uri", uri.asText());
                return;
            }
        }
        String id = "client-" + counter.incrementAndGet();
        ObjectNode client = JSON.createObjectNode();
        client.put("clientId", id);
        client.put("clientSecret", "secret-" + UUID.randomUUID());
        client.put("clientIdIssuedAt", clock.instant().getEpochSecond());
        client.put("clientSecretExpiresAt", clock.instant().plus(Duration.ofDays(90)).getEpochSecond());
        client.set("redirectUris", body.path("redirectUris"));
        client.set("grantTypes", body.path("grantTypes"));
        clients.put(id, client);
        json(exchange, 200, client.deepCopy().without(List.of("redirectUris", "grantTypes")));
    }

    private void startDeviceAuthorization(HttpExchange exchange) throws IOException {
        JsonNode body = body(exchange);
        calls.add("StartDeviceAuthorization");
        if (!clientOk(body)) {
            error(exchange, 400, "InvalidClientException", "invalid_client", "unknown client");
            return;
        }
        if (!startUrl.equals(body.path("startUrl").asText())) {
            error(exchange, 400, "InvalidRequestException", "invalid_request", "Invalid start URL");
            return;
        }
        String deviceCode = "device-" + UUID.randomUUID();
        String userCode = "ABCD-" + (1000 + counter.incrementAndGet());
        devices.put(deviceCode, new Device(body.get("clientId").asText(), userCode,
                clock.instant().plusSeconds(deviceExpiresIn)));
        userCodes.put(userCode, deviceCode);
        ObjectNode answer = JSON.createObjectNode();
        answer.put("deviceCode", deviceCode);
        answer.put("userCode", userCode);
        answer.put("verificationUri", endpoint() + "/device");
        answer.put("verificationUriComplete", endpoint() + "/device?user_code=" + userCode);
        // AWS says 600 s; a test may end the code sooner, as when the person lets the clock run out.
        answer.put("expiresIn", 600);
        answer.put("interval", 1);
        json(exchange, 200, answer);
    }

    /** The sign-in page: the person signs in (or not) and the browser goes back to the app's loopback address. */
    private void authorize(HttpExchange exchange) throws IOException {
        Map<String, String> query = FormEncoding.decode(exchange.getRequestURI().getRawQuery());
        calls.add("authorize");
        ObjectNode client = clients.get(query.getOrDefault("client_id", ""));
        String redirect = query.getOrDefault("redirect_uri", "");
        boolean registered = client != null && client.path("redirectUris").toString().contains("\"" + redirect + "\"");
        if (!registered || !"code".equals(query.get("response_type"))
                || !"S256".equals(query.get("code_challenge_method")) || !query.containsKey("code_challenge")) {
            page(exchange, 400, "This sign-in link is not valid");
            return;
        }
        switch (person) {
            case WALKS_AWAY -> page(exchange, 200, "Sign in to your AWS access portal");
            case DENIES -> redirect(exchange, redirect + "?error=access_denied&error_description="
                    + FormEncoding.encode("The user denied access") + "&state="
                    + FormEncoding.encode(query.getOrDefault("state", "")));
            case APPROVES -> {
                String code = "code-" + UUID.randomUUID();
                codes.put(code, Map.of("clientId", client.get("clientId").asText(), "redirectUri", redirect,
                        "challenge", query.get("code_challenge")));
                redirect(exchange, redirect + "?code=" + FormEncoding.encode(code) + "&state="
                        + FormEncoding.encode(query.getOrDefault("state", "")));
            }
        }
    }

    private void device(HttpExchange exchange) throws IOException {
        Map<String, String> query = FormEncoding.decode(exchange.getRequestURI().getRawQuery());
        calls.add("device page");
        Device device = devices.get(userCodes.getOrDefault(query.getOrDefault("user_code", ""), ""));
        if (device == null) {
            page(exchange, 400, "Unknown code");
            return;
        }
        if (person == Person.APPROVES) {
            device.state = "approved";
        } else if (person == Person.DENIES) {
            device.state = "denied";
        }
        page(exchange, 200, "Request approved");
    }

    private void createToken(HttpExchange exchange) throws IOException {
        JsonNode body = body(exchange);
        String grant = body.path("grantType").asText();
        calls.add("CreateToken " + grant);
        if (!clientOk(body)) {
            error(exchange, 400, "InvalidClientException", "invalid_client", "unknown client or secret");
            return;
        }
        String clientId = body.get("clientId").asText();
        switch (grant) {
            case "authorization_code" -> {
                Map<String, String> code = codes.remove(body.path("code").asText());
                if (code == null || !code.get("clientId").equals(clientId)
                        || !code.get("redirectUri").equals(body.path("redirectUri").asText())) {
                    error(exchange, 400, "InvalidGrantException", "invalid_grant", "unknown or spent code");
                    return;
                }
                if (!code.get("challenge").equals(s256(body.path("codeVerifier").asText()))) {
                    error(exchange, 400, "InvalidGrantException", "invalid_grant", "PKCE verification failed");
                    return;
                }
                tokens(exchange, clientId, true);
            }
            case "refresh_token" -> {
                String refresh = body.path("refreshToken").asText();
                if (!clientId.equals(refreshTokens.remove(refresh))) {
                    error(exchange, 400, "InvalidGrantException", "invalid_grant", "unknown refresh token");
                    return;
                }
                tokens(exchange, clientId, true);
            }
            case "urn:ietf:params:oauth:grant-type:device_code" -> deviceToken(exchange, body, clientId);
            default -> error(exchange, 400, "UnsupportedGrantTypeException", "unsupported_grant_type", grant);
        }
    }

    private void deviceToken(HttpExchange exchange, JsonNode body, String clientId) throws IOException {
        Device device = devices.get(body.path("deviceCode").asText());
        if (device == null || !device.clientId.equals(clientId)) {
            error(exchange, 400, "InvalidGrantException", "invalid_grant", "unknown device code");
            return;
        }
        Instant now = clock.instant();
        Instant last = device.lastPoll;
        device.lastPoll = now;
        if (now.isAfter(device.expires)) {
            error(exchange, 400, "ExpiredTokenException", "expired_token", "the device code expired");
        } else if (slowDownOnce || last != null && Duration.between(last, now).toMillis() < 900) {
            slowDownOnce = false;
            error(exchange, 400, "SlowDownException", "slow_down", "polling too fast");
        } else if ("denied".equals(device.state)) {
            error(exchange, 400, "AccessDeniedException", "access_denied", "the user denied access");
        } else if ("pending".equals(device.state)) {
            error(exchange, 400, "AuthorizationPendingException", "authorization_pending", "not yet");
        } else {
            devices.remove(body.path("deviceCode").asText());
            tokens(exchange, clientId, false);
        }
    }

    private void tokens(HttpExchange exchange, String clientId, boolean withRefresh) throws IOException {
        String access = "access-" + UUID.randomUUID();
        accessTokens.put(access, clock.instant().plus(tokenLifetime));
        ObjectNode answer = JSON.createObjectNode();
        answer.put("accessToken", access);
        answer.put("tokenType", "Bearer");
        answer.put("expiresIn", tokenLifetime.toSeconds());
        if (withRefresh) {
            String refresh = "refresh-" + UUID.randomUUID();
            refreshTokens.put(refresh, clientId);
            answer.put("refreshToken", refresh);
        }
        json(exchange, 200, answer);
    }

    private boolean tokenOk(HttpExchange exchange) {
        String token = exchange.getRequestHeaders().getFirst("x-amz-sso_bearer_token");
        Instant expires = token == null ? null : accessTokens.get(token);
        return expires != null && expires.isAfter(clock.instant());
    }

    private void listAccounts(HttpExchange exchange) throws IOException {
        calls.add("ListAccounts");
        if (!tokenOk(exchange)) {
            error(exchange, 401, "UnauthorizedException", null, "Session token not found or invalid");
            return;
        }
        ObjectNode answer = JSON.createObjectNode();
        var list = answer.putArray("accountList");
        for (Account account : accounts) {
            list.addObject().put("accountId", account.id()).put("accountName", account.name())
                    .put("emailAddress", account.email());
        }
        json(exchange, 200, answer);
    }

    private void listAccountRoles(HttpExchange exchange) throws IOException {
        calls.add("ListAccountRoles");
        if (!tokenOk(exchange)) {
            error(exchange, 401, "UnauthorizedException", null, "Session token not found or invalid");
            return;
        }
        String accountId = FormEncoding.decode(exchange.getRequestURI().getRawQuery()).getOrDefault("account_id", "");
        ObjectNode answer = JSON.createObjectNode();
        var list = answer.putArray("roleList");
        accounts.stream().filter(a -> a.id().equals(accountId)).flatMap(a -> a.roles().stream())
                .forEach(role -> list.addObject().put("roleName", role).put("accountId", accountId));
        json(exchange, 200, answer);
    }

    private void getRoleCredentials(HttpExchange exchange) throws IOException {
        calls.add("GetRoleCredentials");
        if (!tokenOk(exchange)) {
            error(exchange, 401, "UnauthorizedException", null, "Session token not found or invalid");
            return;
        }
        Map<String, String> query = FormEncoding.decode(exchange.getRequestURI().getRawQuery());
        String accountId = query.getOrDefault("account_id", "");
        String role = query.getOrDefault("role_name", "");
        boolean allowed = accounts.stream().anyMatch(a -> a.id().equals(accountId) && a.roles().contains(role));
        if (!allowed) {
            error(exchange, 403, "ForbiddenException", null, "No access");
            return;
        }
        String keyId = "ASIA" + String.format("%016d", counter.incrementAndGet());
        issuedCredentials.put(accountId + "/" + role, keyId);
        ObjectNode answer = JSON.createObjectNode();
        answer.putObject("roleCredentials").put("accessKeyId", keyId)
                .put("secretAccessKey", "secret-" + UUID.randomUUID())
                .put("sessionToken", "session-" + UUID.randomUUID())
                .put("expiration", clock.instant().plus(Duration.ofHours(1)).toEpochMilli());
        json(exchange, 200, answer);
    }

    private boolean clientOk(JsonNode body) {
        ObjectNode client = clients.get(body.path("clientId").asText());
        return client != null && client.get("clientSecret").asText().equals(body.path("clientSecret").asText());
    }

    private static String s256(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode body(HttpExchange exchange) throws IOException {
        byte[] bytes = exchange.getRequestBody().readAllBytes();
        return bytes.length == 0 ? JSON.createObjectNode() : JSON.readTree(bytes);
    }

    /** AWS's error shape for these APIs: the type in x-amzn-ErrorType, OAuth's error and description in the body. */
    private static void error(HttpExchange exchange, int status, String type, String oauthError, String message)
            throws IOException {
        exchange.getResponseHeaders().add("x-amzn-ErrorType", type);
        ObjectNode body = JSON.createObjectNode();
        if (oauthError != null) {
            body.put("error", oauthError);
            body.put("error_description", message);
        } else {
            body.put("message", message);
        }
        json(exchange, status, body);
    }

    private static void json(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static void page(HttpExchange exchange, int status, String title) throws IOException {
        byte[] bytes = ("<html><body><h1>" + title + "</h1></body></html>").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/html");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().add("Location", location);
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** For callers that want a fresh copy of the standard two accounts. */
    public static List<Account> twoAccounts() {
        List<Account> list = new ArrayList<>();
        list.add(new Account("111122223333", "Research", "research@example.org",
                List.of("AdministratorAccess", "ReadOnlyAccess")));
        list.add(new Account("444455556666", "Teaching", "teaching@example.org", List.of("PowerUserAccess")));
        return list;
    }

}
