package dev.hubwizard.aws;

import dev.hubwizard.engine.Cancellation;
import dev.hubwizard.engine.Journal;
import dev.hubwizard.engine.ProblemException;
import dev.hubwizard.engine.ResourceRecord;
import dev.hubwizard.engine.StepContext;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.Ipv6Range;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.hubwizard.aws.AwsCall.call;
import static dev.hubwizard.aws.AwsCall.run;

/** The hub's security group: inbound TCP 8000 from the profile's CIDR only; outbound as AWS defaults (all). */
public final class SecurityGroups {

    public static final int HUB_PORT = 8000;

    private final AwsClients aws;
    private final ProfileTags tags;

    public SecurityGroups(AwsClients aws, ProfileTags tags) {
        this.aws = aws;
        this.tags = tags;
    }

    /**
     * The group in {@code vpcId} (a group recorded for another VPC, before the profile's network changed,
     * is not it). Names are unique per VPC, so the name finds it when the journal does not.
     */
    public Optional<SecurityGroup> find(Journal journal, String name, String vpcId) throws ProblemException {
        if (vpcId.isBlank()) {
            return Optional.empty();
        }
        Filter inVpc = Filter.builder().name("vpc-id").values(vpcId).build();
        return Journaled.find(journal, ResourceKind.SECURITY_GROUP, name,
                id -> describe(List.of(inVpc, Filter.builder().name("group-id").values(id).build())),
                () -> describe(List.of(inVpc, Filter.builder().name("group-name").values(name).build())));
    }

    public SecurityGroup ensure(StepContext ctx, String name, String vpcId, String ingressCidr)
            throws ProblemException {
        SecurityGroup group = Journaled.ensure(ctx, ResourceKind.SECURITY_GROUP, "security group", name,
                () -> find(ctx.journal(), name, vpcId),
                id -> describe(List.of(Filter.builder().name("group-id").values(id).build())).isEmpty(),
                () -> {
                    String id = call("ec2:CreateSecurityGroup", () -> aws.ec2().createSecurityGroup(r -> r
                            .groupName(name).vpcId(vpcId)
                            .description("JupyterHub of Hub Wizard profile " + tags.profile() + ": port " + HUB_PORT)
                            .tagSpecifications(tags.ec2(ResourceType.SECURITY_GROUP, name))).groupId());
                    // What the create call just established; asking AWS again would be a call before the record.
                    return SecurityGroup.builder().groupId(id).groupName(name).vpcId(vpcId).build();
                },
                new Journaled.Identity<>() {
                    @Override
                    public String id(SecurityGroup g) {
                        return g.groupId();
                    }

                    @Override
                    public Map<String, String> attributes(SecurityGroup g) {
                        return Map.of("vpc", vpcId, "groupName", name);
                    }

                    @Override
                    public boolean owned(SecurityGroup g) {
                        return tags.ownedBy(ProfileTags.fromEc2(g.tags()));
                    }
                }).resource();
        List<String> open = hubPortSources(group);
        if (!open.contains(ingressCidr)) {
            run("ec2:AuthorizeSecurityGroupIngress", () -> aws.ec2().authorizeSecurityGroupIngress(r -> r
                    .groupId(group.groupId()).ipPermissions(permission(List.of(ingressCidr)))));
            ctx.log().info("Security group " + group.groupId() + ": port " + HUB_PORT + " open to " + ingressCidr);
        }
        List<String> stale = new ArrayList<>(open);
        stale.remove(ingressCidr);
        if (!stale.isEmpty()) {
            // The profile now allows another address range: close the port to the old ones.
            run("ec2:RevokeSecurityGroupIngress", () -> aws.ec2().revokeSecurityGroupIngress(r -> r
                    .groupId(group.groupId()).ipPermissions(permission(stale))));
            ctx.log().info("Security group " + group.groupId() + ": port " + HUB_PORT + " closed to " + stale);
        }
        return group;
    }

    /**
     * Deletes the recorded group (see {@link Deletion}), waiting while the network interfaces of stopped
     * tasks still use it.
     */
    public void delete(StepContext ctx, ResourceRecord record, DeletionWaits waits)
            throws ProblemException, Cancellation.CancelledException, InterruptedException {
        Deletion.delete(ctx, tags, record, "security group",
                () -> describe(List.of(Filter.builder().name("group-id").values(record.id()).build())),
                g -> ProfileTags.fromEc2(g.tags()),
                g -> Deletion.whileInUse(ctx, waits, "security group " + record.id(),
                        () -> run("ec2:DeleteSecurityGroup", () -> aws.ec2().deleteSecurityGroup(r -> r
                                .groupId(record.id())))));
    }

    /** The address ranges port 8000 is open to. */
    public static List<String> hubPortSources(SecurityGroup group) {
        List<String> sources = new ArrayList<>();
        for (IpPermission p : group.ipPermissions()) {
            if ("tcp".equals(p.ipProtocol()) && Integer.valueOf(HUB_PORT).equals(p.fromPort())
                    && Integer.valueOf(HUB_PORT).equals(p.toPort())) {
                p.ipRanges().forEach(r -> sources.add(r.cidrIp()));
                p.ipv6Ranges().forEach(r -> sources.add(r.cidrIpv6()));
            }
        }
        return sources;
    }

    private static IpPermission permission(List<String> cidrs) {
        String description = "JupyterHub";
        return IpPermission.builder().ipProtocol("tcp").fromPort(HUB_PORT).toPort(HUB_PORT)
                .ipRanges(cidrs.stream().filter(c -> !c.contains(":"))
                        .map(c -> IpRange.builder().cidrIp(c).description(description).build()).toList())
                .ipv6Ranges(cidrs.stream().filter(c -> c.contains(":"))
                        .map(c -> Ipv6Range.builder().cidrIpv6(c).description(description).build()).toList())
                .build();
    }

    private Optional<SecurityGroup> describe(List<Filter> filters) throws ProblemException {
        return call("ec2:DescribeSecurityGroups", () -> aws.ec2().describeSecurityGroupsPaginator(r -> r
                .filters(filters)).securityGroups().stream().findFirst());
    }
}
