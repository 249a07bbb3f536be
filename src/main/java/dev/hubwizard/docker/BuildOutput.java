package dev.hubwizard.docker;

import dev.hubwizard.engine.Problem;
import dev.hubwizard.engine.Progress;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the classic builder's output as it streams in: whole lines out of arbitrary chunks, which
 * Dockerfile step is running ("Step 3/9 : RUN …"), and that step's latest output, so that a
 * failure can say which step broke and what it printed.
 */
final class BuildOutput {

    /** One Dockerfile instruction as the builder announces it. */
    record Step(int number, int total, String instruction) {
        String label() {
            return "Step " + number + "/" + total + ": " + instruction;
        }

        /** Steps before this one are done. */
        Progress progress() {
            return new Progress(number - 1, total, label());
        }
    }

    private static final Pattern STEP = Pattern.compile("Step (\\d+)/(\\d+) : (.*)");
    /** A failure shows this much of the failing step's output: enough for pip's or apt's error. */
    private static final int KEPT_LINES = 15;

    private final StringBuilder partial = new StringBuilder();
    private final Deque<String> stepOutput = new ArrayDeque<>();
    private Step step;

    /** The complete lines in {@code chunk} plus what earlier chunks left unfinished. */
    List<String> lines(String chunk) {
        partial.append(chunk);
        int end = partial.lastIndexOf("\n");
        if (end < 0) {
            return List.of();
        }
        List<String> lines = List.of(partial.substring(0, end).split("\r?\n", -1));
        partial.delete(0, end + 1);
        lines.forEach(this::track);
        return lines;
    }

    /** What is left without a line break at the end of the stream. */
    List<String> rest() {
        if (partial.length() == 0) {
            return List.of();
        }
        String line = partial.toString();
        partial.setLength(0);
        track(line);
        return List.of(line);
    }

    Optional<Step> step() {
        return Optional.ofNullable(step);
    }

    /** The builder's own bookkeeping, not the Dockerfile's output: worth a debug line only. */
    static boolean isChatter(String line) {
        return line.startsWith(" ---> ") || line.startsWith("Removing intermediate container ")
                || line.startsWith("Successfully tagged ") || line.isBlank();
    }

    /**
     * The problem when the build stopped with {@code error}.
     *
     * @param dockerfile where the user would fix it (their folder, not the temporary copy)
     * @param platform   what the build was for ({@code linux/arm64})
     */
    Problem failure(String error, String dockerfile, String platform) {
        String output = stepOutput.isEmpty() ? "" : "\nIts last output:\n" + String.join("\n", stepOutput);
        if ((error + output).contains("exec format error")) {
            return new Problem("Docker on this computer cannot run " + platform + " programs",
                    (step == null ? "" : step.instruction() + ": ") + error.trim(),
                    "Use Docker Desktop, which emulates other CPU architectures, or choose the task's CPU architecture "
                            + "to match this computer, then build again");
        }
        if (step == null) {
            return new Problem("The image build failed", error.trim() + output,
                    "Check " + dockerfile + ", then build again");
        }
        boolean baseImage = step.instruction().regionMatches(true, 0, "FROM", 0, 4);
        return new Problem("The image build failed at step " + step.number() + "/" + step.total(),
                step.instruction() + ": " + error.trim() + output,
                baseImage ? "Check the base image's name (Advanced settings) and that Docker can reach its registry, "
                        + "then build again"
                        : "Fix that step in " + dockerfile + " (or what it installs), then build again");
    }

    private void track(String line) {
        Matcher m = STEP.matcher(line);
        if (m.matches()) {
            step = new Step(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), m.group(3).trim());
            stepOutput.clear();
        } else if (!isChatter(line)) {
            stepOutput.addLast(line);
            if (stepOutput.size() > KEPT_LINES) {
                stepOutput.removeFirst();
            }
        }
    }
}
