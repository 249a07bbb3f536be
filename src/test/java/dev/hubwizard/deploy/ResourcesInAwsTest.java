package dev.hubwizard.deploy;

import dev.hubwizard.aws.ResourceKind;
import dev.hubwizard.cost.Billed;
import dev.hubwizard.cost.CostEstimate;
import dev.hubwizard.cost.CostEstimator;
import dev.hubwizard.cost.PriceList;
import dev.hubwizard.engine.ResourceRecord;
import dev.hubwizard.profile.Profile;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What a deploy that stopped half-way left in AWS, counted and priced from its journal. */
class ResourcesInAwsTest {

    private static final CostEstimator COSTS = new CostEstimator(PriceList.bundled());
    private static final Profile HUB = Profile.named("team-hub");

    private static ResourceRecord record(String kind, String id) {
        return new ResourceRecord(kind, id, "team-hub", Map.of(), "step", null);
    }

    @Test
    void aDeployStoppedBeforeTheServiceBillsOnlyWhatExists() {
        List<ResourceRecord> resources = List.of(record(ResourceKind.ECR_REPOSITORY, "arn:repo"),
                record(ResourceKind.VPC, "vpc-1"), record(ResourceKind.SUBNET, "subnet-1"),
                record(ResourceKind.LOG_GROUP, "/ecs/team-hub"));

        ResourcesInAws inAws = ResourcesInAws.of(HUB, resources, COSTS);

        CostEstimate expected = COSTS.estimate(HUB, new Billed(false, false, true, true, false, false, false, false));
        assertThat(inAws.count()).isEqualTo(4);
        assertThat(inAws.text()).isEqualTo("4 resources in AWS, " + expected.summary());
        assertThat(expected.monthlyTotal()).isLessThan(1);
    }

    @Test
    void aRunningServiceIsTheTaskAndItsAddress() {
        ResourcesInAws inAws = ResourcesInAws.of(HUB, List.of(record(ResourceKind.ECS_SERVICE, "arn:svc")), COSTS);

        assertThat(inAws.text()).startsWith("1 resource in AWS, about $");
        assertThat(inAws.cost().monthlyTotal()).isGreaterThan(39);
    }

    @Test
    void freeResourcesAreSaidToCostNothing() {
        assertThat(ResourcesInAws.of(HUB, List.of(record(ResourceKind.VPC, "vpc-1"),
                record(ResourceKind.ECS_CLUSTER, "arn:cluster")), COSTS).text())
                .isEqualTo("2 resources in AWS, which cost nothing while they exist");
        assertThat(ResourcesInAws.of(HUB, List.of(), COSTS).isEmpty()).isTrue();
    }
}
