package dev.hubwizard.engine;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Last line of defence for secrets: every log line passes through it before it reaches a screen or a
 * file. A step registers a secret (a registry token, a client secret) the moment it holds one.
 */
public final class Redactor {

    /** Shorter values would match ordinary words; real secrets are long. */
    private static final int MIN_LENGTH = 8;

    private final Set<String> secrets = ConcurrentHashMap.newKeySet();

    public void register(String secret) {
        if (secret != null && secret.length() >= MIN_LENGTH) {
            secrets.add(secret);
        }
    }

    public String redact(String text) {
        if (text == null || secrets.isEmpty()) {
            return text;
        }
        String result = text;
        for (String secret : secrets) {
            if (result.contains(secret)) {
                result = result.replace(secret, "****");
            }
        }
        return result;
    }
}
