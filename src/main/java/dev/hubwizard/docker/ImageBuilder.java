package dev.hubwizard.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.BuildImageCmd;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.model.BuildResponseItem;
import dev.hubwizard.engine.Cancellation;
import dev.hubwizard.engine.LogLevel;
import dev.hubwizard.engine.Problem;
import dev.hubwizard.engine.ProblemException;
import dev.hubwizard.engine.Progress;
import dev.hubwizard.engine.StepContext;
import dev.hubwizard.profile.Architecture;

import java.io.IOException;
import java.util.Optional;

/**
 * Builds the hub image: a temporary build context with the profile's users, {@code docker build}
 * for the profile's architecture, the live log and per-step progress, then the version tag.
 */
public final class ImageBuilder {

    private final DockerClients docker;

    public ImageBuilder(DockerClients docker) {
        this.docker = docker;
    }

    public BuiltImage build(ImageBuildRequest request, StepContext context)
            throws ProblemException, Cancellation.CancelledException {
        try (HubBuildContext buildContext = HubBuildContext.prepare(request.imageFolder(), request.admins(),
                request.allowedUsers())) {
            DockerClient client = docker.client();
            String engineArchitecture = call(() -> client.versionCmd().exec().getArch(), "report its version");
            describe(request, engineArchitecture, context);
            String imageId = runBuild(client, buildContext, request, context);
            return tag(client, imageId, request.repository(), request.architecture(), "Built", context);
        } catch (IOException e) {
            throw new ProblemException("Could not prepare the image's build context", e.getMessage(),
                    "Check that the temporary folder has space and is writable, then build again");
        }
    }

    private void describe(ImageBuildRequest request, String engineArchitecture, StepContext context) {
        Architecture target = request.architecture();
        context.log().info("Building " + request.repository() + " from " + request.imageFolder()
                + (request.dockerfile().equals(ImageBuildRequest.HUB_DOCKERFILE) ? "" : " (" + request.dockerfile() + ")")
                + " for "
                + target.dockerPlatform() + " (the Fargate task's " + target + ")"
                + " on " + request.base()
                + (request.network() == BuildNetwork.DEFAULT ? "" : ", network " + request.network().dockerName()));
        context.log().info("Users: " + request.admins().size() + " admin(s), " + request.allowedUsers().size()
                + " allowed user(s)");
        if (!target.dockerArchitecture().equals(engineArchitecture)) {
            context.log().warn("Docker runs on " + engineArchitecture + ": building for " + target.dockerArchitecture()
                    + " needs emulation (Docker Desktop has it built in) and is slower");
        }
    }

    private String runBuild(DockerClient client, HubBuildContext buildContext, ImageBuildRequest request,
                            StepContext context) throws ProblemException, Cancellation.CancelledException {
        BuildImageCmd command = client.buildImageCmd(buildContext.directory().toFile())
                .withDockerfile(buildContext.directory().resolve(request.dockerfile()).toFile())
                .withPlatform(request.architecture().dockerPlatform())
                .withNetworkMode(request.network().dockerName())
                // Also remove the containers of failed steps: a failed build leaves nothing behind.
                .withForcerm(true);
        command.withBuildArg("JUPYTERHUB_VERSION", request.jupyterhubVersion());
        if (!request.baseImage().isEmpty()) {
            command.withBuildArg("BASE_IMAGE", request.baseImage());
        }
        BuildLog log = new BuildLog(context);
        try (AutoCloseable abort = context.onCancel(log::abort)) {
            command.exec(log);
            log.awaitCompletion();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            context.throwIfCancelled();
            throw new ProblemException("The image build was interrupted", "", "Press Retry");
        } catch (Exception e) {
            context.throwIfCancelled();
            throw DockerProblems.of(e, docker.dockerHost(), "build the image");
        }
        context.throwIfCancelled();
        log.finish();
        String dockerfile = request.imageFolder().resolve(request.dockerfile()).toString();
        if (log.error != null) {
            throw new ProblemException(DockerProblems.diskFull(log.error)
                    .orElseGet(() -> log.output.failure(log.error, dockerfile, request.architecture().dockerPlatform())));
        }
        if (log.imageId == null) {
            throw new ProblemException("The image build ended without an image",
                    "Docker did not report a built image", "Open the log for details, then build again");
        }
        return log.imageId;
    }

    /**
     * Pulls a named image (the users' image a profile names instead of the one Hub Wizard builds) for the Fargate
     * task's architecture, and tags it for {@code repository} by its id, as a built image is.
     */
    public BuiltImage pull(String image, String repository, Architecture architecture, StepContext context)
            throws ProblemException, Cancellation.CancelledException {
        DockerClient client = docker.client();
        context.log().info("Pulling " + image + " for " + architecture.dockerPlatform());
        var pull = client.pullImageCmd(image).withPlatform(architecture.dockerPlatform())
                .exec(new ResultCallback.Adapter<>());
        try (AutoCloseable abort = context.onCancel(() -> {
            try {
                pull.close();
            } catch (IOException ignored) {
                // Closed already: the pull has ended.
            }
        })) {
            pull.awaitCompletion();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            context.throwIfCancelled();
            throw new ProblemException("The pull of " + image + " was interrupted", "", "Press Retry");
        } catch (Exception e) {
            context.throwIfCancelled();
            Problem problem = DockerProblems.of(e, docker.dockerHost(), "pull " + image).problem();
            throw new ProblemException(new Problem(problem.what(), problem.why(), "Check the image's name under"
                    + " Users' servers in Settings (for example quay.io/jupyter/scipy-notebook), and that this"
                    + " computer can reach its registry, then press Retry"), e);
        }
        context.throwIfCancelled();
        return tag(client, image, repository, architecture, "Pulled", context);
    }

    private BuiltImage tag(DockerClient client, String imageId, String repository, Architecture architecture,
                           String done, StepContext context) throws ProblemException {
        InspectImageResponse image = call(() -> client.inspectImageCmd(imageId).exec(), "inspect the image");
        Architecture built = Architecture.fromDockerArchitecture(image.getArch());
        if (built != architecture) {
            // The classic builder may quietly use a local base of another architecture. Drop the result
            // unless it is tagged already: then it is an earlier, good build of that architecture.
            if (image.getRepoTags() == null || image.getRepoTags().isEmpty()) {
                call(() -> client.removeImageCmd(image.getId()).exec(), "remove the image built for the wrong architecture");
            }
            throw new ProblemException("The image was built for " + image.getArch() + ", not "
                    + architecture.dockerArchitecture(),
                    "the base image has no " + architecture.dockerArchitecture() + " variant",
                    "Choose a base image for " + architecture + ", or change the task's CPU architecture");
        }
        String version = BuiltImage.versionOf(image.getId());
        call(() -> client.tagImageCmd(image.getId(), repository, version).withForce().exec(), "tag the image");
        BuiltImage result = new BuiltImage(image.getId(), repository, version, built,
                Optional.ofNullable(image.getSize()).orElse(0L));
        context.progress(new Progress(1, 1, done + " " + result.reference()));
        context.log().info(done + " " + result.reference() + " (" + image.getId() + ", "
                + result.sizeBytes() / 1_000_000 + " MB)");
        return result;
    }

    private <T> T call(DockerCall<T> call, String doing) throws ProblemException {
        try {
            return call.run();
        } catch (RuntimeException e) {
            throw DockerProblems.of(e, docker.dockerHost(), doing);
        }
    }

    @FunctionalInterface
    private interface DockerCall<T> {
        T run();
    }

    /** Streams the build's output to the step's log and progress, and keeps what a failure needs. */
    private static final class BuildLog extends ResultCallback.Adapter<BuildResponseItem> {

        private final StepContext context;
        private final BuildOutput output = new BuildOutput();
        private volatile String imageId;
        private volatile String error;

        BuildLog(StepContext context) {
            this.context = context;
        }

        @Override
        public void onNext(BuildResponseItem item) {
            if (item.isErrorIndicated()) {
                error = item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null
                        ? item.getErrorDetail().getMessage() : item.getError();
            } else if (item.isBuildSuccessIndicated()) {
                imageId = item.getImageId();
            }
            if (item.getStream() != null) {
                output.lines(item.getStream()).forEach(this::log);
            }
        }

        void finish() {
            output.rest().forEach(this::log);
        }

        private void log(String line) {
            context.log().log(BuildOutput.isChatter(line) ? LogLevel.DEBUG : LogLevel.INFO, line);
            if (line.startsWith("Step ")) {
                output.step().ifPresent(step -> context.progress(step.progress()));
            }
        }

        /** On cancel: closing the stream makes the engine stop the build. */
        void abort() {
            try {
                close();
            } catch (IOException ignored) {
                // The stream is going away either way.
            }
        }
    }
}
