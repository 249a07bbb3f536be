package dev.hubwizard.ui.start;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** "5 minutes ago", "yesterday", "3 Mar 2024": when something happened, the way people say it. */
final class RelativeTime {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter EXACT =
            DateTimeFormatter.ofPattern("EEEE d MMMM yyyy, HH:mm:ss (zzzz)", Locale.ENGLISH);

    private RelativeTime() {
    }

    static String describe(Instant then, Instant now, ZoneId zone) {
        Duration ago = Duration.between(then, now);
        if (ago.toMinutes() < 1) {
            return "just now"; // also for a clock that is slightly behind the file's time
        }
        if (ago.toHours() < 1) {
            return plural(ago.toMinutes(), "minute") + " ago";
        }
        if (ago.toDays() < 1) {
            return plural(ago.toHours(), "hour") + " ago";
        }
        if (ago.toDays() < 2) {
            return "yesterday";
        }
        if (ago.toDays() < 7) {
            return ago.toDays() + " days ago";
        }
        return DATE.format(then.atZone(zone));
    }

    static String exact(Instant then, ZoneId zone) {
        return EXACT.format(then.atZone(zone));
    }

    private static String plural(long count, String unit) {
        return count + " " + unit + (count == 1 ? "" : "s");
    }
}
