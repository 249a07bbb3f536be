package dev.hubwizard.engine;

/** A failure that already knows how to explain itself to the user. */
public class ProblemException extends Exception {

    private final Problem problem;

    public ProblemException(Problem problem) {
        this(problem, null);
    }

    public ProblemException(Problem problem, Throwable cause) {
        super(problem.text(), cause);
        this.problem = problem;
    }

    public ProblemException(String what, String why, String next) {
        this(new Problem(what, why, next));
    }

    public Problem problem() {
        return problem;
    }

    /** The problem behind any failure: its own if it has one, otherwise a plain wrapper. */
    public static Problem of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ProblemException p) {
                return p.problem();
            }
        }
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        return new Problem("The step failed", message, "Open the log for details, then press Retry");
    }
}
