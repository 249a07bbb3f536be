package dev.hubwizard.testbed;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * What a test does when a service it needs is missing: under CI (CI=true) that is a broken machine
 * and the test fails; on a developer's machine the test is skipped with a message saying what to
 * install. Never a silent skip posing as coverage.
 */
public final class Requirements {

    private Requirements() {
    }

    public static boolean inCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /**
     * @param available whether the service answered
     * @param what      what is missing ("the Docker Engine at unix:///var/run/docker.sock")
     * @param howToGet  what to do about it ("run .ci/run once, or: apt-get install docker.io ...")
     */
    public static void require(boolean available, String what, String howToGet) {
        if (available) {
            return;
        }
        String message = "This test needs " + what + ", which is not available. " + howToGet;
        if (inCi()) {
            Assertions.fail(message + " (CI=true: a missing test dependency fails the run)");
        }
        Assumptions.abort(message);
    }
}
