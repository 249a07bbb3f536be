package dev.hubwizard.profile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Unix user ids pinned to hub names, so that the files in a kept home keep their owner when the next task
 * creates the accounts again. An id, once given, is never given to anyone else and never changes: the ids live
 * with the file system whose files they own (the journal's record of it), so adding or removing users moves
 * nobody. A newcomer gets the next id after the highest ever given; someone removed keeps theirs, reserved, in
 * case they come back to their files. Ids start at {@link #FIRST}, clear of the image's own accounts and of
 * the ids {@code adduser} picks by itself.
 */
public final class UserIds {

    public static final int FIRST = 2001;

    private UserIds() {
    }

    /**
     * @param given ids given so far (kept as they are)
     * @param users everyone the hub knows now; those without an id get one, in alphabetical order
     * @return {@code given} plus the new ids
     */
    public static Map<String, Integer> assign(Map<String, Integer> given, List<String> users) {
        Map<String, Integer> all = new TreeMap<>(given);
        int next = Math.max(FIRST, all.values().stream().mapToInt(Integer::intValue).max().orElse(FIRST - 1) + 1);
        for (String user : users.stream().sorted().distinct().toList()) {
            if (!all.containsKey(user)) {
                all.put(user, next++);
            }
        }
        return all;
    }

    /** Only the current users' ids, in the order of {@code users}: what the hub needs. */
    public static Map<String, Integer> of(Map<String, Integer> all, List<String> users) {
        Map<String, Integer> current = new LinkedHashMap<>();
        users.stream().distinct().filter(all::containsKey).forEach(u -> current.put(u, all.get(u)));
        return current;
    }

    /**
     * {@code alice=2001,bob=2002}, by name: the form the hub image reads ({@code HUB_USER_UIDS}) and the journal
     * keeps. Always in the same order, since the text becomes part of the task definition.
     */
    public static String format(Map<String, Integer> ids) {
        return new TreeMap<>(ids).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
    }

    /** The inverse of {@link #format}; entries that are not NAME=NUMBER are skipped. */
    public static Map<String, Integer> parse(String text) {
        Map<String, Integer> ids = new TreeMap<>();
        for (String entry : text == null ? new String[0] : text.split(",")) {
            int equals = entry.indexOf('=');
            if (equals > 0) {
                try {
                    ids.put(entry.substring(0, equals).trim(), Integer.parseInt(entry.substring(equals + 1).trim()));
                } catch (NumberFormatException skipped) {
                    // Not an id: nothing to keep.
                }
            }
        }
        return ids;
    }

    /** Admins and allowed users together, each once: everyone who gets an account. */
    public static List<String> everyone(HubSettings hub) {
        List<String> users = new ArrayList<>(hub.admins());
        hub.allowedUsers().stream().filter(u -> !users.contains(u)).forEach(users::add);
        return users;
    }
}
