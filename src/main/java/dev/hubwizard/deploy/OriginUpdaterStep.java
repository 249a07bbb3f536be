package dev.hubwizard.deploy;

import dev.hubwizard.aws.AwsClients;
import dev.hubwizard.aws.EcsCluster;
import dev.hubwizard.aws.EcsClusters;
import dev.hubwizard.aws.HubDistribution;
import dev.hubwizard.aws.OriginUpdater;
import dev.hubwizard.aws.ProfileTags;
import dev.hubwizard.engine.Intent;
import dev.hubwizard.engine.Step;
import dev.hubwizard.engine.StepContext;
import dev.hubwizard.profile.Profile;
import software.amazon.awssdk.services.ecs.model.Cluster;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps the HTTPS address on the hub's task while Hub Wizard is closed: ECS replaces a task that crashes by itself,
 * and the new task has a new address. An EventBridge rule runs a small Lambda function whenever a task of the
 * hub's service is running, which points the distribution at it ({@link OriginUpdater}). Only for a hub whose
 * distribution reaches its task directly: a load balancer's address never changes. Done before the service
 * starts a task, so that even the first one is followed.
 */
public final class OriginUpdaterStep implements Step {

    public static final String ID = "origin-updater";

    private final Profile profile;
    private final AwsClients aws;
    private final OriginUpdater updater;
    private final EcsClusters clusters;

    public OriginUpdaterStep(Profile profile, AwsClients aws) {
        this.profile = profile;
        this.aws = aws;
        this.clusters = new EcsClusters(aws, new ProfileTags(profile.name()));
        this.updater = new OriginUpdater(aws, new ProfileTags(profile.name()));
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Keep the address on the hub's task";
    }

    @Override
    public Set<String> dependsOn() {
        return Set.of(DistributionStep.ID, ClusterStep.ID);
    }

    @Override
    public void run(StepContext context) throws Exception {
        updater.ensure(context, new OriginUpdater.Hub(context.require(DistributionStep.DISTRIBUTION),
                context.require(ClusterStep.CLUSTER).arn(), profile.names().service()),
                profile.advanced().logRetentionDays());
    }

    @Override
    public List<Intent> preview(StepContext context) throws Exception {
        Optional<HubDistribution> distribution = DistributionStep.known(profile, context, aws);
        Optional<String> clusterArn = context.get(ClusterStep.CLUSTER).map(EcsCluster::arn);
        if (clusterArn.isEmpty() && distribution.isPresent()) {
            clusterArn = clusters.find(profile.names().cluster()).map(Cluster::clusterArn);
        }
        OriginUpdater.Names names = updater.names();
        if (distribution.isEmpty() || clusterArn.isEmpty()) {
            String what = "for the new CloudFront distribution";
            return List.of(Intent.create("log group", names.logGroup(), "the function's log, kept "
                            + profile.advanced().logRetentionDays() + " days"),
                    Intent.create("IAM role", names.role(), "may only read network interfaces and repoint the hub's "
                            + "HTTPS address"),
                    Intent.create("Lambda function", names.function(), "points the HTTPS address at the hub's task "
                            + "whenever ECS starts one, " + what),
                    Intent.create("EventBridge rule", names.rule(), "runs the function when a task of "
                            + profile.names().service() + " is RUNNING"));
        }
        return updater.preview(new OriginUpdater.Hub(distribution.get(), clusterArn.get(),
                profile.names().service()), profile.advanced().logRetentionDays());
    }
}
