package dev.hubwizard.aws;

import dev.hubwizard.engine.Cancellation;
import dev.hubwizard.engine.Journal;
import dev.hubwizard.engine.Problem;
import dev.hubwizard.engine.ProblemException;
import dev.hubwizard.engine.ResourceRecord;
import dev.hubwizard.engine.StepContext;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.Ipv6Range;
import software.amazon.awssdk.services.ec2.model.PrefixListId;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.UserIdGroupPair;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static dev.hubwizard.aws.AwsCall.call;
import static dev.hubwizard.aws.AwsCall.run;

/**
 * The hub's security groups: each lets in TCP on its own ports from exactly the sources wanted (an
 * address range or another group) and nothing else on those ports; outbound as AWS defaults (all). The
 * hub's own group opens port 8000; with a stable address the load balancer's opens 80 and 443, and with
 * kept files the file system's opens NFS (2049).
 */
public final class SecurityGroups {

    public static final int HUB_PORT = 8000;
    public static final int HTTP_PORT = 80;
    public static final int HTTPS_PORT = 443;
    public static final int NFS_PORT = 2049;
    /** Where users' servers in their own tasks listen ({@code jupyterhub-singleuser}). */
    public static final int USER_PORT = 8888;
    /** The hub's API, which users' servers in their own tasks call. */
    public static final int HUB_API_PORT = 8081;

    /**
     * One inbound rule: TCP {@code port} from {@code source}, an address range ({@code 203.0.113.0/24}), another
     * security group ({@code sg-…}) or a managed prefix list ({@code pl-…}, such as CloudFront's addresses).
     */
    public record Ingress(int port, String source) {

        boolean fromGroup() {
            return source.startsWith("sg-");
        }

        boolean fromPrefixList() {
            return source.startsWith("pl-");
        }

        @Override
        public String toString() {
            return port + " from " + source;
        }
    }

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
    public Optional<SecurityGroup> find(Journal journal, String kind, String name, String vpcId)
            throws ProblemException {
        if (vpcId.isBlank()) {
            return Optional.empty();
        }
        Filter inVpc = Filter.builder().name("vpc-id").values(vpcId).build();
        return Journaled.find(journal, kind, name,
                id -> describe(List.of(inVpc, Filter.builder().name("group-id").values(id).build())),
                () -> describe(List.of(inVpc, Filter.builder().name("group-name").values(name).build())));
    }

    /** The hub's own group, by its journal kind. */
    public Optional<SecurityGroup> find(Journal journal, String name, String vpcId) throws ProblemException {
        return find(journal, ResourceKind.SECURITY_GROUP, name, vpcId);
    }

    /**
     * Finds or creates the group, then opens and closes its {@code ports} until exactly {@code wanted} gets
     * in on them; rules on other ports (someone's SSH) are left alone.
     *
     * @param purpose what the group lets in, for its description and its rules'
     */
    public SecurityGroup ensure(StepContext ctx, String kind, String name, String vpcId, AwsTexts.Purpose purpose,
                                Set<Integer> ports, List<Ingress> wanted) throws ProblemException {
        SecurityGroup group = Journaled.ensure(ctx, kind, "security group", name,
                () -> find(ctx.journal(), kind, name, vpcId),
                id -> describe(List.of(Filter.builder().name("group-id").values(id).build())).isEmpty(),
                () -> {
                    String id = call("ec2:CreateSecurityGroup", () -> aws.ec2().createSecurityGroup(r -> r
                            .groupName(name).vpcId(vpcId)
                            .description(new AwsTexts(tags.profile()).securityGroupDescription(purpose))
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
        List<Ingress> open = ingress(group, ports);
        List<Ingress> missing = wanted.stream().filter(i -> !open.contains(i)).toList();
        if (!missing.isEmpty()) {
            try {
                run("ec2:AuthorizeSecurityGroupIngress", () -> aws.ec2().authorizeSecurityGroupIngress(r -> r
                        .groupId(group.groupId()).ipPermissions(permissions(missing, purpose))));
            } catch (ProblemException e) {
                if (AwsProblems.hasCode(e, "RulesPerSecurityGroupLimitExceeded")
                        && missing.stream().anyMatch(Ingress::fromPrefixList)) {
                    throw new ProblemException(new Problem("The security group " + name + " has room for too few rules",
                            "a rule naming CloudFront's address list counts as one rule per address range in it (55), "
                                    + "and with the group's other rules that passes the account's quota of inbound "
                                    + "rules per security group (" + e.problem().why() + ")",
                            "Ask for a higher quota of \"Inbound or outbound rules per security group\" in the "
                                    + "Service Quotas console (VPC), or remove rules you added to " + name
                                    + " yourself, then press Retry"), e);
                }
                throw e;
            }
            ctx.log().info("Security group " + group.groupId() + " (" + name + "): opened " + missing);
        }
        List<Ingress> stale = open.stream().filter(i -> !wanted.contains(i)).toList();
        if (!stale.isEmpty()) {
            // The profile now wants other sources (another address range, the load balancer): close the old.
            run("ec2:RevokeSecurityGroupIngress", () -> aws.ec2().revokeSecurityGroupIngress(r -> r
                    .groupId(group.groupId()).ipPermissions(permissions(stale, purpose))));
            ctx.log().info("Security group " + group.groupId() + " (" + name + "): closed " + stale);
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
                                .groupId(record.id()))),
                        () -> new NetworkInterfaces(aws).holding("group-id", record.id())));
    }

    /**
     * Deletes a recorded group that rules of the profile's other groups name (the users' group, which the hub's and
     * the file system's let in): AWS refuses to delete a group another group's rule names, and the hub's group is
     * itself named by this one's rules, so neither order of two deletions works. The rules naming it go first.
     *
     * @param naming the journal kinds of the groups whose rules may name it, with what each group lets in (its
     *               rules' descriptions)
     */
    public void deleteNamed(StepContext ctx, ResourceRecord record, Map<String, AwsTexts.Purpose> naming,
                            DeletionWaits waits)
            throws ProblemException, Cancellation.CancelledException, InterruptedException {
        for (Map.Entry<String, AwsTexts.Purpose> kind : naming.entrySet()) {
            for (ResourceRecord other : ctx.journal().ofKind(kind.getKey())) {
                Optional<SecurityGroup> group = describe(List.of(Filter.builder().name("group-id").values(other.id())
                        .build())).filter(g -> tags.ownedBy(ProfileTags.fromEc2(g.tags())));
                List<Ingress> rules = group.map(g -> g.ipPermissions().stream()
                        .filter(p -> "tcp".equals(p.ipProtocol()) && p.fromPort() != null
                                && p.fromPort().equals(p.toPort()))
                        .flatMap(p -> p.userIdGroupPairs().stream().filter(pair -> record.id().equals(pair.groupId()))
                                .map(pair -> new Ingress(p.fromPort(), record.id())))
                        .distinct().toList()).orElse(List.of());
                if (!rules.isEmpty()) {
                    run("ec2:RevokeSecurityGroupIngress", () -> aws.ec2().revokeSecurityGroupIngress(r -> r
                            .groupId(other.id()).ipPermissions(permissions(rules, kind.getValue()))));
                    ctx.log().info("Security group " + other.id() + " (" + other.name() + "): closed " + rules);
                }
            }
        }
        delete(ctx, record, waits);
    }

    /** The address ranges (or groups, or prefix lists) port 8000 is open to. */
    public static List<String> hubPortSources(SecurityGroup group) {
        return ingress(group, Set.of(HUB_PORT)).stream().map(Ingress::source).toList();
    }

    /** What gets in on {@code ports}: single-port TCP rules, from address ranges and from groups. */
    public static List<Ingress> ingress(SecurityGroup group, Set<Integer> ports) {
        Set<Ingress> rules = new LinkedHashSet<>();
        for (IpPermission p : group.ipPermissions()) {
            if ("tcp".equals(p.ipProtocol()) && p.fromPort() != null && p.fromPort().equals(p.toPort())
                    && ports.contains(p.fromPort())) {
                int port = p.fromPort();
                p.ipRanges().forEach(r -> rules.add(new Ingress(port, r.cidrIp())));
                p.ipv6Ranges().forEach(r -> rules.add(new Ingress(port, r.cidrIpv6())));
                p.userIdGroupPairs().forEach(g -> rules.add(new Ingress(port, g.groupId())));
                p.prefixListIds().forEach(l -> rules.add(new Ingress(port, l.prefixListId())));
            }
        }
        return new ArrayList<>(rules);
    }

    private static List<IpPermission> permissions(List<Ingress> rules, AwsTexts.Purpose purpose) {
        return rules.stream().map(rule -> {
            // The hub's group has two kinds of rule: the hub's port for people, its API for users' servers.
            String description = AwsTexts.ruleDescription(rule.port() == HUB_API_PORT && purpose == AwsTexts.Purpose.HUB
                    ? AwsTexts.Purpose.HUB_API : purpose);
            IpPermission.Builder p = IpPermission.builder().ipProtocol("tcp").fromPort(rule.port()).toPort(rule.port());
            if (rule.fromGroup()) {
                p.userIdGroupPairs(UserIdGroupPair.builder().groupId(rule.source()).description(description).build());
            } else if (rule.fromPrefixList()) {
                p.prefixListIds(PrefixListId.builder().prefixListId(rule.source()).description(description).build());
            } else if (rule.source().contains(":")) {
                p.ipv6Ranges(Ipv6Range.builder().cidrIpv6(rule.source()).description(description).build());
            } else {
                p.ipRanges(IpRange.builder().cidrIp(rule.source()).description(description).build());
            }
            return p.build();
        }).toList();
    }

    private Optional<SecurityGroup> describe(List<Filter> filters) throws ProblemException {
        return call("ec2:DescribeSecurityGroups", () -> aws.ec2().describeSecurityGroupsPaginator(r -> r
                .filters(filters)).securityGroups().stream().findFirst());
    }
}
