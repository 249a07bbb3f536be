package dev.hubwizard.deploy;

import dev.hubwizard.engine.Cancellation;
import dev.hubwizard.engine.StepContext;

import java.net.URI;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * The wizard's approval: the step waits here while the person looks at the hub, until the view
 * model calls {@link #looksGood()} or {@link #reject()}, or the run is cancelled.
 */
public final class ManualApproval implements LocalTestApproval {

    private final Consumer<URI> onWaiting;
    private final Consumer<LocalTestCheck> onCheck;
    private volatile CompletableFuture<Boolean> verdict = new CompletableFuture<>();

    /** @param onWaiting told the hub's address when the decision is due; called on the step's thread */
    public ManualApproval(Consumer<URI> onWaiting) {
        this(onWaiting, check -> { });
    }

    /** @param onCheck told of each check as it goes; called on the step's thread */
    public ManualApproval(Consumer<URI> onWaiting, Consumer<LocalTestCheck> onCheck) {
        this.onWaiting = onWaiting;
        this.onCheck = onCheck;
    }

    @Override
    public void checked(LocalTestCheck check) {
        onCheck.accept(check);
    }

    @Override
    public boolean approve(URI hubUrl, StepContext context) throws InterruptedException, Cancellation.CancelledException {
        CompletableFuture<Boolean> pending = new CompletableFuture<>();
        verdict = pending;
        // Once decided, a cancel finds the future complete and changes nothing: no need to unhook.
        context.onCancel(() -> pending.cancel(false));
        onWaiting.accept(hubUrl);
        try {
            return pending.get();
        } catch (CancellationException e) {
            throw new Cancellation.CancelledException();
        } catch (ExecutionException e) {
            throw new IllegalStateException("Approvals complete normally or are cancelled", e.getCause());
        }
    }

    public void looksGood() {
        verdict.complete(true);
    }

    public void reject() {
        verdict.complete(false);
    }
}
