package dev.hubwizard.deploy;

import dev.hubwizard.docker.BuildNetwork;
import dev.hubwizard.docker.HubImageFolder;
import dev.hubwizard.docker.BuiltImage;
import dev.hubwizard.docker.ImageBuildRequest;
import dev.hubwizard.docker.ImageBuilder;
import dev.hubwizard.engine.Intent;
import dev.hubwizard.engine.Key;
import dev.hubwizard.engine.Problem;
import dev.hubwizard.engine.ProblemException;
import dev.hubwizard.engine.Step;
import dev.hubwizard.engine.StepContext;
import dev.hubwizard.profile.Profile;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Step 1: builds the hub image from the profile's image folder, users and architecture. */
public final class BuildImageStep implements Step {

    public static final String ID = "build";
    /** The image just built; the local test runs it and the push step pushes it. */
    public static final Key<BuiltImage> IMAGE = Key.of("hub-image", BuiltImage.class);

    private final Profile profile;
    private final ImageBuilder builder;
    private final Path defaultImageFolder;
    private final BuildNetwork network;

    /**
     * @param defaultImageFolder the bundled hub image ({@link BundledHubImage}), used when the profile names no folder
     * @param network            {@link BuildNetwork#matching} the profile's engine, or {@code NONE} to
     *                           prove a build needs no network
     */
    public BuildImageStep(Profile profile, ImageBuilder builder, Path defaultImageFolder, BuildNetwork network) {
        this.profile = profile;
        this.builder = builder;
        this.defaultImageFolder = defaultImageFolder;
        this.network = network;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Build the hub image";
    }

    @Override
    public void run(StepContext context) throws Exception {
        context.put(IMAGE, builder.build(request(), context));
    }

    /** The plan says so when the folder cannot be built from, before anything is built. */
    @Override
    public List<Intent> preview(StepContext context) throws ProblemException {
        ImageBuildRequest request = request();
        Optional<Problem> folder = HubImageFolder.problem(request.imageFolder());
        if (folder.isPresent()) {
            throw new ProblemException(folder.get());
        }
        return List.of(Intent.create("Docker image", request.repository() + ":<image id>",
                "build for " + request.architecture() + " (" + request.architecture().dockerPlatform() + ") from "
                        + request.imageFolder() + " on " + request.base() + ", with "
                        + request.admins().size() + " admin(s) and " + request.allowedUsers().size() + " allowed user(s)"));
    }

    /** The folder a profile builds from: its own, or the bundled one when it names none. */
    public static Path imageFolder(Profile profile, Path bundled) {
        String folder = profile.hub().imageFolder();
        return (folder.isEmpty() ? bundled : Path.of(folder)).toAbsolutePath().normalize();
    }

    private ImageBuildRequest request() {
        return request(profile, defaultImageFolder, network);
    }

    /** What the hub image is built from; the users' image is built from the same ({@link ImageBuildRequest#forUsers}). */
    static ImageBuildRequest request(Profile profile, Path defaultImageFolder, BuildNetwork network) {
        return new ImageBuildRequest(imageFolder(profile, defaultImageFolder), profile.names().repository(),
                profile.hub().admins(), profile.hub().allowedUsers(), profile.task().architecture(),
                profile.advanced().jupyterhubVersion(),
                profile.advanced().baseImage(), network);
    }
}
