package dev.hubwizard.deploy;

import dev.hubwizard.aws.AwsClients;
import dev.hubwizard.aws.EcsCluster;
import dev.hubwizard.aws.EcsClusters;
import dev.hubwizard.aws.ProfileTags;
import dev.hubwizard.engine.Intent;
import dev.hubwizard.engine.Key;
import dev.hubwizard.engine.Step;
import dev.hubwizard.engine.StepContext;
import dev.hubwizard.profile.Profile;

import java.util.List;

/** Finds or creates the profile's ECS cluster. */
public final class ClusterStep implements Step {

    public static final String ID = "cluster";
    public static final Key<EcsCluster> CLUSTER = Key.of("cluster", EcsCluster.class);

    private final Profile profile;
    private final EcsClusters clusters;

    public ClusterStep(Profile profile, AwsClients aws) {
        this.profile = profile;
        this.clusters = new EcsClusters(aws, new ProfileTags(profile.name()));
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "ECS cluster";
    }

    @Override
    public void run(StepContext context) throws Exception {
        context.put(CLUSTER, clusters.ensure(context, profile.names().cluster()));
    }

    @Override
    public List<Intent> preview(StepContext context) throws Exception {
        return clusters.preview(profile.names().cluster());
    }
}
