package dev.hubwizard.deploy;

import dev.hubwizard.aws.RegistryCredentials;
import dev.hubwizard.docker.BuiltImage;
import dev.hubwizard.docker.ImagePusher;
import dev.hubwizard.docker.PushRequest;
import dev.hubwizard.docker.PushedImage;
import dev.hubwizard.docker.RegistryManifests;
import dev.hubwizard.engine.Key;
import dev.hubwizard.engine.StepContext;

import java.io.IOException;
import java.util.Optional;

/**
 * The Docker side of the push step: pushes the image the build step made, unless the registry holds
 * its tag already. Tags are derived from the image's content, so that tag is this very image.
 */
public final class DockerImagePush implements ImagePush {

    /** True when the push found the image in the registry already and sent nothing. */
    public static final Key<Boolean> ALREADY_THERE = Key.of("push-skipped", Boolean.class);

    private final ImagePusher pusher;
    private final RegistryManifests manifests;
    private final Key<BuiltImage> built;
    private final Key<Boolean> alreadyThere;

    /** Pushes the hub's image. */
    public DockerImagePush(ImagePusher pusher, RegistryManifests manifests) {
        this(pusher, manifests, BuildImageStep.IMAGE, ALREADY_THERE);
    }

    /**
     * @param built        the step value with the image to push
     * @param alreadyThere where to say whether the registry had it already
     */
    public DockerImagePush(ImagePusher pusher, RegistryManifests manifests, Key<BuiltImage> built,
                           Key<Boolean> alreadyThere) {
        this.pusher = pusher;
        this.manifests = manifests;
        this.built = built;
        this.alreadyThere = alreadyThere;
    }

    @Override
    public Pushed push(String repository, RegistryCredentials login, StepContext context) throws Exception {
        context.secret(login.password());
        BuiltImage image = context.require(built);
        dev.hubwizard.docker.RegistryCredentials credentials =
                new dev.hubwizard.docker.RegistryCredentials(login.username(), login.password());
        Optional<String> existing = existing(repository, image.version(), credentials, context);
        if (existing.isPresent()) {
            context.log().info(repository + ":" + image.version() + " is in the repository already ("
                    + existing.get() + "): nothing to push");
            context.put(alreadyThere, true);
            return new Pushed(image.version(), existing.get());
        }
        context.put(alreadyThere, false);
        PushedImage pushed = pusher.push(new PushRequest(image.imageId(), repository, image.version(), credentials),
                context);
        return new Pushed(image.version(), pushed.digest());
    }

    private Optional<String> existing(String repository, String tag,
                                      dev.hubwizard.docker.RegistryCredentials credentials, StepContext context)
            throws InterruptedException {
        try {
            return manifests.digest(repository, tag, credentials);
        } catch (IOException e) {
            context.log().debug("Could not ask the registry for " + tag + " (" + e.getMessage() + "): pushing");
            return Optional.empty();
        }
    }
}
