package dev.hubwizard.profile;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Hub user names, normalised exactly as the hub image's {@code jupyterhub_config.py} does: lower case,
 * {@code @} and {@code .} become {@code _}. The result must be a Unix account name {@code adduser}
 * accepts, because the hub creates one per user.
 */
public final class UserNames {

    /** Debian's adduser NAME_REGEX, capped at the 32 characters Linux allows. */
    private static final Pattern VALID = Pattern.compile("[a-z][a-z0-9_-]{0,31}");

    private UserNames() {
    }

    public static String normalise(String name) {
        return name.trim().toLowerCase(Locale.ROOT).replace('@', '_').replace('.', '_');
    }

    /** Why a name cannot be a hub user, or empty when it can. Checks the normalised form. */
    public static Optional<String> problem(String name) {
        String normalised = normalise(name);
        if (normalised.isEmpty()) {
            return Optional.of("a user name is empty");
        }
        if (VALID.matcher(normalised).matches()) {
            return Optional.empty();
        }
        if (normalised.length() > 32) {
            return Optional.of("'" + name + "' is longer than 32 characters");
        }
        if (!Character.isLetter(normalised.charAt(0)) || normalised.charAt(0) > 'z') {
            return Optional.of("'" + name + "' must start with a letter a-z");
        }
        return Optional.of("'" + name + "' may only contain letters a-z, digits, '-', '_', '@' and '.'");
    }

    /**
     * Names from a file or a text box: one per line, blank lines and {@code #} comments ignored,
     * normalised, duplicates dropped, order kept.
     */
    public static List<String> parseLines(String text) {
        LinkedHashSet<String> names = new LinkedHashSet<>();
        for (String line : text.split("\\R")) {
            int hash = line.indexOf('#');
            String name = (hash >= 0 ? line.substring(0, hash) : line).trim();
            if (!name.isEmpty()) {
                names.add(normalise(name));
            }
        }
        return new ArrayList<>(names);
    }

    /** The problems of every name in a list, in order. */
    public static List<String> problems(List<String> names) {
        return names.stream().map(UserNames::problem).flatMap(Optional::stream).toList();
    }
}
