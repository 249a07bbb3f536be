package dev.hubwizard.ui.preferences;

import javafx.geometry.Rectangle2D;

import java.util.List;

/**
 * Where the window was and how big, in screen coordinates; {@code x} and {@code y} are NaN when
 * the position is unknown (the window is then centred). The bounds are the window's normal ones,
 * also when it was maximized, so that un-maximizing next time restores them.
 */
public record WindowBounds(double x, double y, double width, double height, boolean maximized) {

    public static final WindowBounds DEFAULT = sized(1100, 720);

    /** How much of the title bar must be on a screen for the user to grab it and move the window. */
    static final double MIN_VISIBLE_WIDTH = 120;
    static final double MIN_VISIBLE_HEIGHT = 24;
    private static final double TITLE_BAR = 32;

    public static WindowBounds sized(double width, double height) {
        return new WindowBounds(Double.NaN, Double.NaN, width, height, false);
    }

    public boolean hasPosition() {
        return !Double.isNaN(x) && !Double.isNaN(y);
    }

    /**
     * These bounds made usable on today's screens (their visual bounds, primary first): a position
     * that would leave the title bar off every screen (a monitor unplugged since) is dropped, and a
     * size larger than the screen is reduced to fit it.
     */
    public WindowBounds fitTo(List<Rectangle2D> screens) {
        if (screens.isEmpty()) {
            return this;
        }
        Rectangle2D home = hasPosition() ? screens.stream().filter(this::titleBarOn).findFirst().orElse(null) : null;
        Rectangle2D screen = home == null ? screens.get(0) : home;
        double w = Math.min(width, screen.getWidth());
        double h = Math.min(height, screen.getHeight());
        if (home == null) {
            return new WindowBounds(Double.NaN, Double.NaN, w, h, maximized);
        }
        // Keep the window where it was, moved only as far as needed to fit its shrunken size on the screen.
        double left = Math.max(screen.getMinX(), Math.min(x, screen.getMaxX() - w));
        double top = Math.max(screen.getMinY(), Math.min(y, screen.getMaxY() - h));
        return new WindowBounds(left, top, w, h, maximized);
    }

    private boolean titleBarOn(Rectangle2D screen) {
        double visibleWidth = Math.min(x + width, screen.getMaxX()) - Math.max(x, screen.getMinX());
        double visibleHeight = Math.min(y + TITLE_BAR, screen.getMaxY()) - Math.max(y, screen.getMinY());
        return visibleWidth >= MIN_VISIBLE_WIDTH && visibleHeight >= MIN_VISIBLE_HEIGHT;
    }
}
