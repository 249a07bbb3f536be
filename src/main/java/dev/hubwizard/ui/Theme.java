package dev.hubwizard.ui;

import javafx.scene.Scene;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The app's look. {@code hubwizard.css} holds the layout and the light palette; the dark theme adds
 * {@code dark.css}, which overrides only the palette, so the two can never drift apart in layout.
 */
public enum Theme {
    LIGHT(List.of("hubwizard.css")),
    DARK(List.of("hubwizard.css", "dark.css"));

    private final List<String> files;

    Theme(List<String> files) {
        this.files = files;
    }

    /** The stylesheets of this theme, in the order they apply. */
    public List<String> stylesheets() {
        return files.stream()
                .map(file -> Objects.requireNonNull(Theme.class.getResource(file), file).toExternalForm())
                .toList();
    }

    /** Replaces the scene's stylesheets with this theme's. */
    public void applyTo(Scene scene) {
        scene.getStylesheets().setAll(stylesheets());
    }

    /** The theme a preferences file names ({@code light}, {@code dark}), if it names one. */
    public static Optional<Theme> named(String name) {
        for (Theme theme : values()) {
            if (theme.name().equalsIgnoreCase(name.trim())) {
                return Optional.of(theme);
            }
        }
        return Optional.empty();
    }

    /** The name a preferences file uses for this theme. */
    public String fileName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
