package dev.hubwizard.aws;

import dev.hubwizard.engine.Cancellation;
import dev.hubwizard.engine.Intent;
import dev.hubwizard.engine.ProblemException;
import dev.hubwizard.engine.ResourceRecord;
import dev.hubwizard.engine.StepContext;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.ClusterField;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.hubwizard.aws.AwsCall.call;
import static dev.hubwizard.aws.AwsCall.run;

/** The profile's ECS cluster, found by name (an INACTIVE one is a deleted one) or created. */
public final class EcsClusters {

    private final AwsClients aws;
    private final ProfileTags tags;

    public EcsClusters(AwsClients aws, ProfileTags tags) {
        this.aws = aws;
        this.tags = tags;
    }

    public Optional<Cluster> find(String name) throws ProblemException {
        return call("ecs:DescribeClusters", () -> aws.ecs().describeClusters(r -> r.clusters(name)
                        .include(ClusterField.TAGS)).clusters().stream()
                .filter(c -> "ACTIVE".equals(c.status())).findFirst());
    }

    public EcsCluster ensure(StepContext ctx, String name) throws ProblemException {
        Cluster cluster = Journaled.ensure(ctx, ResourceKind.ECS_CLUSTER, "ECS cluster", name, () -> find(name),
                Journaled.NAME_IS_IDENTITY,
                () -> call("ecs:CreateCluster", () -> aws.ecs().createCluster(r -> r.clusterName(name)
                        .tags(tags.ecs(name))).cluster()),
                new Journaled.Identity<>() {
                    @Override
                    public String id(Cluster c) {
                        return c.clusterArn();
                    }

                    @Override
                    public Map<String, String> attributes(Cluster c) {
                        return Map.of();
                    }

                    @Override
                    public boolean owned(Cluster c) {
                        return tags.ownedBy(ProfileTags.fromEcs(c.tags()));
                    }
                }).resource();
        return new EcsCluster(cluster.clusterName(), cluster.clusterArn());
    }

    /**
     * Deletes the recorded cluster (see {@link Deletion}). ECS refuses while services or tasks are still
     * in it, which teardown removes first; anything else in it is someone else's and stays, with the cluster.
     */
    public void delete(StepContext ctx, ResourceRecord record)
            throws ProblemException, Cancellation.CancelledException, InterruptedException {
        Deletion.delete(ctx, tags, record, "ECS cluster", () -> find(record.id()),
                c -> ProfileTags.fromEcs(c.tags()),
                c -> run("ecs:DeleteCluster", () -> aws.ecs().deleteCluster(r -> r.cluster(c.clusterArn()))));
    }

    public List<Intent> preview(String name) throws ProblemException {
        return List.of(find(name).isPresent() ? Intent.reuse("ECS cluster", name, "")
                : Intent.create("ECS cluster", name, "Fargate only: no machines to pay for"));
    }
}
