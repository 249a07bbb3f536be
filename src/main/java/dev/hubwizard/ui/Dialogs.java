package dev.hubwizard.ui;

import dev.hubwizard.engine.Problem;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The questions a view model may ask the user. View models call this instead of building dialogs,
 * so that they stay testable without a window (tests pass a scripted implementation).
 */
public interface Dialogs {

    /**
     * Asks for a name; OK stays disabled while {@code problemWith} finds a problem, which is shown.
     *
     * @param hint what the name is for and what it may contain, shown under the field
     * @return the name, or empty when the user cancelled
     */
    Optional<String> askName(String title, String header, String hint, String initial,
                             Function<String, Optional<String>> problemWith);

    /**
     * Asks for a few lines of text (one entry per line); OK stays disabled while {@code problemWith} finds a
     * problem, which is shown.
     *
     * @return the text, or empty when the user cancelled
     */
    Optional<String> askLines(String title, String header, String hint, String initial,
                              Function<String, Optional<String>> problemWith);

    /** @return true only when the user pressed {@code confirmLabel}; Cancel and closing say no */
    boolean confirm(String title, String header, String body, String confirmLabel);

    /**
     * Offers one button per choice, and Cancel.
     *
     * @return the chosen label, or empty when the user cancelled
     */
    Optional<String> choose(String title, String header, String body, List<String> choices);

    /** Tells the user what went wrong, why, and what to do next. */
    void showProblem(Problem problem);
}
