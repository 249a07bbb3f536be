package dev.hubwizard.docker;

import com.github.dockerjava.api.exception.DockerException;
import dev.hubwizard.engine.Problem;
import dev.hubwizard.engine.ProblemException;

import java.io.File;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns what docker-java throws into what the user reads. The causes worth telling apart are the
 * ones with different remedies: Docker missing, Docker not started, Docker refusing this user,
 * Docker out of disk space.
 */
final class DockerProblems {

    private DockerProblems() {
    }

    /**
     * The problem behind a failed Docker call.
     *
     * @param doing what the call was for, to finish "Docker could not …" ("build the image")
     */
    static ProblemException of(Throwable failure, String dockerHost, String doing) {
        if (failure instanceof ProblemException p) {
            return p;
        }
        Problem problem = unreachable(failure, dockerHost, dockerOnPath())
                .or(() -> diskFull(messages(failure)))
                .orElseGet(() -> new Problem("Docker could not " + doing, firstMessage(failure),
                        "Open the log for details, then press Retry"));
        return new ProblemException(problem, failure);
    }

    /** Docker is missing, stopped or refusing us, when {@code failure} says so; otherwise empty. */
    static Optional<Problem> unreachable(Throwable failure, String dockerHost, boolean dockerInstalled) {
        if (hasCause(failure, DockerException.class)) {
            return Optional.empty(); // Docker answered: whatever it said, it is there
        }
        String text = messages(failure).toLowerCase(Locale.ROOT);
        if (text.contains("permission denied")) {
            return Optional.of(new Problem("Docker refused this program",
                    "permission denied on " + dockerHost,
                    "Your user must be in the docker group: ask whoever manages this computer to add you (in "
                            + "Users and Groups, or with 'sudo usermod -aG docker $USER' in a terminal), sign out and "
                            + "in again, then press Retry"));
        }
        boolean cannotConnect = hasCause(failure, ConnectException.class)
                || hasCause(failure, SocketTimeoutException.class) && text.contains("connect")
                || text.contains("connection refused") || text.contains("no such file or directory")
                || text.contains("connect() failed") || text.contains("cannot connect");
        if (!cannotConnect) {
            return Optional.empty();
        }
        if (!dockerInstalled && localEngineAbsent(dockerHost)) {
            return Optional.of(new Problem("Docker is not installed",
                    "there is no docker program on this computer and nothing answers at " + dockerHost,
                    "Install Docker Desktop (docker.com), start it, then press Retry"));
        }
        return Optional.of(new Problem("Docker is not running", "nothing answers at " + dockerHost,
                "Start Docker Desktop (or the Docker service), wait until it is running, then press Retry"));
    }

    /** Docker's "no space left on device", wherever it appears in {@code text}. */
    static Optional<Problem> diskFull(String text) {
        int at = text.toLowerCase(Locale.ROOT).indexOf("no space left on device");
        if (at < 0) {
            return Optional.empty();
        }
        int start = text.lastIndexOf('\n', at) + 1;
        int end = text.indexOf('\n', at);
        return Optional.of(new Problem("Docker ran out of disk space",
                text.substring(start, end < 0 ? text.length() : end).trim(),
                "Free some disk space (docker system prune removes unused images and build cache), "
                        + "then press Retry"));
    }

    /** Every message in the cause chain, one per line: the useful one is often a few causes down. */
    static String messages(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null) {
                text.append(t.getMessage()).append('\n');
            }
        }
        return text.toString();
    }

    private static String firstMessage(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getMessage().trim();
            }
        }
        return failure.getClass().getSimpleName();
    }

    private static boolean hasCause(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** A local engine (socket or Windows pipe) that is not there; a remote one may just be down. */
    private static boolean localEngineAbsent(String dockerHost) {
        if (dockerHost.startsWith("unix://")) {
            return !Files.exists(Path.of(dockerHost.substring("unix://".length())));
        }
        return dockerHost.startsWith("npipe://");
    }

    /** Whether a docker program is on PATH: Docker Desktop and the Linux packages all install one. */
    static boolean dockerOnPath() {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isBlank() && (Files.isExecutable(Path.of(dir, "docker")) || Files.isExecutable(Path.of(dir, "docker.exe")))) {
                return true;
            }
        }
        return false;
    }
}
