package dev.hubwizard.aws;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Names for resources whose names AWS keeps short (a load balancer's and a target group's: 32 characters)
 * made from a profile's longer prefix: cut, with a short hash of the whole name so that two long profile
 * names that start alike still get different resources. The same name always gives the same result.
 */
final class ShortNames {

    private static final int HASH_LENGTH = 8;

    private ShortNames() {
    }

    /** {@code name} itself when it fits in {@code max} characters; otherwise its start, '-', and a hash. */
    static String fit(String name, int max) {
        if (name.length() <= max) {
            return name;
        }
        String start = name.substring(0, max - HASH_LENGTH - 1).replaceAll("-+$", "");
        return start + "-" + hash(name).substring(0, HASH_LENGTH);
    }

    /**
     * {@code start + end} when it fits in {@code max} characters; otherwise {@code start} cut, '-', a hash of the
     * whole, and {@code end}: the name keeps its end, so that a pattern like {@code hubwizard-*-execution} matches it.
     */
    static String fit(String start, String end, int max) {
        String name = start + end;
        if (name.length() <= max) {
            return name;
        }
        String cut = start.substring(0, max - end.length() - HASH_LENGTH - 1).replaceAll("-+$", "");
        return cut + "-" + hash(name).substring(0, HASH_LENGTH) + end;
    }

    /** Hex SHA-256 of {@code text}: for idempotency tokens and the names above. */
    static String hash(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
