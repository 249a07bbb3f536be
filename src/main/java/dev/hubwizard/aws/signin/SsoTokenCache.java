package dev.hubwizard.aws.signin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hubwizard.engine.Problem;
import dev.hubwizard.engine.ProblemException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The SSO token cache, in exactly the format the AWS CLI v2 and botocore write and the SDKs read: one JSON
 * object per {@code [sso-session]}, named by the SHA-1 of the session's name, times as
 * {@code 2024-01-31T12:00:00Z}. Written with the config change ({@link AwsFileWriter}), so atomically and
 * mode 600. Keys Hub Wizard does not know, written by another tool, are kept.
 */
public final class SsoTokenCache {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    private final AwsFiles files;

    public SsoTokenCache(AwsFiles files) {
        this.files = files;
    }

    public Path file(String sessionName) {
        return files.ssoToken(sessionName);
    }

    /** The cached token of the session; empty when there is none or it is not a token at all. */
    public Optional<SsoToken> read(String sessionName) {
        try {
            JsonNode node = JSON.readTree(Files.readAllBytes(file(sessionName)));
            if (node == null || !node.isObject() || !node.hasNonNull("accessToken")) {
                return Optional.empty();
            }
            return Optional.of(new SsoToken(text(node, "startUrl"), text(node, "region"), text(node, "accessToken"),
                    time(node, "expiresAt"), text(node, "clientId"), text(node, "clientSecret"),
                    time(node, "registrationExpiresAt"), text(node, "refreshToken")));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | DateTimeParseException e) {
            // A cache another tool broke is as good as none: signing in again replaces it.
            return Optional.empty();
        }
    }

    /** The file's new content: the token's keys set over whatever else the file held. */
    public String json(String sessionName, SsoToken token) throws ProblemException {
        ObjectNode node = JSON.createObjectNode();
        try {
            Path path = file(sessionName);
            JsonNode old = Files.exists(path) ? JSON.readTree(Files.readAllBytes(path)) : null;
            if (old instanceof ObjectNode existing) {
                node = existing;
            }
        } catch (IOException e) {
            // Not JSON: replaced, as the CLI replaces it; a cache holds nothing a new sign-in does not.
        }
        node.put("startUrl", token.startUrl());
        node.put("region", token.region());
        node.put("accessToken", token.accessToken());
        node.put("expiresAt", TIME.format(token.expiresAt().truncatedTo(ChronoUnit.SECONDS)));
        putIfAny(node, "clientId", token.clientId());
        putIfAny(node, "clientSecret", token.clientSecret());
        if (token.registrationExpiresAt() != null) {
            node.put("registrationExpiresAt",
                    TIME.format(token.registrationExpiresAt().truncatedTo(ChronoUnit.SECONDS)));
        }
        if (token.refreshToken() != null) {
            node.put("refreshToken", token.refreshToken());
        } else {
            node.remove("refreshToken");
        }
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new ProblemException(new Problem("Hub Wizard could not write the sign-in", e.getMessage(),
                    "Try again"), e);
        }
    }

    private static void putIfAny(ObjectNode node, String key, String value) {
        if (value != null) {
            node.put(key, value);
        }
    }

    private static String text(JsonNode node, String key) {
        JsonNode value = node.get(key);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** botocore writes {@code ...Z}; other tools write offsets or fractions: all read as instants. */
    private static Instant time(JsonNode node, String key) {
        String text = text(node, key);
        if (text == null || text.isBlank()) {
            return null;
        }
        return java.time.OffsetDateTime.parse(text.replace("UTC", "Z")).toInstant();
    }
}
