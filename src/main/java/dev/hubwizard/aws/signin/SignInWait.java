package dev.hubwizard.aws.signin;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The person's side of a sign-in: the app waits for them (in the browser) up to a timeout, and they may
 * press Cancel at any time. Cancel may come from any thread.
 */
public final class SignInWait {

    private final CompletableFuture<Void> cancelled = new CompletableFuture<>();
    private final Duration timeout;

    public SignInWait(Duration timeout) {
        this.timeout = timeout;
    }

    public static SignInWait of(Duration timeout) {
        return new SignInWait(timeout);
    }

    public Duration timeout() {
        return timeout;
    }

    public void cancel() {
        cancelled.complete(null);
    }

    public boolean isCancelled() {
        return cancelled.isDone();
    }

    /** Waits for {@code answer} until the timeout or Cancel. */
    <T> Outcome<T> await(CompletableFuture<T> answer, Duration within) throws InterruptedException {
        try {
            CompletableFuture.anyOf(answer, cancelled).get(within.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return new Outcome<>(null, false, true);
        } catch (ExecutionException e) {
            // The answer failed: the caller reads the failure from it.
        }
        if (answer.isDone()) {
            return new Outcome<>(answer.getNow(null), false, false);
        }
        return new Outcome<>(null, true, false);
    }

    /** Sleeps for {@code pause}, or less when Cancel is pressed. */
    boolean sleep(Duration pause) throws InterruptedException {
        try {
            cancelled.get(pause.toMillis(), TimeUnit.MILLISECONDS);
            return false;
        } catch (TimeoutException e) {
            return true;
        } catch (ExecutionException e) {
            return false;
        }
    }

    record Outcome<T>(T value, boolean cancelled, boolean timedOut) {
    }
}
