package dev.hubwizard.deploy;

import dev.hubwizard.aws.AwsClients;
import dev.hubwizard.aws.AwsTexts;
import dev.hubwizard.aws.EcrRepositories;
import dev.hubwizard.aws.EcrRepository;
import dev.hubwizard.aws.ProfileTags;
import dev.hubwizard.aws.RegistryLogin;
import dev.hubwizard.engine.Intent;
import dev.hubwizard.engine.Key;
import dev.hubwizard.engine.Step;
import dev.hubwizard.engine.StepContext;
import dev.hubwizard.profile.Profile;

import java.util.List;
import java.util.Set;

/**
 * Pushes the users' server image to a repository of its own beside the hub's, {@code <prefix>-user}: made and
 * recorded like the hub's, so that teardown deletes it (or keeps it with the images). Nothing is sent when the
 * repository holds the image's tag already (tags are the image's id).
 */
public final class UsersPushStep implements Step {

    public static final String ID = "users-push";
    public static final Key<PushedImage> PUSHED_IMAGE = Key.of("users-pushed-image", PushedImage.class);
    /** True when the users' image was in its repository already. */
    public static final Key<Boolean> ALREADY_THERE = Key.of("users-push-skipped", Boolean.class);

    private final String repositoryName;
    private final Profile profile;
    private final EcrRepositories repositories;
    private final RegistryLogin login;
    private final ImagePush push;

    /** @param push a push of {@link UsersImageStep#IMAGE} that says {@link #ALREADY_THERE} */
    public UsersPushStep(Profile profile, AwsClients aws, ImagePush push) {
        this.profile = profile;
        this.repositoryName = new AwsTexts(profile.name()).userRepositoryName();
        this.repositories = new EcrRepositories(aws, new ProfileTags(profile.name()));
        this.login = new RegistryLogin(aws);
        this.push = push;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Push the users' image";
    }

    @Override
    public Set<String> dependsOn() {
        return Set.of(UsersImageStep.ID);
    }

    @Override
    public void run(StepContext context) throws Exception {
        EcrRepository repository = repositories.ensure(context, repositoryName);
        context.put(PUSHED_IMAGE, PushStep.push(repository, login, push, profile, context));
    }

    @Override
    public List<Intent> preview(StepContext context) throws Exception {
        return List.of(repositories.find(repositoryName)
                        .map(r -> Intent.reuse("ECR repository", repositoryName, r.uri()))
                        .orElse(Intent.create("ECR repository", repositoryName, "the users' image; private, scan on push")),
                Intent.run("Push the users' image to " + repositoryName));
    }
}
