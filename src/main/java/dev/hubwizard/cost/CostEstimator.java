package dev.hubwizard.cost;

import dev.hubwizard.profile.Architecture;
import dev.hubwizard.profile.Profile;
import dev.hubwizard.profile.ServerSize;
import dev.hubwizard.profile.TaskSize;
import dev.hubwizard.profile.UserServers;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Works out what a profile's hub costs a month from a {@link PriceList}. */
public final class CostEstimator {

    private static final double HOURS_PER_WEEK = 7 * 24;

    private final PriceList prices;

    public CostEstimator(PriceList prices) {
        this.prices = prices;
    }

    /** What the hub costs a month once deployed. */
    public CostEstimate estimate(Profile profile) {
        return estimate(profile, Billed.all(profile));
    }

    /** What these of the hub's parts cost a month, for a hub that has only some of them. */
    public CostEstimate estimate(Profile profile, Billed billed) {
        String region = profile.aws().region();
        RegionPrices p = prices.region(region).orElse(null);
        if (p == null) {
            return new CostEstimate(region, List.of(), prices.date(), prices.source(), 0);
        }
        double hours = prices.hoursPerMonth();
        List<CostLine> lines = new ArrayList<>();
        TaskSize task = profile.task();
        boolean arm = task.architecture() == Architecture.ARM64;
        double vcpuPrice = arm ? p.armVcpuHour() : p.vcpuHour();
        double gbPrice = arm ? p.armGbHour() : p.gbHour();
        UserServers servers = profile.servers();
        boolean ownTasks = servers.onFargate() && !servers.sizes().isEmpty();
        if (billed.task()) {
            lines.add(new CostLine((ownTasks ? "Fargate task of the hub, always on: " : "Fargate task: ")
                    + number(task.vcpu()) + " vCPU, " + number(task.memoryGb()) + " GB" + (arm ? " (ARM64)" : ""),
                    hours * (task.vcpu() * vcpuPrice + task.memoryGb() * gbPrice),
                    String.format(Locale.ROOT, "%.0f h × (%s vCPU × $%s + %s GB × $%s)", hours, number(task.vcpu()),
                            vcpuPrice, number(task.memoryGb()), gbPrice)));
        }
        if (billed.task() && ownTasks) {
            lines.add(usersServers(profile, vcpuPrice, gbPrice));
        }
        // Behind a load balancer the task keeps its own public address: in a public subnet without a NAT
        // gateway (which would cost far more) that is how it reaches ECR to pull its image.
        int publicAddresses = (billed.task() ? 1 : 0) + (billed.loadBalancer() ? 2 : 0);
        if (publicAddresses > 0) {
            lines.add(new CostLine(addresses(billed),
                    hours * publicAddresses * prices.publicIpv4PerHour(),
                    String.format(Locale.ROOT, "%d × %.0f h × $%s", publicAddresses, hours,
                            prices.publicIpv4PerHour())));
        }
        if (billed.logs()) {
            lines.add(new CostLine("CloudWatch Logs",
                    prices.logGbPerMonth() * (p.logIngestGb() + p.logStorageGbMonth()),
                    String.format(Locale.ROOT, "about %s GB a month written and kept",
                            number(prices.logGbPerMonth()))));
        }
        if (billed.images()) {
            lines.add(new CostLine("ECR image storage", prices.imageGb() * p.ecrGbMonth(),
                    String.format(Locale.ROOT, "about %s GB", number(prices.imageGb()))));
        }
        if (billed.loadBalancer()) {
            lines.add(new CostLine("Application Load Balancer (stable address)",
                    hours * (p.albHour() + prices.loadBalancerCapacityUnits() * p.lcuHour()),
                    String.format(Locale.ROOT, "%.0f h × ($%s + %s LCU × $%s)", hours, p.albHour(),
                            number(prices.loadBalancerCapacityUnits()), p.lcuHour())));
        }
        if (billed.fileSystem()) {
            double efs = prices.homesGb() * p.efsGbMonth();
            lines.add(new CostLine("EFS file system (users' files)", efs,
                    // The amount is in its own column: the note says only where it comes from.
                    String.format(Locale.ROOT, "about %s GB × $%s per GB-month; grows with what users keep."
                            + " Also keeps the hub's state (its database and passwords)",
                            number(prices.homesGb()), p.efsGbMonth())));
        }
        if (billed.distribution()) {
            lines.add(edge(profile));
        }
        if (billed.secret()) {
            lines.add(new CostLine("Secrets Manager secret (Cognito client secret)", prices.secretPerMonth(),
                    "1 secret; Cognito itself is free for a team-sized hub"));
        }
        if (billed.privateZone()) {
            lines.add(new CostLine("Route 53 private zone (the hub's name for users' servers)",
                    prices.hostedZonePerMonth(), "1 hosted zone; a redeployed hub's servers find it by name"));
        }
        double whilePaused = billed.task() ? estimate(profile, billed.withoutTask()).monthlyTotal()
                : lines.stream().mapToDouble(CostLine::monthly).sum();
        return new CostEstimate(region, lines, prices.date(), prices.source(), whilePaused);
    }

    /**
     * Each person's server in its own task, billed only while it runs: the people × their hours a week, in the
     * default (first) size, with the public IPv4 address each task has in the hub's public subnets.
     */
    private CostLine usersServers(Profile profile, double vcpuPrice, double gbPrice) {
        UserServers servers = profile.servers();
        ServerSize size = servers.sizes().get(0);
        int people = people(profile);
        double taskHours = people * servers.hoursPerPersonPerWeek() * prices.hoursPerMonth() / HOURS_PER_WEEK;
        double hourly = size.vcpu() * vcpuPrice + size.memoryGb() * gbPrice + prices.publicIpv4PerHour();
        return new CostLine("Users' servers, each in its own Fargate task while it runs", taskHours * hourly,
                String.format(Locale.ROOT, "%d people × %d h a week: about %.0f task hours a month × (%s vCPU × $%s"
                                + " + %s GB × $%s + a public IPv4 address × $%s), at the default size, %s",
                        people, servers.hoursPerPersonPerWeek(), taskHours, number(size.vcpu()), vcpuPrice,
                        number(size.memoryGb()), gbPrice, prices.publicIpv4PerHour(), size.name()));
    }

    /** How many people the estimate is for: as said in the settings, else what CloudFront's estimate assumes. */
    private int people(Profile profile) {
        int said = profile.hub().expectedUsers();
        return said > 0 ? said : prices.cloudFront().assumedPeople();
    }

    /**
     * The HTTPS address: what people send through CloudFront beyond its always-free tier. Origin fetches from AWS
     * are free; the function that follows the task stays within Lambda's free tier (it runs once per task).
     */
    private CostLine edge(Profile profile) {
        EdgePrices edge = prices.cloudFront();
        int people = people(profile);
        double gb = people * edge.gbPerPerson();
        double requests = people * edge.requestsPerPerson();
        double monthly = Math.max(0, gb - edge.freeDataOutGb()) * edge.dataOutGb()
                + Math.max(0, requests - edge.freeRequests()) / 10_000 * edge.requestsPer10k();
        String usage = String.format(Locale.ROOT, "%d people: about %s GB and %s requests", people, number(gb),
                millions(requests));
        String beyond = String.format(Locale.ROOT, "beyond it $%s per GB and $%s per 10,000 requests", edge.dataOutGb(),
                edge.requestsPer10k());
        return new CostLine("CloudFront (the HTTPS address)", monthly, usage + (monthly == 0
                ? "; within the always-free tier (" + edge.freeTier() + "); " + beyond
                : " a month; " + edge.freeTier() + " free, " + beyond));
    }

    private static String millions(double count) {
        return count >= 1_000_000 ? number(Math.round(count / 100_000) / 10.0) + " million"
                : String.format(Locale.ROOT, "%,.0f", count);
    }

    private static String addresses(Billed billed) {
        if (!billed.loadBalancer()) {
            return "Public IPv4 address of the task";
        }
        return billed.task() ? "Public IPv4 addresses (the load balancer's two, one per zone, and the task's)"
                : "Public IPv4 addresses of the load balancer (one per zone)";
    }

    /** The monthly cost of keeping an EFS file system after teardown, at the given size. */
    public double keptFileSystemMonthly(String region, double gigabytes) {
        return prices.region(region).map(p -> gigabytes * p.efsGbMonth()).orElse(0.0);
    }

    /** What the estimates assume users keep in their homes, in GB, when the real size is not known. */
    public double assumedHomesGb() {
        return prices.homesGb();
    }

    private static String number(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
