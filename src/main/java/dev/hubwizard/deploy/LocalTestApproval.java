package dev.hubwizard.deploy;

import dev.hubwizard.engine.Cancellation;
import dev.hubwizard.engine.StepContext;

import java.net.URI;

/**
 * Who follows the local test and says the hub looks right: the person in the wizard, or nobody in the
 * CLI, where the checks passing is enough.
 */
@FunctionalInterface
public interface LocalTestApproval {

    /** For the CLI and tests: every check passed, which is good enough. */
    LocalTestApproval WHEN_CHECKED = (hubUrl, context) -> true;

    /**
     * Called on the step's thread once every check passed; blocks until decided. The container runs
     * until this returns.
     *
     * @return true for "Looks good", false when the person turned it down
     */
    boolean approve(URI hubUrl, StepContext context) throws InterruptedException, Cancellation.CancelledException;

    /** Told of each check as it starts, passes or fails, on the step's thread. */
    default void checked(LocalTestCheck check) {
    }
}
