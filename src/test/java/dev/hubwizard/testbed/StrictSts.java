package dev.hubwizard.testbed;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * STS as strict as AWS where moto is lenient, in front of moto on a free 127.0.0.1 port: moto answers any
 * access key (as "user/moto") and assumes a role without the MFA code its trust policy demands. Here, as in
 * AWS, a key AWS does not know is refused ({@code InvalidClientTokenId}), the account's root user is who its
 * root keys say, and AssumeRole of a role that needs MFA is refused unless it brings the MFA device's serial
 * number and the current code of that device (TOTP, RFC 6238). Everything else goes to moto unchanged.
 */
public final class StrictSts implements AutoCloseable {

    private static final Pattern KEY = Pattern.compile("Credential=([A-Z0-9]+)/");

    private final HttpServer server;
    private final URI moto;
    private final String account;
    private final HttpClient http = HttpClient.newHttpClient();
    private final Set<String> knownKeys = ConcurrentHashMap.newKeySet();
    private final Set<String> rootKeys = ConcurrentHashMap.newKeySet();
    private final Map<String, Mfa> mfaRoles = new ConcurrentHashMap<>();
    private final List<String> assumeRoles = new CopyOnWriteArrayList<>();

    private record Mfa(String serial, byte[] seed) {
    }

    private StrictSts(URI moto, String account) throws IOException {
        this.moto = moto;
        this.account = account;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public static StrictSts inFrontOf(URI moto, String account) throws IOException {
        return new StrictSts(moto, account);
    }

    /** What {@code aws.endpointUrlSts} is set to. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** A key AWS knows (an IAM user's, made in moto). */
    public void knows(String accessKeyId) {
        knownKeys.add(accessKeyId);
    }

    /** The account's root user's key: known, and GetCallerIdentity says {@code :root}. */
    public void rootKey(String accessKeyId) {
        rootKeys.add(accessKeyId);
    }

    /** The role's trust policy demands MFA with this device, whose secret is {@code base32Seed}. */
    public void requireMfa(String roleArn, String serial, String base32Seed) {
        mfaRoles.put(roleArn, new Mfa(serial, base32(base32Seed)));
    }

    /** The AssumeRole requests it saw, as "ROLE serial=... code=...". */
    public List<String> assumeRoles() {
        return List.copyOf(assumeRoles);
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        Map<String, String> form = FormEncoding.decode(new String(body, StandardCharsets.UTF_8));
        String auth = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
        Matcher key = KEY.matcher(auth);
        String keyId = key.find() ? key.group(1) : "";
        boolean temporary = keyId.startsWith("ASIA") || keyId.startsWith("FSIA");
        if (!temporary && !knownKeys.contains(keyId) && !rootKeys.contains(keyId)) {
            error(exchange, 403, "InvalidClientTokenId", "The security token included in the request is invalid.");
            return;
        }
        if ("GetCallerIdentity".equals(form.get("Action")) && rootKeys.contains(keyId)) {
            xml(exchange, 200, "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
                    + "<GetCallerIdentityResult><Arn>arn:aws:iam::" + account + ":root</Arn><UserId>" + account
                    + "</UserId><Account>" + account + "</Account></GetCallerIdentityResult><ResponseMetadata>"
                    + "<RequestId>root</RequestId></ResponseMetadata></GetCallerIdentityResponse>");
            return;
        }
        if ("AssumeRole".equals(form.get("Action"))) {
            String role = form.getOrDefault("RoleArn", "");
            assumeRoles.add(role + " serial=" + form.get("SerialNumber") + " code=" + form.get("TokenCode"));
            Mfa mfa = mfaRoles.get(role);
            if (mfa != null && (!mfa.serial().equals(form.get("SerialNumber"))
                    || !totpMatches(mfa.seed(), form.getOrDefault("TokenCode", "")))) {
                error(exchange, 403, "AccessDenied", "MultiFactorAuthentication failed with invalid MFA one time "
                        + "pass code.");
                return;
            }
        }
        forward(exchange, body);
    }

    private void forward(HttpExchange exchange, byte[] body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(moto.resolve(exchange.getRequestURI().toString()))
                .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!Set.of("host", "content-length", "connection", "expect").contains(name.toLowerCase())) {
                values.forEach(v -> request.header(name, v));
            }
        });
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            response.headers().firstValue("Content-Type").ifPresent(t -> exchange.getResponseHeaders().add(
                    "Content-Type", t));
            exchange.sendResponseHeaders(response.statusCode(), response.body().length == 0 ? -1
                    : response.body().length);
            exchange.getResponseBody().write(response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.sendResponseHeaders(503, -1);
        } finally {
            exchange.close();
        }
    }

    /** The device's code now, or within one 30-second step of now, as AWS allows for clock drift. */
    static boolean totpMatches(byte[] seed, String code) {
        long step = Instant.now().getEpochSecond() / 30;
        for (long s = step - 1; s <= step + 1; s++) {
            if (totp(seed, s).equals(code)) {
                return true;
            }
        }
        return false;
    }

    /** The code an authenticator app shows now for this base32 seed: what the person types. */
    public static String currentCode(String base32Seed) {
        return totp(base32(base32Seed), Instant.now().getEpochSecond() / 30);
    }

    private static String totp(byte[] seed, long step) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(seed, "HmacSHA1"));
            byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
            int offset = hash[hash.length - 1] & 0xf;
            int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                    | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
            return String.format("%06d", binary % 1_000_000);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] base32(String text) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        String clean = text.replace("=", "").toUpperCase();
        ByteBuffer out = ByteBuffer.allocate(clean.length() * 5 / 8);
        int buffer = 0;
        int bits = 0;
        for (char c : clean.toCharArray()) {
            buffer = (buffer << 5) | alphabet.indexOf(c);
            bits += 5;
            if (bits >= 8) {
                out.put((byte) (buffer >> (bits - 8)));
                bits -= 8;
            }
        }
        return java.util.Arrays.copyOf(out.array(), out.position());
    }

    private static void error(HttpExchange exchange, int status, String code, String message) throws IOException {
        xml(exchange, status, "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error>"
                + "<Type>Sender</Type><Code>" + code + "</Code><Message>" + message + "</Message></Error>"
                + "<RequestId>strict</RequestId></ErrorResponse>");
    }

    private static void xml(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/xml");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
