package dev.hubwizard.deploy;

import dev.hubwizard.aws.AwsTexts;
import dev.hubwizard.docker.BuildNetwork;
import dev.hubwizard.docker.BuiltImage;
import dev.hubwizard.docker.ImageBuildRequest;
import dev.hubwizard.docker.ImageBuilder;
import dev.hubwizard.docker.SingleUserImageCheck;
import dev.hubwizard.engine.Intent;
import dev.hubwizard.engine.Key;
import dev.hubwizard.engine.Step;
import dev.hubwizard.engine.StepContext;
import dev.hubwizard.profile.Profile;

import java.nio.file.Path;
import java.util.List;

/**
 * The users' server image, with servers in their own Fargate tasks: built from the hub image folder's
 * {@code singleuser/Dockerfile} (the hub's pins, on the hub's base), or, when the profile names an image (one of the
 * Jupyter Docker Stacks', say), pulled for the task's architecture. Either way it is tagged by its id for the users'
 * repository and must run {@code jupyterhub-singleuser} ({@link SingleUserImageCheck}) before anything is pushed.
 */
public final class UsersImageStep implements Step {

    public static final String ID = "users-image";
    public static final Key<BuiltImage> IMAGE = Key.of("users-image", BuiltImage.class);

    private final Profile profile;
    private final ImageBuilder builder;
    private final SingleUserImageCheck check;
    private final Path defaultImageFolder;
    private final BuildNetwork network;

    public UsersImageStep(Profile profile, ImageBuilder builder, SingleUserImageCheck check, Path defaultImageFolder,
                          BuildNetwork network) {
        this.profile = profile;
        this.builder = builder;
        this.check = check;
        this.defaultImageFolder = defaultImageFolder;
        this.network = network;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Users' server image";
    }

    @Override
    public void run(StepContext context) throws Exception {
        String named = profile.servers().image();
        String repository = new AwsTexts(profile.name()).userRepositoryName();
        BuiltImage image = named.isEmpty() ? builder.build(request(repository), context)
                : builder.pull(named, repository, profile.task().architecture(), context);
        String version = check.version(image.reference(), named.isEmpty() ? image.reference() : named);
        context.log().info(image.reference() + " runs jupyterhub-singleuser " + version);
        context.put(IMAGE, image);
    }

    @Override
    public List<Intent> preview(StepContext context) {
        String named = profile.servers().image();
        String repository = new AwsTexts(profile.name()).userRepositoryName();
        return List.of(Intent.create("Docker image", repository + ":<image id>", (named.isEmpty()
                ? "build the users' servers from " + request(repository).imageFolder().resolve(
                ImageBuildRequest.USER_DOCKERFILE) : "pull " + named) + " for " + profile.task().architecture()
                + ", and check that it runs jupyterhub-singleuser"));
    }

    private ImageBuildRequest request(String repository) {
        return BuildImageStep.request(profile, defaultImageFolder, network).forUsers(repository);
    }
}
