package dev.hubwizard.engine;

/**
 * What the user reads when something goes wrong: what happened, why, and what to do next.
 * Never a bare stack trace; the details go to the log.
 *
 * @param remedy an action the app itself offers for it, beside Retry (a button, not a command to type)
 */
public record Problem(String what, String why, String next, Remedy remedy) {

    /** What the app can do about a problem besides running the step again. */
    public enum Remedy {
        NONE,
        /** The sign-in to AWS is missing, expired or refused: sign in again, then retry. */
        SIGN_IN
    }

    public Problem {
        why = why == null ? "" : why;
        next = next == null ? "" : next;
        remedy = remedy == null ? Remedy.NONE : remedy;
    }

    public Problem(String what, String why, String next) {
        this(what, why, next, Remedy.NONE);
    }

    /** The same problem, with the app's own remedy offered. */
    public Problem with(Remedy offered) {
        return new Problem(what, why, next, offered);
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
