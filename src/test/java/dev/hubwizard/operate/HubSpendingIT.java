package dev.hubwizard.operate;

import dev.hubwizard.aws.AwsClients;
import dev.hubwizard.engine.ResourceRecord;
import dev.hubwizard.profile.AwsTarget;
import dev.hubwizard.profile.DeploymentState;
import dev.hubwizard.profile.DeploymentStatus;
import dev.hubwizard.profile.Profile;
import dev.hubwizard.testbed.MotoServer;
import dev.hubwizard.testbed.strict.StrictAws;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A hub's month-to-date cost from Cost Explorer, against moto through the strict layer, which plays the cost
 * allocation tags moto lacks: a tag billing has not seen, one not activated (each saying how to activate it), and an
 * active one, whose month's cost is what Cost Explorer answers (moto's answer configured through its API).
 */
class HubSpendingIT {

    private static final Clock DEC_3 = Clock.fixed(Instant.parse("2026-12-03T12:00:00Z"), ZoneOffset.UTC);

    private MotoServer moto;
    private AwsClients aws;
    private HubSpending spending;

    @BeforeEach
    void start() {
        moto = MotoServer.shared();
        moto.reset();
        aws = new AwsClients(new AwsTarget("", MotoServer.REGION), StrictAws.PATIENCE);
        spending = new HubSpending(target -> aws, DEC_3);
    }

    @AfterEach
    void stop() {
        aws.close();
    }

    private static Profile deployed() {
        return Profile.named("team-hub").withAws(new AwsTarget("", MotoServer.REGION)).withDeployment(
                new DeploymentState(DeploymentStatus.DEPLOYED, List.of(new ResourceRecord("ecs-service",
                        "arn:aws:ecs:us-east-1:123456789012:service/team-hub-cluster/team-hub-service",
                        "team-hub-service", Map.of(), "service", Instant.now())), "", "", "", "", "", Instant.now()));
    }

    @Test
    void aTagBillingHasNotSeenSaysWhenItWillAndHowToActivateIt() {
        MonthToDate spent = spending.read(deployed());

        assertThat(spent.kind()).isEqualTo(MonthToDate.Kind.TAG_NOT_ACTIVE);
        assertThat(spent.text()).isEqualTo("Tag not seen yet");
        assertThat(spent.detail()).contains("up to a day", "Cost allocation tags", "hubwizard:profile", "Activate");
    }

    @Test
    void anInactiveTagSaysHowToActivateIt() {
        moto.strict().costAllocationTags().seen("hubwizard:profile", false);

        MonthToDate spent = spending.read(deployed());

        assertThat(spent.kind()).isEqualTo(MonthToDate.Kind.TAG_NOT_ACTIVE);
        assertThat(spent.text()).isEqualTo("Tag not active");
        assertThat(spent.detail()).contains("not an active cost allocation tag", "User-defined cost allocation tags");
    }

    @Test
    void anActiveTagGivesThisMonthsCostOfTheTaggedResources() {
        moto.strict().costAllocationTags().seen("hubwizard:profile", true);
        moto.post("/moto-api/static/ce/cost-and-usage-results", """
                {"results": [{"ResultsByTime": [{"TimePeriod": {"Start": "2026-12-01", "End": "2026-12-04"},
                  "Total": {"UnblendedCost": {"Amount": "12.3456", "Unit": "USD"}}, "Groups": [],
                  "Estimated": true}]}]}""");

        MonthToDate spent = spending.read(deployed());

        assertThat(spent.kind()).as(spent.detail()).isEqualTo(MonthToDate.Kind.COUNTED);
        assertThat(spent.text()).isEqualTo("$12.35");
        assertThat(spent.detail()).contains("from 1 Dec to today", "hubwizard:profile=team-hub");
    }

    @Test
    void aHubWithNothingInAwsIsNotAskedAbout() {
        assertThat(spending.read(Profile.named("new-hub")).kind()).isEqualTo(MonthToDate.Kind.NOTHING);
    }
}
