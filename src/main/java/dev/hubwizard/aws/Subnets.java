package dev.hubwizard.aws;

import dev.hubwizard.engine.Cancellation;
import dev.hubwizard.engine.Journal;
import dev.hubwizard.engine.ProblemException;
import dev.hubwizard.engine.ResourceRecord;
import dev.hubwizard.engine.StepContext;
import software.amazon.awssdk.services.ec2.model.AvailabilityZone;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Subnet;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import static dev.hubwizard.aws.AwsCall.call;
import static dev.hubwizard.aws.AwsCall.run;

/** Subnets: the hub's two public ones (two zones, so ECS can place the task when one zone has trouble). */
public final class Subnets {

    public static final int COUNT = 2;

    private final AwsClients aws;
    private final ProfileTags tags;

    public Subnets(AwsClients aws, ProfileTags tags) {
        this.aws = aws;
        this.tags = tags;
    }

    /** The hub's subnet called {@code name} in {@code vpcId}. */
    public Optional<Subnet> find(Journal journal, String name, String vpcId) throws ProblemException {
        Filter inVpc = Filter.builder().name("vpc-id").values(vpcId).build();
        List<Filter> byTags = new ArrayList<>(tags.ec2Filters(name));
        byTags.add(inVpc);
        return Journaled.find(journal, ResourceKind.SUBNET, name,
                id -> describe(List.of(inVpc, Filter.builder().name("subnet-id").values(id).build())).stream()
                        .findFirst(),
                () -> describe(byTags).stream().findFirst());
    }

    public List<Subnet> byIds(List<String> subnetIds) throws ProblemException {
        return describe(List.of(Filter.builder().name("subnet-id").values(subnetIds).build()));
    }

    /** The default VPC's subnets, one per zone; all public. */
    public List<Subnet> defaults(String vpcId) throws ProblemException {
        return describe(List.of(Filter.builder().name("vpc-id").values(vpcId).build(),
                Filter.builder().name("default-for-az").values("true").build())).stream()
                .sorted(Comparator.comparing(Subnet::availabilityZoneId)).toList();
    }

    /**
     * The hub's public subnets in {@code vpcId}: 10.0.N.0/24, each in a zone of its own where Fargate runs tasks,
     * public IPs on launch. Zones are chosen by zone ID (the same physical zone in every account), in ID order, so
     * runs pick the same ones.
     */
    public List<Subnet> ensure(StepContext ctx, String vpcId, AwsTexts texts, FargateZones fargate)
            throws ProblemException {
        List<Optional<Subnet>> found = new ArrayList<>();
        Set<String> zonesUsed = new HashSet<>();
        for (int i = 0; i < COUNT; i++) {
            Optional<Subnet> subnet = find(ctx.journal(), texts.subnetName(i), vpcId);
            subnet.ifPresent(s -> zonesUsed.add(s.availabilityZoneId()));
            found.add(subnet);
        }
        String region = aws.region().id();
        List<AvailabilityZone> freeZones = found.stream().allMatch(Optional::isPresent) ? List.of()
                : zones().stream().filter(z -> fargate.serves(region, z.zoneId()) && !zonesUsed.contains(z.zoneId()))
                .toList();
        List<Subnet> result = new ArrayList<>();
        int nextZone = 0;
        for (int i = 0; i < COUNT; i++) {
            Optional<Subnet> existing = found.get(i);
            String zoneId;
            if (existing.isPresent()) {
                zoneId = existing.get().availabilityZoneId();
                if (!fargate.serves(region, zoneId)) {
                    ctx.log().warn("Subnet " + existing.get().subnetId() + " is in zone " + zoneId + ", where Fargate "
                            + "runs no tasks (it serves " + fargate.describe(region) + "): the hub's task runs in the "
                            + "other subnet. A teardown and a new deploy put both subnets in zones Fargate serves");
                }
            } else if (nextZone < freeZones.size()) {
                zoneId = freeZones.get(nextZone++).zoneId();
            } else {
                throw new ProblemException("Not enough availability zones for Fargate",
                        "the hub's network needs " + COUNT + " zones where Fargate runs tasks, and " + region
                                + " has fewer available to this account (Fargate serves " + fargate.describe(region)
                                + ")",
                        "Pick another region in the profile, then press Retry");
            }
            Subnet subnet = ensureOne(ctx, texts.subnetName(i), existing, zoneId, vpcId, "10.0." + i + ".0/24");
            if (!Boolean.TRUE.equals(subnet.mapPublicIpOnLaunch())) {
                run("ec2:ModifySubnetAttribute", () -> aws.ec2().modifySubnetAttribute(r -> r
                        .subnetId(subnet.subnetId()).mapPublicIpOnLaunch(b -> b.value(true))));
                ctx.log().info("Subnet " + subnet.subnetId() + " now gives public IPs on launch");
            }
            result.add(subnet);
        }
        return result;
    }

    private Subnet ensureOne(StepContext ctx, String name, Optional<Subnet> existing, String zoneId, String vpcId,
                             String cidr) throws ProblemException {
        return Journaled.ensure(ctx, ResourceKind.SUBNET, "subnet", name, () -> existing,
                id -> describe(List.of(Filter.builder().name("subnet-id").values(id).build())).isEmpty(),
                () -> call("ec2:CreateSubnet", () -> aws.ec2().createSubnet(r -> r.vpcId(vpcId).cidrBlock(cidr)
                        .availabilityZoneId(zoneId).tagSpecifications(tags.ec2(ResourceType.SUBNET, name))).subnet()),
                new Journaled.Identity<>() {
                    @Override
                    public String id(Subnet s) {
                        return s.subnetId();
                    }

                    @Override
                    public Map<String, String> attributes(Subnet s) {
                        return Map.of("vpc", s.vpcId(), "availabilityZone", s.availabilityZone(),
                                "availabilityZoneId", Objects.toString(s.availabilityZoneId(), ""), "cidr",
                                s.cidrBlock());
                    }

                    @Override
                    public boolean owned(Subnet s) {
                        return tags.ownedBy(ProfileTags.fromEc2(s.tags()));
                    }
                }).resource();
    }

    /**
     * Deletes the recorded subnet (see {@link Deletion}), waiting while the network interfaces of stopped
     * tasks are still in it.
     */
    public void delete(StepContext ctx, ResourceRecord record, DeletionWaits waits)
            throws ProblemException, Cancellation.CancelledException, InterruptedException {
        Deletion.delete(ctx, tags, record, "subnet",
                () -> describe(List.of(Filter.builder().name("subnet-id").values(record.id()).build())).stream()
                        .findFirst(),
                s -> ProfileTags.fromEc2(s.tags()),
                s -> Deletion.whileInUse(ctx, waits, "subnet " + record.id(),
                        () -> run("ec2:DeleteSubnet", () -> aws.ec2().deleteSubnet(r -> r.subnetId(record.id()))),
                        () -> new NetworkInterfaces(aws).holding("subnet-id", record.id())));
    }

    /** The region's zones that take new subnets, in zone ID order, so runs pick the same ones. */
    private List<AvailabilityZone> zones() throws ProblemException {
        return call("ec2:DescribeAvailabilityZones", () -> aws.ec2().describeAvailabilityZones(r -> r.filters(
                        Filter.builder().name("state").values("available").build(),
                        Filter.builder().name("zone-type").values("availability-zone").build()))
                .availabilityZones().stream().sorted(Comparator.comparing(AvailabilityZone::zoneId)).toList());
    }

    private List<Subnet> describe(List<Filter> filters) throws ProblemException {
        return call("ec2:DescribeSubnets", () -> aws.ec2().describeSubnetsPaginator(r -> r.filters(filters))
                .subnets().stream().toList());
    }
}
