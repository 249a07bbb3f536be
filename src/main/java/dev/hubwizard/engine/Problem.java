package dev.hubwizard.engine;

/**
 * What the user reads when something goes wrong: what happened, why, and what to do next.
 * Never a bare stack trace; the details go to the log.
 */
public record Problem(String what, String why, String next) {

    public Problem {
        why = why == null ? "" : why;
        next = next == null ? "" : next;
    }

    /** One paragraph, for the CLI and the status bar. */
    public String text() {
        StringBuilder text = new StringBuilder(what);
        if (!why.isBlank()) {
            text.append(": ").append(why);
        }
        if (!next.isBlank()) {
            // "did you mean 'region'?" already ends its sentence
            boolean sentenceEnded = ".!?".indexOf(text.charAt(text.length() - 1)) >= 0;
            text.append(sentenceEnded ? " " : ". ").append(next);
        }
        return text.toString();
    }
}
