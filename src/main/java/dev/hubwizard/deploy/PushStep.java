package dev.hubwizard.deploy;

import dev.hubwizard.aws.AwsClients;
import dev.hubwizard.aws.EcrRepository;
import dev.hubwizard.aws.RegistryCredentials;
import dev.hubwizard.aws.RegistryLogin;
import dev.hubwizard.engine.Intent;
import dev.hubwizard.engine.Key;
import dev.hubwizard.engine.Step;
import dev.hubwizard.engine.StepContext;
import dev.hubwizard.profile.Profile;

import java.util.List;
import java.util.Set;

/**
 * Pushes the built image to the profile's repository: ECR's login (or the profile's registry
 * override) from here, the Docker work from an {@link ImagePush}.
 */
public final class PushStep implements Step {

    public static final String ID = "push";
    /** The image build's step id, from the docker package. */
    public static final String BUILD = "build";
    public static final Key<PushedImage> PUSHED_IMAGE = Key.of("pushed-image", PushedImage.class);

    private final Profile profile;
    private final RegistryLogin login;
    private final ImagePush push;

    public PushStep(Profile profile, AwsClients aws, ImagePush push) {
        this.profile = profile;
        this.login = new RegistryLogin(aws);
        this.push = push;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Push the image";
    }

    @Override
    public Set<String> dependsOn() {
        return Set.of(BUILD, RepositoryStep.ID);
    }

    @Override
    public void run(StepContext context) throws Exception {
        context.put(PUSHED_IMAGE, push(context.require(RepositoryStep.REPOSITORY), login, push, profile, context));
    }

    /** Signs in to the registry and pushes there; the image is named as Fargate pulls it. */
    static PushedImage push(EcrRepository repository, RegistryLogin login, ImagePush push, Profile profile,
                            StepContext context) throws Exception {
        RegistryCredentials credentials = login.login(context, profile.advanced().registryEndpoint());
        ImagePush.Pushed pushed = push.push(credentials.host() + "/" + repository.name(), credentials, context);
        // Fargate pulls from ECR itself, whatever registry endpoint this machine pushed through.
        PushedImage image = new PushedImage(repository.uri() + ":" + pushed.tag(), pushed.digest());
        context.log().info("Pushed " + image.image() + " (" + image.digest() + ")");
        return image;
    }

    @Override
    public List<Intent> preview(StepContext context) {
        return List.of(Intent.run("Push the image to " + profile.names().repository()));
    }
}
