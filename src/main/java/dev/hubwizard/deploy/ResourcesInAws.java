package dev.hubwizard.deploy;

import dev.hubwizard.aws.ResourceKind;
import dev.hubwizard.cost.Billed;
import dev.hubwizard.cost.CostEstimate;
import dev.hubwizard.cost.CostEstimator;
import dev.hubwizard.engine.ResourceRecord;
import dev.hubwizard.profile.DeploymentStatus;
import dev.hubwizard.profile.Profile;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a hub's journal says exists in AWS, and what that costs a month: for a deploy that stopped half-way,
 * so that nobody forgets resources that keep billing.
 *
 * @param count  how many resources the journal records
 * @param billed whether any of them costs money while it exists
 * @param cost   what the ones that cost money cost a month
 */
public record ResourcesInAws(int count, boolean billed, CostEstimate cost) {

    public static ResourcesInAws of(Profile profile, List<ResourceRecord> resources, CostEstimator costs) {
        Billed billed = billed(resources.stream().map(ResourceRecord::kind).collect(Collectors.toSet()));
        return new ResourcesInAws(resources.size(), billed.any(), costs.estimate(profile, billed));
    }

    /** What the profile's own record says is in AWS; a paused hub's service runs no task, which costs nothing. */
    public static ResourcesInAws of(Profile profile, CostEstimator costs) {
        ResourcesInAws all = of(profile, profile.deployment().resources(), costs);
        if (profile.deployment().status() != DeploymentStatus.PAUSED) {
            return all;
        }
        Set<String> kinds = profile.deployment().resources().stream().map(ResourceRecord::kind)
                .collect(Collectors.toSet());
        Billed paused = billed(kinds).withoutTask();
        return new ResourcesInAws(all.count(), paused.any(), costs.estimate(profile, paused));
    }

    private static Billed billed(Set<String> kinds) {
        return new Billed(kinds.contains(ResourceKind.ECS_SERVICE), kinds.contains(ResourceKind.LOAD_BALANCER),
                kinds.contains(ResourceKind.LOG_GROUP), kinds.contains(ResourceKind.ECR_REPOSITORY),
                kinds.contains(ResourceKind.FILE_SYSTEM), kinds.contains(ResourceKind.SECRET),
                // Billed by use only: a distribution nobody reaches (the hub never ran) costs nothing.
                false, kinds.contains(ResourceKind.PRIVATE_ZONE));
    }

    public boolean isEmpty() {
        return count == 0;
    }

    /** "12 resources in AWS, about $38.12 a month". */
    public String text() {
        String resources = count + (count == 1 ? " resource" : " resources") + " in AWS";
        if (!billed) {
            return resources + (count == 1 ? ", which costs" : ", which cost") + " nothing while "
                    + (count == 1 ? "it exists" : "they exist");
        }
        return resources + (cost.known() ? ", " + cost.summary() : " (" + cost.summary() + ")");
    }
}
