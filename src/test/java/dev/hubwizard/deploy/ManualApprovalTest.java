package dev.hubwizard.deploy;

import dev.hubwizard.engine.Cancellation;
import dev.hubwizard.engine.StepContext;
import dev.hubwizard.testbed.StepRecorder;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ManualApprovalTest {

    static final URI HUB = URI.create("http://localhost:8000/");

    @Test
    void waitsForTheVerdictAfterShowingTheAddress() throws Exception {
        CompletableFuture<URI> shown = new CompletableFuture<>();
        ManualApproval approval = new ManualApproval(shown::complete);
        StepContext context = new StepRecorder().context("test-local");

        CompletableFuture<Boolean> verdict = CompletableFuture.supplyAsync(() -> approve(approval, context));
        assertThat(shown.get(5, TimeUnit.SECONDS)).isEqualTo(HUB);
        assertThat(verdict).isNotDone();
        approval.looksGood();

        assertThat(verdict.get(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aRejectionIsFalse() throws Exception {
        CompletableFuture<URI> shown = new CompletableFuture<>();
        ManualApproval approval = new ManualApproval(shown::complete);
        StepContext context = new StepRecorder().context("test-local");

        CompletableFuture<Boolean> verdict = CompletableFuture.supplyAsync(() -> approve(approval, context));
        shown.get(5, TimeUnit.SECONDS);
        approval.reject();

        assertThat(verdict.get(5, TimeUnit.SECONDS)).isFalse();
    }

    private static boolean approve(ManualApproval approval, StepContext context) {
        try {
            return approval.approve(HUB, context);
        } catch (InterruptedException | Cancellation.CancelledException e) {
            throw new IllegalStateException(e);
        }
    }
}
