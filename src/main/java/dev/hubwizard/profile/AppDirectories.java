package dev.hubwizard.profile;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where the app keeps its files: {@code $HUBWIZARD_HOME} when set, otherwise the place the OS expects
 * an application's settings.
 * <ul>
 * <li>Linux and other Unixes: {@code $XDG_CONFIG_HOME/hubwizard}, by default {@code ~/.config/hubwizard}
 * <li>macOS: {@code ~/Library/Application Support/Hub Wizard}
 * <li>Windows: {@code %APPDATA%\Hub Wizard}
 * </ul>
 * Logs stay beside the profiles rather than under {@code $XDG_STATE_HOME}: one folder holds everything
 * a user might want to look at, back up or attach to a bug report, and the override moves all of it.
 */
public final class AppDirectories {

    public static final String OVERRIDE_VARIABLE = "HUBWIZARD_HOME";

    private final Path home;

    /**
     * @param environment the process environment ({@link System#getenv()})
     * @param osName      the {@code os.name} system property
     * @param userHome    the {@code user.home} system property
     */
    public AppDirectories(Map<String, String> environment, String osName, Path userHome) {
        this.home = resolve(environment, osName.toLowerCase(Locale.ROOT), userHome);
    }

    public static AppDirectories ofThisMachine() {
        return new AppDirectories(System.getenv(), System.getProperty("os.name", ""),
                Path.of(System.getProperty("user.home", ".")));
    }

    private static Path resolve(Map<String, String> env, String os, Path userHome) {
        String override = env.getOrDefault(OVERRIDE_VARIABLE, "");
        if (!override.isBlank()) {
            return Path.of(override);
        }
        if (os.startsWith("mac") || os.startsWith("darwin")) {
            return userHome.resolve("Library").resolve("Application Support").resolve("Hub Wizard");
        }
        if (os.startsWith("windows")) {
            String appData = env.getOrDefault("APPDATA", "");
            Path roaming = appData.isBlank() ? userHome.resolve("AppData").resolve("Roaming") : Path.of(appData);
            return roaming.resolve("Hub Wizard");
        }
        // The XDG spec says to ignore a relative path in these variables.
        String config = env.getOrDefault("XDG_CONFIG_HOME", "");
        Path configHome = !config.isBlank() && Path.of(config).isAbsolute() ? Path.of(config)
                : userHome.resolve(".config");
        return configHome.resolve("hubwizard");
    }

    /** The folder everything else is in. */
    public Path home() {
        return home;
    }

    /** Saved profiles, one {@code <name>.yaml} each; see {@link ProfileStore}. */
    public Path profiles() {
        return home.resolve("profiles");
    }

    /** One full log file per deploy. */
    public Path logs() {
        return home.resolve("logs");
    }

    /** Window size and other preferences that are not part of any profile. */
    public Path settingsFile() {
        return home.resolve("settings.yaml");
    }
}
