package dev.hubwizard.ui.preferences;

import javafx.geometry.Rectangle2D;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class WindowBoundsTest {

    private static final Rectangle2D LAPTOP = new Rectangle2D(0, 0, 1440, 870);
    private static final Rectangle2D MONITOR_ON_THE_RIGHT = new Rectangle2D(1440, 0, 2560, 1400);

    @Test
    void aWindowOnAScreenStaysWhereItWas() {
        WindowBounds saved = new WindowBounds(100, 80, 1100, 720, false);
        assertThat(saved.fitTo(List.of(LAPTOP))).isEqualTo(saved);
    }

    @Test
    void aWindowOnAMonitorThatIsGoneIsCentredInstead() {
        WindowBounds onMonitor = new WindowBounds(2000, 200, 1100, 720, true);

        WindowBounds fitted = onMonitor.fitTo(List.of(LAPTOP));

        assertThat(fitted.hasPosition()).isFalse();
        assertThat(fitted.width()).isEqualTo(1100);
        assertThat(fitted.maximized()).isTrue();
        assertThat(onMonitor.fitTo(List.of(LAPTOP, MONITOR_ON_THE_RIGHT))).isEqualTo(onMonitor);
    }

    @Test
    void aTitleBarHiddenAboveOrBesideTheScreenCountsAsOffScreen() {
        assertThat(new WindowBounds(100, -200, 1100, 720, false).fitTo(List.of(LAPTOP)).hasPosition()).isFalse();
        assertThat(new WindowBounds(1400, 100, 1100, 720, false).fitTo(List.of(LAPTOP)).hasPosition())
                .as("only 40 px of the title bar on screen").isFalse();
        assertThat(new WindowBounds(-900, 100, 1100, 720, false).fitTo(List.of(LAPTOP)).hasPosition())
                .as("200 px of it on screen: the user can grab it").isTrue();
    }

    @Test
    void aWindowLargerThanTheScreenShrinksToFitAndMovesOnto() {
        WindowBounds big = new WindowBounds(300, 50, 2400, 1300, false);

        WindowBounds fitted = big.fitTo(List.of(LAPTOP));

        assertThat(fitted).isEqualTo(new WindowBounds(0, 0, 1440, 870, false));
    }

    @Test
    void anUnknownPositionStaysUnknown() {
        WindowBounds fitted = WindowBounds.DEFAULT.fitTo(List.of(LAPTOP));
        assertThat(fitted.hasPosition()).isFalse();
        assertThat(fitted.width()).isEqualTo(1100);
        assertThat(WindowBounds.DEFAULT.fitTo(List.of())).isEqualTo(WindowBounds.DEFAULT);
    }
}
