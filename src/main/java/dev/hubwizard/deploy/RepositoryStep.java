package dev.hubwizard.deploy;

import dev.hubwizard.aws.AwsClients;
import dev.hubwizard.aws.EcrRepositories;
import dev.hubwizard.aws.EcrRepository;
import dev.hubwizard.aws.ProfileTags;
import dev.hubwizard.engine.Intent;
import dev.hubwizard.engine.Key;
import dev.hubwizard.engine.Step;
import dev.hubwizard.engine.StepContext;
import dev.hubwizard.profile.Profile;

import java.util.List;

/** Finds or creates the profile's ECR repository. Needs no image, so it runs while the image builds. */
public final class RepositoryStep implements Step {

    public static final String ID = "repository";
    public static final Key<EcrRepository> REPOSITORY = Key.of("repository", EcrRepository.class);

    private final Profile profile;
    private final EcrRepositories repositories;

    public RepositoryStep(Profile profile, AwsClients aws) {
        this.profile = profile;
        this.repositories = new EcrRepositories(aws, new ProfileTags(profile.name()));
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "ECR repository";
    }

    @Override
    public void run(StepContext context) throws Exception {
        context.put(REPOSITORY, repositories.ensure(context, profile.names().repository()));
    }

    @Override
    public List<Intent> preview(StepContext context) throws Exception {
        String name = profile.names().repository();
        return List.of(repositories.find(name)
                .map(r -> Intent.reuse("ECR repository", name, r.uri()))
                .orElse(Intent.create("ECR repository", name, "private, scan on push")));
    }
}
