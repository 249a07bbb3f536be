package dev.hubwizard.ui.preferences;

import dev.hubwizard.storage.AtomicFile;
import dev.hubwizard.ui.Theme;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The preferences file ({@code settings.yaml}): flat {@code key: value} lines, which are valid YAML
 * and readable without a YAML parser, because the file is read before the window shows and start-up
 * must stay fast. Keys this class does not know are kept when it writes, so other preferences can
 * share the file. A missing or damaged file never stops the app: it starts with the defaults.
 */
public final class PreferencesFile {

    static final String THEME = "theme";
    static final String X = "window.x";
    static final String Y = "window.y";
    static final String WIDTH = "window.width";
    static final String HEIGHT = "window.height";
    static final String MAXIMIZED = "window.maximized";

    private static final String HEADER = "# Hub Wizard's own preferences, not part of any profile. Safe to delete.\n";
    /** A preferences file is a few lines; anything bigger is not one, and is not read into memory. */
    private static final long MAX_BYTES = 64 * 1024;

    private final Path file;

    public PreferencesFile(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /** The saved preferences; the defaults for whatever is missing or unreadable. */
    public Preferences read() {
        Map<String, String> entries = entries();
        Theme theme = Theme.named(entries.getOrDefault(THEME, "")).orElse(Preferences.DEFAULT.theme());
        WindowBounds d = WindowBounds.DEFAULT;
        double width = positive(entries.get(WIDTH), d.width());
        double height = positive(entries.get(HEIGHT), d.height());
        WindowBounds window = new WindowBounds(number(entries.get(X)), number(entries.get(Y)), width, height,
                Boolean.parseBoolean(entries.getOrDefault(MAXIMIZED, "false").trim()));
        return new Preferences(theme, window);
    }

    /** Writes the preferences atomically, keeping the file's other keys. */
    public void write(Preferences preferences) throws IOException {
        Map<String, String> entries = entries();
        entries.put(THEME, preferences.theme().fileName());
        WindowBounds window = preferences.window();
        if (window.hasPosition()) {
            entries.put(X, format(window.x()));
            entries.put(Y, format(window.y()));
        } else {
            entries.remove(X);
            entries.remove(Y);
        }
        entries.put(WIDTH, format(window.width()));
        entries.put(HEIGHT, format(window.height()));
        entries.put(MAXIMIZED, String.valueOf(window.maximized()));
        StringBuilder text = new StringBuilder(HEADER);
        entries.forEach((key, value) -> text.append(key).append(": ").append(value).append('\n'));
        AtomicFile.write(file, text.toString().getBytes(StandardCharsets.UTF_8));
    }

    private Map<String, String> entries() {
        Map<String, String> entries = new LinkedHashMap<>();
        try {
            if (Files.size(file) > MAX_BYTES) {
                return entries;
            }
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                int colon = line.indexOf(':');
                if (line.isBlank() || line.startsWith("#") || line.startsWith(" ") || colon <= 0) {
                    continue;
                }
                entries.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
            }
        } catch (NoSuchFileException e) {
            // First start: nothing saved yet.
        } catch (IOException | RuntimeException e) {
            // Unreadable or not UTF-8: start with the defaults; the next write replaces the file.
            entries.clear();
        }
        return entries;
    }

    private static double number(String value) {
        if (value == null) {
            return Double.NaN;
        }
        try {
            double parsed = Double.parseDouble(value);
            return Double.isFinite(parsed) ? parsed : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static double positive(String value, double fallback) {
        double parsed = number(value);
        return parsed > 0 ? parsed : fallback;
    }

    private static String format(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }
}
