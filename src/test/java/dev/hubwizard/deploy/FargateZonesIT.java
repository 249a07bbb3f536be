package dev.hubwizard.deploy;

import dev.hubwizard.aws.AwsClients;
import dev.hubwizard.aws.FargateZones;
import dev.hubwizard.aws.HubNetwork;
import dev.hubwizard.engine.JournalStore;
import dev.hubwizard.engine.Plan;
import dev.hubwizard.engine.ProblemException;
import dev.hubwizard.engine.RunResult;
import dev.hubwizard.engine.Session;
import dev.hubwizard.engine.Step;
import dev.hubwizard.engine.StepContext;
import dev.hubwizard.engine.StepState;
import dev.hubwizard.profile.NetworkMode;
import dev.hubwizard.profile.NetworkSettings;
import dev.hubwizard.profile.Options;
import dev.hubwizard.profile.Profile;
import dev.hubwizard.testbed.MotoServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ec2.model.Subnet;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Availability zones Fargate does not serve. AWS documents some regions where Fargate runs tasks in some zone IDs
 * only (us-west-1, ap-northeast-1...); moto's zones are all served, so the strict layer plays such a region — here
 * us-east-1 with Fargate in use1-az2 and use1-az4 only — and the network step is given the same list where it
 * normally reads the bundled one. By zone name the hub would land in us-east-1a (use1-az6) and us-east-1b
 * (use1-az1), where no task would start.
 */
@ExtendWith(EmptyAwsAccount.class)
class FargateZonesIT {

    private static final FargateZones PLAYED = new FargateZones(Map.of(MotoServer.REGION,
            Set.of("use1-az2", "use1-az4")));

    private final AwsTestBed bed = new AwsTestBed();
    private final Profile profile = AwsTestBed.profile();
    private AwsClients aws;

    @BeforeEach
    void emptyAccount(AwsClients clients) {
        aws = clients;
        MotoServer.shared().strict().ecs().fargateZones(MotoServer.REGION, Set.of("use1-az2", "use1-az4"));
    }

    private Plan plan(Profile profile, FargateZones zones) {
        List<Step> steps = new ArrayList<>(bed.steps(profile, aws));
        steps.removeIf(s -> s.id().equals(NetworkStep.ID));
        steps.add(new NetworkStep(profile, aws, zones));
        return new Plan("deploy", steps);
    }

    @Test
    void theHubsSubnetsAreInZonesFargateServesByZoneId() {
        Session session = AwsTestBed.session(JournalStore.inMemory());

        RunResult result = bed.run(plan(profile, PLAYED), session);

        assertThat(result.succeeded()).as(bed.failures(result)).isTrue();
        HubNetwork network = session.values().require(NetworkStep.NETWORK);
        assertThat(aws.ec2().describeSubnets(r -> r.subnetIds(network.subnetIds())).subnets())
                .extracting(Subnet::availabilityZoneId).containsExactlyInAnyOrder("use1-az2", "use1-az4");
    }

    @Test
    void withoutTheListTheHubLandsWhereFargateStartsNoTask() {
        // Every zone taken for served, as the code took them before: the first two zones, not the ones played here.
        RunResult result = bed.run(plan(profile, new FargateZones(Map.of())), AwsTestBed.session(
                JournalStore.inMemory()));

        assertThat(result.state(ServiceStep.ID)).isEqualTo(StepState.FAILED);
        assertThat(bed.logText()).contains("Fargate is not available in the Availability Zone");
    }

    @Test
    void chosenSubnetsInAZoneFargateDoesNotServeAreNamed() throws Exception {
        String vpc = publicVpc();
        String unserved = subnet(vpc, "10.1.0.0/24", "use1-az6");
        String served = subnet(vpc, "10.1.1.0/24", "use1-az2");
        Profile chosen = profile.withNetwork(new NetworkSettings(NetworkMode.EXISTING_VPC, vpc,
                List.of(served, unserved), AwsTestBed.CIDR));

        assertThatThrownBy(() -> run(new NetworkStep(chosen, aws, PLAYED)))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.problem().what()).isEqualTo("Subnet " + unserved + " is in a zone Fargate does not"
                            + " serve");
                    assertThat(e.problem().why()).contains("use1-az6").contains("use1-az2, use1-az4 in us-east-1");
                });
    }

    @Test
    void chosenSubnetsInOneZoneAreSaidAndRefusedForALoadBalancer() throws Exception {
        String vpc = publicVpc();
        String first = subnet(vpc, "10.1.0.0/24", "use1-az2");
        String second = subnet(vpc, "10.1.1.0/24", "use1-az2");
        Profile chosen = profile.withNetwork(new NetworkSettings(NetworkMode.EXISTING_VPC, vpc,
                List.of(first, second), AwsTestBed.CIDR));

        run(new NetworkStep(chosen, aws, PLAYED));
        assertThat(bed.logText()).contains("Subnets " + first + " and " + second + " are in the same zone, use1-az2");

        Profile balanced = chosen.withOptions(new Options(true, "", false));
        assertThatThrownBy(() -> run(new NetworkStep(balanced, aws, PLAYED)))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().what())
                        .isEqualTo("A load balancer needs subnets in two zones"));
    }

    @Test
    void theDefaultVpcsSubnetsInZonesFargateDoesNotServeAreLeftOut() throws Exception {
        Profile onDefault = profile.withNetwork(new NetworkSettings(NetworkMode.DEFAULT_VPC, "", List.of(),
                AwsTestBed.CIDR));

        HubNetwork network = run(new NetworkStep(onDefault, aws, PLAYED)).require(NetworkStep.NETWORK);

        assertThat(aws.ec2().describeSubnets(r -> r.subnetIds(network.subnetIds())).subnets())
                .extracting(Subnet::availabilityZoneId).containsExactlyInAnyOrder("use1-az2", "use1-az4");
        assertThat(bed.logText()).contains("Leaving out default subnet(s)").contains("use1-az6");
    }

    private StepContext run(Step step) throws Exception {
        StepContext context = bed.context(AwsTestBed.session(JournalStore.inMemory()), step.id());
        step.run(context);
        return context;
    }

    /** Someone's own VPC, with an internet gateway for its subnets (the main route table leads there). */
    private String publicVpc() {
        String vpc = aws.ec2().createVpc(r -> r.cidrBlock("10.1.0.0/16")).vpc().vpcId();
        String gateway = aws.ec2().createInternetGateway().internetGateway().internetGatewayId();
        aws.ec2().attachInternetGateway(r -> r.vpcId(vpc).internetGatewayId(gateway));
        String main = aws.ec2().describeRouteTables(r -> r.filters(f -> f.name("vpc-id").values(vpc))).routeTables()
                .get(0).routeTableId();
        aws.ec2().createRoute(r -> r.routeTableId(main).destinationCidrBlock("0.0.0.0/0").gatewayId(gateway));
        return vpc;
    }

    private String subnet(String vpc, String cidr, String zoneId) {
        return aws.ec2().createSubnet(r -> r.vpcId(vpc).cidrBlock(cidr).availabilityZoneId(zoneId)).subnet()
                .subnetId();
    }
}
