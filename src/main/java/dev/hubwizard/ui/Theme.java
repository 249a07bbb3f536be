package dev.hubwizard.ui;

import java.util.Objects;

/** The app's look: one stylesheet for layout and the light palette, and one that darkens it. */
public enum Theme {
    LIGHT("hubwizard.css"),
    DARK("dark.css");

    private final String file;

    Theme(String file) {
        this.file = file;
    }

    public String stylesheet() {
        return Objects.requireNonNull(Theme.class.getResource(file), file).toExternalForm();
    }
}
