package dev.hubwizard.ui.signin;

import dev.hubwizard.aws.signin.MfaCodePrompt;
import dev.hubwizard.ui.Dialogs;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * Asks for an MFA code in a dialog over the app's window when AWS needs one. Called on the thread that
 * talks to AWS; the dialog itself runs on the FX thread, and that thread waits for the person's answer.
 */
public final class DialogMfaCodePrompt implements MfaCodePrompt {

    private final Dialogs dialogs;
    private final Consumer<Runnable> fxThread;

    /** @param fxThread runs the dialog on the FX thread ({@code Platform::runLater} in the app) */
    public DialogMfaCodePrompt(Dialogs dialogs, Consumer<Runnable> fxThread) {
        this.dialogs = dialogs;
        this.fxThread = fxThread;
    }

    @Override
    public Optional<String> ask(Request request) {
        CompletableFuture<Optional<String>> answer = new CompletableFuture<>();
        fxThread.accept(() -> {
            try {
                answer.complete(dialogs.askName("MFA code",
                        (request.retry() ? "AWS did not accept that code. " : "")
                                + "Type the code from your MFA device",
                        "AWS profile '" + request.profile() + "' switches to " + request.roleArn()
                                + ", which needs the 6-digit code your MFA device (" + request.mfaSerial()
                                + ") shows now.",
                        "", MfaCodePrompt::codeProblem));
            } catch (RuntimeException e) {
                answer.completeExceptionally(e);
            }
        });
        try {
            return answer.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException e) {
            return Optional.empty();
        }
    }
}
