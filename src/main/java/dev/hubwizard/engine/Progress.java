package dev.hubwizard.engine;

/**
 * How far a step is. {@code total < 0} means the amount of work is unknown (show a timer, not a bar).
 *
 * @param done    units done so far
 * @param total   units in all, or -1 when unknown
 * @param message what is happening now ("Step 3/9: RUN pip install", "pushed 12 of 80 MB")
 */
public record Progress(long done, long total, String message) {

    public static Progress indeterminate(String message) {
        return new Progress(0, -1, message);
    }

    public boolean isDeterminate() {
        return total > 0;
    }

    public double fraction() {
        return isDeterminate() ? Math.min(1.0, (double) done / total) : -1;
    }
}
