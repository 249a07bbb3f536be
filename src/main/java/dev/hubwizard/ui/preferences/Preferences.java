package dev.hubwizard.ui.preferences;

import dev.hubwizard.ui.Theme;

/** The app's own preferences, kept across runs: the window's bounds and the theme. */
public record Preferences(Theme theme, WindowBounds window) {

    public static final Preferences DEFAULT = new Preferences(Theme.LIGHT, WindowBounds.DEFAULT);

    public Preferences {
        theme = theme == null ? Theme.LIGHT : theme;
        window = window == null ? WindowBounds.DEFAULT : window;
    }

    public Preferences withTheme(Theme value) {
        return new Preferences(value, window);
    }

    public Preferences withWindow(WindowBounds value) {
        return new Preferences(theme, value);
    }
}
