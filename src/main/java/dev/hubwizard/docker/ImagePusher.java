package dev.hubwizard.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.PushResponseItem;
import dev.hubwizard.engine.Cancellation;
import dev.hubwizard.engine.Problem;
import dev.hubwizard.engine.ProblemException;
import dev.hubwizard.engine.StepContext;

import java.io.IOException;
import java.util.Locale;

/**
 * Tags a local image for a registry and pushes it, with per-layer progress. The registry password
 * is registered as a secret before anything can log it, and no message built here contains it.
 */
public final class ImagePusher {

    /** Progress events at most this often: a push reports every few kilobytes. */
    private static final long PROGRESS_INTERVAL_NANOS = 100_000_000L;

    private final DockerClients docker;

    public ImagePusher(DockerClients docker) {
        this.docker = docker;
    }

    /** @return the pushed reference and the registry's digest for it */
    public PushedImage push(PushRequest request, StepContext context)
            throws ProblemException, Cancellation.CancelledException {
        String password = request.credentials().password();
        context.secret(password);
        DockerClient client = docker.client();
        try {
            client.tagImageCmd(request.localImage(), request.repositoryUri(), request.tag()).withForce().exec();
        } catch (RuntimeException e) {
            throw withoutPassword(DockerProblems.of(e, docker.dockerHost(), "tag the image for the registry"), password);
        }
        context.log().info("Pushing " + request.localImage() + " as " + request.reference() + " (signed in as "
                + request.credentials().username() + ")");
        AuthConfig auth = new AuthConfig()
                .withUsername(request.credentials().username())
                .withPassword(password)
                .withRegistryAddress(request.registry());
        PushLog log = new PushLog(context);
        try (AutoCloseable abort = context.onCancel(log::abort)) {
            client.pushImageCmd(request.repositoryUri()).withTag(request.tag()).withAuthConfig(auth).exec(log);
            log.awaitCompletion();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            context.throwIfCancelled();
            throw new ProblemException("The push was interrupted", "", "Press Retry");
        } catch (Exception e) {
            context.throwIfCancelled();
            throw withoutPassword(DockerProblems.of(e, docker.dockerHost(), "push the image"), password);
        }
        context.throwIfCancelled();
        // The push callback reports a failed push as one more message, not as an exception.
        if (log.error != null) {
            throw withoutPassword(new ProblemException(refused(request, log.error)), password);
        }
        String digest = log.progress.digest().orElseThrow(() -> new ProblemException("The push ended without a digest",
                "the registry did not confirm " + request.reference(), "Open the log for details, then press Retry"));
        context.progress(log.progress.progress());
        context.log().info("Pushed " + request.reference() + " (" + digest + ")");
        return new PushedImage(request.reference(), digest);
    }

    private static Problem refused(PushRequest request, String error) {
        String lower = error.toLowerCase(Locale.ROOT);
        if (lower.contains("unauthorized") || lower.contains("authentication required") || lower.contains("denied")
                || lower.contains("no basic auth credentials")) {
            return new Problem("The registry refused the push", request.registry() + " answered: " + error,
                    "The sign-in was wrong or has expired (ECR's lasts 12 hours): press Retry to sign in afresh");
        }
        return DockerProblems.diskFull(error).orElseGet(() -> new Problem("The push to " + request.registry() + " failed",
                error, "Check that the repository exists and the registry is reachable, then press Retry"));
    }

    /**
     * Belt and braces: whatever Docker or the registry echo back, the password does not leave here.
     * The cause is dropped too, since stack traces reach the log file unfiltered; its message is in
     * the problem already.
     */
    private static ProblemException withoutPassword(ProblemException e, String password) {
        Problem p = e.problem();
        return new ProblemException(new Problem(p.what().replace(password, "****"), p.why().replace(password, "****"),
                p.next().replace(password, "****")));
    }

    private static final class PushLog extends ResultCallback.Adapter<PushResponseItem> {

        private final StepContext context;
        private final PushProgress progress = new PushProgress();
        private volatile String error;
        private long lastProgress;

        PushLog(StepContext context) {
            this.context = context;
        }

        @Override
        public void onNext(PushResponseItem item) {
            if (item.isErrorIndicated()) {
                error = item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null
                        ? item.getErrorDetail().getMessage() : item.getError();
                context.log().error(error);
                return;
            }
            progress.accept(item).ifPresent(context.log()::info);
            long now = System.nanoTime();
            if (now - lastProgress > PROGRESS_INTERVAL_NANOS) {
                lastProgress = now;
                context.progress(progress.progress());
            }
        }

        void abort() {
            try {
                close();
            } catch (IOException ignored) {
                // The stream is going away either way.
            }
        }
    }
}
