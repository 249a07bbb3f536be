package dev.hubwizard.cost;

import dev.hubwizard.profile.Architecture;
import dev.hubwizard.profile.AwsTarget;
import dev.hubwizard.profile.Options;
import dev.hubwizard.profile.Profile;
import dev.hubwizard.profile.ServerPlacement;
import dev.hubwizard.profile.UserServers;
import dev.hubwizard.profile.TaskSize;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CostEstimatorTest {

    private final PriceList prices = PriceList.bundled();
    private final CostEstimator estimator = new CostEstimator(prices);

    @Test
    void theDefaultHubInUsEast1CostsAboutFortyDollarsAMonth() {
        CostEstimate estimate = estimator.estimate(Profile.named("team"));

        // 730 h × (1 × 0.04048 + 2 × 0.004445) = 36.04; + IPv4 3.65; + logs 0.265; + ECR 0.10
        assertThat(estimate.lines()).extracting(CostLine::item)
                .containsExactly("Fargate task: 1 vCPU, 2 GB", "Public IPv4 address of the task", "CloudWatch Logs",
                        "ECR image storage");
        assertThat(estimate.lines().get(0).monthly()).isCloseTo(36.04, within(0.01));
        assertThat(estimate.lines().get(1).monthly()).isCloseTo(3.65, within(0.001));
        assertThat(estimate.monthlyTotal()).isCloseTo(40.06, within(0.01));
        assertThat(estimate.summary()).isEqualTo("about $40.06 a month");
        assertThat(estimate.attribution()).contains("us-east-1", prices.date().toString(), "aws.amazon.com/fargate",
                "free tiers only where a line says so");
    }

    @Test
    void fargateServersCostASmallAlwaysOnHubPlusEachPersonsHours() {
        Profile team = Profile.named("team").withTask(UserServers.HUB_ALONE);
        Profile fargate = team.withHub(team.hub().withExpectedUsers(30))
                .withServers(UserServers.DEFAULT.withPlacement(ServerPlacement.FARGATE));

        CostEstimate estimate = estimator.estimate(fargate);

        assertThat(estimate.lines()).extracting(CostLine::item).startsWith(
                "Fargate task of the hub, always on: 0.5 vCPU, 1 GB",
                "Users' servers, each in its own Fargate task while it runs", "Public IPv4 address of the task");
        // 730 h × (0.5 × 0.04048 + 1 × 0.004445) = 18.02
        assertThat(estimate.lines().get(0).monthly()).isCloseTo(18.02, within(0.01));
        // 30 × 5 h × 730/168 = 651.8 task hours × (0.5 × 0.04048 + 1 × 0.004445 + 0.005) = 19.49
        CostLine users = estimate.lines().get(1);
        assertThat(users.monthly()).isCloseTo(651.79 * (0.5 * 0.04048 + 0.004445 + 0.005), within(0.01));
        assertThat(users.basis()).contains("30 people × 5 h a week", "652 task hours", "Small");
        assertThat(estimate.lines()).filteredOn(l -> l.item().startsWith("Route 53 private zone"))
                .singleElement().satisfies(l -> assertThat(l.monthly()).isEqualTo(0.50));
        assertThat(estimate.whilePaused()).as("no hub, no servers; the zone of the hub's name stays")
                .isCloseTo(estimator.estimate(team, Billed.all(team).withoutTask()).monthlyTotal() + 0.50,
                        within(0.001));

        double moreHours = estimator.estimate(fargate.withServers(fargate.servers().withHoursPerPersonPerWeek(10)))
                .monthlyTotal();
        assertThat(moreHours - estimate.monthlyTotal()).as("twice the hours, twice the servers' cost")
                .isCloseTo(users.monthly(), within(0.01));
    }

    @Test
    void serversInTheHubCostNothingOfTheirOwn() {
        Profile team = Profile.named("team");

        assertThat(estimator.estimate(team.withServers(UserServers.DEFAULT.withHoursPerPersonPerWeek(40))))
                .isEqualTo(estimator.estimate(team));
    }

    @Test
    void armTasksAreCheaperAndBiggerTasksDearer() {
        Profile base = Profile.named("team");
        double x86 = estimator.estimate(base).monthlyTotal();
        double arm = estimator.estimate(base.withTask(new TaskSize(1024, 2048, Architecture.ARM64))).monthlyTotal();
        double big = estimator.estimate(base.withTask(new TaskSize(2048, 8192, Architecture.X86_64))).monthlyTotal();

        assertThat(arm).isLessThan(x86);
        assertThat(big).isGreaterThan(x86);
    }

    @Test
    void theTeamOptionsAddTheirOwnLines() {
        Profile profile = Profile.named("team").withOptions(new Options(true, "hub.example.org", true));

        CostEstimate estimate = estimator.estimate(profile);

        assertThat(estimate.lines()).extracting(CostLine::item).contains(
                "Application Load Balancer (stable address)", "EFS file system (users' files)",
                "Public IPv4 addresses (the load balancer's two, one per zone, and the task's)");
        CostLine alb = estimate.lines().stream().filter(l -> l.item().startsWith("Application")).findFirst()
                .orElseThrow();
        assertThat(alb.monthly()).isCloseTo(730 * (0.0225 + 0.008), within(0.01));
        CostLine addresses = estimate.lines().stream().filter(l -> l.item().startsWith("Public IPv4")).findFirst()
                .orElseThrow();
        assertThat(addresses.monthly()).as("the task keeps its own address to pull its image")
                .isCloseTo(3 * 730 * 0.005, within(0.01));
        CostLine files = estimate.lines().stream().filter(l -> l.item().startsWith("EFS")).findFirst().orElseThrow();
        assertThat(files.basis()).as("where the amount comes from, not the amount again in other units")
                .startsWith("about 10 GB × $0.3 per GB-month;").doesNotContain("cents");
    }

    @Test
    void theHttpsAddressIsWithinCloudFrontsFreeTierForATeamAndSaysSo() {
        Profile team = Profile.named("team").withOptions(Options.NEW_HUB);

        CostLine edge = estimator.estimate(team).lines().stream().filter(l -> l.item().startsWith("CloudFront"))
                .findFirst().orElseThrow();

        assertThat(edge.monthly()).isZero();
        assertThat(edge.basis()).contains("10 people", "within the always-free tier", "1 TB out and 10 million"
                + " requests a month", prices.date().toString(), "$0.085 per GB", "$0.01 per 10,000 requests");
        assertThat(estimator.estimate(team).monthlyTotal()).as("no fixed cost, unlike a load balancer")
                .isEqualTo(estimator.estimate(Profile.named("team")).monthlyTotal());
    }

    @Test
    void aLargeClassPaysForTheRequestsBeyondTheFreeTier() {
        Profile profile = Profile.named("course").withOptions(Options.NEW_HUB);
        Profile large = profile.withHub(profile.hub().withExpectedUsers(1000));

        CostLine edge = estimator.estimate(large).lines().stream().filter(l -> l.item().startsWith("CloudFront"))
                .findFirst().orElseThrow();

        // 1,000 × 50,000 = 50 million requests: 40 million beyond the free 10, at $0.01 per 10,000; 500 GB is free.
        assertThat(edge.monthly()).isCloseTo(40.0, within(0.001));
        assertThat(edge.basis()).contains("1000 people", "50 million requests");
    }

    @Test
    void withADomainTheHubKeepsItsOwnNameAndCloudFrontCostsNothing() {
        Profile profile = Profile.named("team").withOptions(new Options(true, "hub.example.org", false, true));

        assertThat(estimator.estimate(profile).lines()).extracting(CostLine::item)
                .noneMatch(item -> item.startsWith("CloudFront"));
    }

    @Test
    void onlyThePartsThatExistAreBilled() {
        Profile profile = Profile.named("team").withOptions(new Options(true, "hub.example.org", true));

        CostEstimate halfWay = estimator.estimate(profile, new Billed(false, true, true, true, false, false, false, false));

        assertThat(halfWay.lines()).extracting(CostLine::item).containsExactly(
                "Public IPv4 addresses of the load balancer (one per zone)", "CloudWatch Logs", "ECR image storage",
                "Application Load Balancer (stable address)");
        assertThat(halfWay.monthlyTotal()).isLessThan(estimator.estimate(profile).monthlyTotal());
        assertThat(estimator.estimate(profile, Billed.all(profile))).isEqualTo(estimator.estimate(profile));
        assertThat(estimator.estimate(profile, Billed.NOTHING).lines()).isEmpty();
    }

    @Test
    void aRegionWithoutPricesSaysSoInsteadOfGuessing() {
        CostEstimate estimate = estimator.estimate(Profile.named("team").withAws(new AwsTarget("", "me-central-1")));

        assertThat(estimate.known()).isFalse();
        assertThat(estimate.summary()).contains("No price data for me-central-1");
    }

    @Test
    void thePriceListIsDatedAndCoversTheCommonRegions() {
        assertThat(prices.date()).isAfter(LocalDate.of(2024, 1, 1));
        assertThat(prices.regions()).containsKeys("us-east-1", "us-west-2", "eu-west-1", "eu-central-1",
                "ap-southeast-2");
        prices.regions().values().forEach(r -> {
            assertThat(r.armVcpuHour()).isLessThan(r.vcpuHour());
            assertThat(r.gbHour()).isPositive();
        });
    }
}
