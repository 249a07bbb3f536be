package dev.hubwizard.profile;

import dev.hubwizard.engine.Problem;
import dev.hubwizard.engine.ProblemException;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A profile that cannot be found, read or written. The message names the file, and for a file with
 * mistakes each mistake names its line and key, so a person can fix the file by hand.
 */
public final class ProfileException extends ProblemException {

    private final transient Path file;
    private final List<String> mistakes;

    ProfileException(Problem problem, Path file, List<String> mistakes, Throwable cause) {
        super(problem, cause);
        this.file = file;
        this.mistakes = List.copyOf(mistakes);
    }

    ProfileException(Problem problem, Path file) {
        this(problem, file, List.of(), null);
    }

    /** The profile file concerned, when there is one: the UI offers to open it or its folder. */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    /**
     * Each mistake found in the file, one sentence each naming file, line and key. Empty when the
     * file's content is not the problem (it is missing or unreadable, or the name is not allowed).
     */
    public List<String> mistakes() {
        return mistakes;
    }
}
