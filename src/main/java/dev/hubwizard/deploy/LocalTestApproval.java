package dev.hubwizard.deploy;

import dev.hubwizard.engine.Cancellation;
import dev.hubwizard.engine.StepContext;

import java.net.URI;

/** Who says the locally running hub looks right: the person in the wizard, or nobody in the CLI. */
@FunctionalInterface
public interface LocalTestApproval {

    /** For the CLI and tests: a hub that answers its health check is good enough. */
    LocalTestApproval WHEN_HEALTHY = (hubUrl, context) -> true;

    /**
     * Called on the step's thread once the hub answers at {@code hubUrl}; blocks until decided.
     * The container runs until this returns.
     *
     * @return true for "Looks good", false when the person turned it down
     */
    boolean approve(URI hubUrl, StepContext context) throws InterruptedException, Cancellation.CancelledException;
}
