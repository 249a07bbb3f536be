package dev.hubwizard.aws;

import dev.hubwizard.engine.Cancellation;
import dev.hubwizard.engine.ProblemException;
import dev.hubwizard.engine.ResourceRecord;
import dev.hubwizard.engine.StepContext;
import software.amazon.awssdk.services.ecr.model.ImageTagMutability;
import software.amazon.awssdk.services.ecr.model.Repository;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;

import java.util.Map;
import java.util.Optional;

import static dev.hubwizard.aws.AwsCall.call;
import static dev.hubwizard.aws.AwsCall.run;

/** The profile's ECR repository: found by name (unique in the account and region) or created. */
public final class EcrRepositories {

    private final AwsClients aws;
    private final ProfileTags tags;

    public EcrRepositories(AwsClients aws, ProfileTags tags) {
        this.aws = aws;
        this.tags = tags;
    }

    public Optional<EcrRepository> find(String name) throws ProblemException {
        return describe(name).map(EcrRepositories::toRecord);
    }

    public EcrRepository ensure(StepContext ctx, String name) throws ProblemException {
        Repository repository = Journaled.ensure(ctx, ResourceKind.ECR_REPOSITORY, "ECR repository", name,
                () -> describe(name), Journaled.NAME_IS_IDENTITY, () -> create(name), new Journaled.Identity<>() {
                    @Override
                    public String id(Repository r) {
                        return r.repositoryArn();
                    }

                    @Override
                    public Map<String, String> attributes(Repository r) {
                        return Map.of("uri", r.repositoryUri());
                    }

                    @Override
                    public boolean owned(Repository r) throws ProblemException {
                        return tags.ownedBy(ProfileTags.fromEcr(call("ecr:ListTagsForResource",
                                () -> aws.ecr().listTagsForResource(t -> t.resourceArn(r.repositoryArn())).tags())));
                    }
                }).resource();
        return toRecord(repository);
    }

    /** Deletes the recorded repository with every image in it (see {@link Deletion}). */
    public void delete(StepContext ctx, ResourceRecord record)
            throws ProblemException, Cancellation.CancelledException, InterruptedException {
        // The ARN ends in the name, which is what ECR addresses repositories by.
        String name = record.id().substring(record.id().lastIndexOf("repository/") + "repository/".length());
        Deletion.delete(ctx, tags, record, "ECR repository", () -> describe(name)
                        .filter(r -> r.repositoryArn().equals(record.id())),
                r -> ProfileTags.fromEcr(call("ecr:ListTagsForResource",
                        () -> aws.ecr().listTagsForResource(t -> t.resourceArn(r.repositoryArn())).tags())),
                r -> run("ecr:DeleteRepository", () -> aws.ecr().deleteRepository(d -> d.repositoryName(name)
                        .registryId(r.registryId()).force(true))));
    }

    private Optional<Repository> describe(String name) throws ProblemException {
        return call("ecr:DescribeRepositories", () -> {
            try {
                return aws.ecr().describeRepositories(r -> r.repositoryNames(name)).repositories().stream()
                        .findFirst();
            } catch (RepositoryNotFoundException e) {
                return Optional.empty();
            }
        });
    }

    private Repository create(String name) throws ProblemException {
        // Mutable tags: a redeploy may push the same tag again, and the service step forces a new
        // deployment when the digest behind it changed. Scan on push costs nothing and flags CVEs.
        return call("ecr:CreateRepository", () -> aws.ecr().createRepository(r -> r.repositoryName(name)
                .imageTagMutability(ImageTagMutability.MUTABLE)
                .imageScanningConfiguration(s -> s.scanOnPush(true))
                .tags(tags.ecr(name))).repository());
    }

    private static EcrRepository toRecord(Repository r) {
        return new EcrRepository(r.repositoryName(), r.repositoryUri(), r.repositoryArn());
    }
}
