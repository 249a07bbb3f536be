package dev.hubwizard.aws;

import dev.hubwizard.engine.Intent;
import dev.hubwizard.engine.Journal;
import dev.hubwizard.engine.ProblemException;
import dev.hubwizard.engine.StepContext;
import dev.hubwizard.aws.AwsTexts.Purpose;
import dev.hubwizard.aws.SecurityGroups.Ingress;
import dev.hubwizard.profile.NetworkSettings;
import dev.hubwizard.profile.Options;
import dev.hubwizard.profile.Profile;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.Vpc;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.Set;

/**
 * The hub's network in the profile's mode: a VPC of its own (two public subnets in two zones, an
 * internet gateway, a route table sending 0.0.0.0/0 to it), the account's default VPC, or a VPC and
 * subnets the user picked — each with the hub's security group. With a stable address the load
 * balancer's group takes the profile's address range on ports 80 and 443 and the hub's group lets in
 * only the load balancer; with kept files the file system's group lets in NFS from the hub's group. With users'
 * servers in their own Fargate tasks, their group lets in Jupyter's port (8888) from the hub's group only, the hub's
 * lets in its API (8081) from theirs only, and the file system's lets them in for their home folders. Subnets are
 * in zones where Fargate runs tasks ({@link FargateZones}); a default VPC's others are left out, and chosen subnets
 * in such a zone are refused with their names.
 */
public final class Network {

    private static final Set<Integer> LOAD_BALANCER_PORTS = Set.of(SecurityGroups.HTTP_PORT, SecurityGroups.HTTPS_PORT);

    private final NetworkSettings settings;
    private final Options options;
    private final boolean usersOnFargate;
    private final AwsTexts texts;
    private final FargateZones fargate;
    private final AwsClients aws;
    private final Vpcs vpcs;
    private final Subnets subnets;
    private final InternetGateways gateways;
    private final RouteTables routeTables;
    private final SecurityGroups securityGroups;
    private final PrefixLists prefixLists;

    public Network(AwsClients aws, Profile profile) {
        this(aws, profile, FargateZones.bundled());
    }

    /** @param fargate where Fargate runs tasks */
    public Network(AwsClients aws, Profile profile, FargateZones fargate) {
        ProfileTags tags = new ProfileTags(profile.name());
        this.settings = profile.network();
        this.options = profile.options();
        this.usersOnFargate = profile.servers().onFargate();
        this.texts = new AwsTexts(profile.name());
        this.fargate = fargate;
        this.aws = aws;
        this.vpcs = new Vpcs(aws, tags);
        this.subnets = new Subnets(aws, tags);
        this.gateways = new InternetGateways(aws, tags);
        this.routeTables = new RouteTables(aws, tags);
        this.securityGroups = new SecurityGroups(aws, tags);
        this.prefixLists = new PrefixLists(aws);
    }

    public HubNetwork ensure(StepContext ctx) throws ProblemException {
        String vpcId;
        List<String> subnetIds;
        switch (settings.mode()) {
            case NEW_VPC -> {
                vpcId = vpcs.ensure(ctx, texts.vpcName()).vpcId();
                subnetIds = subnets.ensure(ctx, vpcId, texts, fargate).stream().map(Subnet::subnetId).toList();
                String gatewayId = gateways.ensure(ctx, texts.internetGatewayName(), vpcId).internetGatewayId();
                routeTables.ensure(ctx, texts.routeTableName(), vpcId, gatewayId, subnetIds);
            }
            case DEFAULT_VPC -> {
                vpcId = defaultVpc().vpcId();
                subnetIds = defaultSubnets(ctx, vpcId);
                ctx.log().info("Using the default VPC " + vpcId + " and its subnets " + subnetIds);
            }
            case EXISTING_VPC -> {
                vpcId = settings.vpcId();
                subnetIds = checkedExistingSubnets(ctx);
                ctx.log().info("Using VPC " + vpcId + " and subnets " + subnetIds);
            }
            default -> throw new IllegalStateException("Unknown network mode " + settings.mode());
        }
        String cloudFront = "";
        if (options.awsAddress()) {
            if (!options.stableAddress()) {
                checkDnsHostnames(vpcId);
            }
            PrefixLists.PrefixList list = prefixLists.cloudFrontOriginFacing();
            cloudFront = list.id();
            ctx.log().info("Only CloudFront reaches the " + (options.stableAddress() ? "load balancer" : "hub's task")
                    + ": its port is open to AWS's list of CloudFront's addresses, " + list.name() + " (" + list.id()
                    + (list.weight() > 0 ? ", counted as " + list.weight() + " rules of the security group's quota"
                    : "") + ")");
        }
        String loadBalancerGroupId = "";
        if (options.stableAddress()) {
            loadBalancerGroupId = securityGroups.ensure(ctx, ResourceKind.LOAD_BALANCER_SECURITY_GROUP,
                    texts.loadBalancerSecurityGroupName(), vpcId, Purpose.LOAD_BALANCER, LOAD_BALANCER_PORTS,
                    loadBalancerIngress(cloudFront)).groupId();
        }
        // The hub's and the users' groups name each other: the users' is made first with no rule (its rules are
        // left as they are here), so that the hub's can admit it; then it admits the hub's.
        String usersGroupId = "";
        if (usersOnFargate) {
            usersGroupId = securityGroups.ensure(ctx, ResourceKind.USERS_SECURITY_GROUP,
                    texts.usersSecurityGroupName(), vpcId, Purpose.USERS, Set.of(), List.of()).groupId();
        }
        String groupId = securityGroups.ensure(ctx, ResourceKind.SECURITY_GROUP, texts.securityGroupName(), vpcId,
                Purpose.HUB, hubPorts(), hubIngress(loadBalancerGroupId, cloudFront, usersGroupId)).groupId();
        if (usersOnFargate) {
            securityGroups.ensure(ctx, ResourceKind.USERS_SECURITY_GROUP, texts.usersSecurityGroupName(), vpcId,
                    Purpose.USERS, Set.of(SecurityGroups.USER_PORT), usersIngress(groupId));
        }
        String fileSystemGroupId = "";
        if (options.keepUserFiles()) {
            fileSystemGroupId = securityGroups.ensure(ctx, ResourceKind.FILE_SYSTEM_SECURITY_GROUP,
                    texts.fileSystemSecurityGroupName(), vpcId, Purpose.FILE_SYSTEM, Set.of(SecurityGroups.NFS_PORT),
                    nfsIngress(groupId, usersGroupId)).groupId();
        }
        return new HubNetwork(vpcId, subnetIds, groupId, loadBalancerGroupId, fileSystemGroupId, usersGroupId);
    }

    /**
     * The hub's group's ports: the hub's own and, with users' servers in their own tasks, its API (a rule for
     * it left from such a deploy is closed when the profile goes back to servers in the hub).
     */
    private static Set<Integer> hubPorts() {
        return Set.of(SecurityGroups.HUB_PORT, SecurityGroups.HUB_API_PORT);
    }

    /** Users' servers reach Jupyter's port from the hub's task only. */
    private static List<Ingress> usersIngress(String hubGroupId) {
        return List.of(new Ingress(SecurityGroups.USER_PORT, hubGroupId));
    }

    /** NFS from the hub's task and, with users' servers in their own tasks (their home folders), from theirs. */
    private static List<Ingress> nfsIngress(String hubGroupId, String usersGroupId) {
        return usersGroupId.isEmpty() ? List.of(new Ingress(SecurityGroups.NFS_PORT, hubGroupId))
                : List.of(new Ingress(SecurityGroups.NFS_PORT, hubGroupId),
                new Ingress(SecurityGroups.NFS_PORT, usersGroupId));
    }

    /**
     * Port 80 from the profile's range; 443 too when there is a domain (HTTP then only redirects to it). Behind
     * CloudFront, port 80 from CloudFront's address list alone.
     *
     * @param cloudFront the id of CloudFront's prefix list when CloudFront is in front, else empty
     */
    private List<Ingress> loadBalancerIngress(String cloudFront) {
        List<Ingress> rules = new ArrayList<>();
        rules.add(new Ingress(SecurityGroups.HTTP_PORT, cloudFront.isEmpty() ? settings.ingressCidr() : cloudFront));
        if (options.ownDomain()) {
            rules.add(new Ingress(SecurityGroups.HTTPS_PORT, settings.ingressCidr()));
        }
        return rules;
    }

    /**
     * Behind a load balancer the task takes traffic from it alone; behind CloudFront alone, from CloudFront's
     * addresses alone (so nobody bypasses HTTPS); otherwise from the profile's range.
     */
    private List<Ingress> hubIngress(String loadBalancerGroupId, String cloudFront, String usersGroupId) {
        Ingress people = new Ingress(SecurityGroups.HUB_PORT, !loadBalancerGroupId.isEmpty() ? loadBalancerGroupId
                : !cloudFront.isEmpty() ? cloudFront : settings.ingressCidr());
        return usersGroupId.isEmpty() ? List.of(people)
                : List.of(people, new Ingress(SecurityGroups.HUB_API_PORT, usersGroupId));
    }

    /** CloudFront reaches a task by its public DNS name, which a VPC gives only with DNS host names on. */
    private void checkDnsHostnames(String vpcId) throws ProblemException {
        if (!vpcs.dnsHostnames(vpcId)) {
            throw new ProblemException("VPC " + vpcId + " gives its tasks no public DNS names",
                    "CloudFront reaches the hub's task by its public DNS name, and this VPC's \"DNS hostnames\" "
                            + "setting is off",
                    "Turn on DNS hostnames for the VPC in the VPC console (Actions, Edit VPC settings), or choose "
                            + "'A VPC of its own' in the network settings, then press Retry");
        }
    }

    /** What {@link #ensure} would do, from read-only calls. */
    public List<Intent> preview(Journal journal) throws ProblemException {
        List<Intent> intents = new ArrayList<>();
        String vpcId = "";
        switch (settings.mode()) {
            case NEW_VPC -> {
                Optional<Vpc> vpc = vpcs.find(journal, texts.vpcName());
                vpcId = vpc.map(Vpc::vpcId).orElse("");
                intents.add(intent(vpc.isPresent(), "VPC", texts.vpcName(), vpc.map(Vpc::vpcId).orElse(Vpcs.CIDR)));
                for (int i = 0; i < Subnets.COUNT; i++) {
                    String name = texts.subnetName(i);
                    Optional<Subnet> subnet = vpc.isEmpty() ? Optional.empty() : subnets.find(journal, name, vpcId);
                    intents.add(intent(subnet.isPresent(), "subnet", name,
                            subnet.map(s -> s.subnetId() + " in " + s.availabilityZone())
                                    .orElse("public, in zone " + (i + 1) + " of " + Subnets.COUNT
                                            + " where Fargate runs tasks")));
                }
                intents.add(intent(gateways.find(journal, texts.internetGatewayName()).isPresent(), "internet gateway",
                        texts.internetGatewayName(), "the hub's way to and from the internet"));
                intents.add(intent(vpc.isPresent()
                                && routeTables.find(journal, texts.routeTableName(), vpcId).isPresent(),
                        "route table", texts.routeTableName(), RouteTables.ANYWHERE + " to the internet gateway"));
            }
            case DEFAULT_VPC -> {
                vpcId = defaultVpc().vpcId();
                intents.add(Intent.reuse("VPC", vpcId, "the account's default VPC and its public subnets"));
            }
            case EXISTING_VPC -> {
                vpcId = settings.vpcId();
                intents.add(Intent.reuse("VPC", vpcId, "subnets " + String.join(", ", settings.subnetIds())));
            }
            default -> throw new IllegalStateException("Unknown network mode " + settings.mode());
        }
        String who = settings.isOpenToAnywhere() ? "anyone" : settings.ingressCidr();
        String cloudFront = options.awsAddress() ? prefixLists.cloudFrontOriginFacing().id() : "";
        String loadBalancerGroupId = "";
        if (options.stableAddress()) {
            Optional<SecurityGroup> group = securityGroups.find(journal, ResourceKind.LOAD_BALANCER_SECURITY_GROUP,
                    texts.loadBalancerSecurityGroupName(), vpcId);
            loadBalancerGroupId = group.map(SecurityGroup::groupId).orElse("");
            intents.add(groupIntent(texts.loadBalancerSecurityGroupName(), group, LOAD_BALANCER_PORTS,
                    loadBalancerIngress(cloudFront), "the load balancer's: port 80" + (options.ownDomain() ? " and 443"
                            : "") + " open to " + (cloudFront.isEmpty() ? who : "CloudFront only")));
        }
        Optional<SecurityGroup> group = securityGroups.find(journal, texts.securityGroupName(), vpcId);
        String hubSource = options.stableAddress() ? "the load balancer only" : !cloudFront.isEmpty()
                ? "CloudFront only (AWS's list of its addresses), so nobody bypasses HTTPS" : who;
        Optional<SecurityGroup> users = usersOnFargate ? securityGroups.find(journal,
                ResourceKind.USERS_SECURITY_GROUP, texts.usersSecurityGroupName(), vpcId) : Optional.empty();
        String usersGroupId = users.map(SecurityGroup::groupId).orElse("");
        boolean usersKnown = !usersOnFargate || users.isPresent();
        intents.add(groupIntent(texts.securityGroupName(), group, hubPorts(),
                options.stableAddress() && loadBalancerGroupId.isEmpty() || !usersKnown ? null
                        : hubIngress(loadBalancerGroupId, cloudFront, usersGroupId),
                "the hub's: port " + SecurityGroups.HUB_PORT + " open to " + hubSource + (usersOnFargate
                        ? ", its API (port " + SecurityGroups.HUB_API_PORT + ") to users' servers only" : "")));
        if (usersOnFargate) {
            intents.add(groupIntent(texts.usersSecurityGroupName(), users, Set.of(SecurityGroups.USER_PORT),
                    group.map(g -> usersIngress(g.groupId())).orElse(null),
                    "users' servers: port " + SecurityGroups.USER_PORT + " open to the hub's task only"));
        }
        if (options.keepUserFiles()) {
            Optional<SecurityGroup> nfs = securityGroups.find(journal, ResourceKind.FILE_SYSTEM_SECURITY_GROUP,
                    texts.fileSystemSecurityGroupName(), vpcId);
            intents.add(groupIntent(texts.fileSystemSecurityGroupName(), nfs, Set.of(SecurityGroups.NFS_PORT),
                    group.filter(g -> usersKnown).map(g -> nfsIngress(g.groupId(), usersGroupId)).orElse(null),
                    "the file system's: NFS (port " + SecurityGroups.NFS_PORT + ") open to the hub's task"
                            + (usersOnFargate ? " and users' servers" : "") + " only"));
        }
        return intents;
    }

    /**
     * @param wanted the rules the group must end with, or null when they name a group that does not exist
     *               yet (then an existing group changes for sure)
     */
    private static Intent groupIntent(String name, Optional<SecurityGroup> group, Set<Integer> ports,
                                      List<Ingress> wanted, String detail) {
        if (group.isEmpty()) {
            return Intent.create("security group", name, detail);
        }
        List<Ingress> now = SecurityGroups.ingress(group.get(), ports);
        if (wanted != null && new HashSet<>(now).equals(new HashSet<>(wanted))) {
            return Intent.reuse("security group", name, detail);
        }
        return Intent.change("security group", name, detail + " (now " + (now.isEmpty() ? "closed" : now) + ")");
    }

    private Vpc defaultVpc() throws ProblemException {
        return vpcs.defaultVpc().orElseThrow(() -> new ProblemException("This region has no default VPC",
                "the profile asks for the default VPC, and it was deleted (or never existed) in this region",
                "Choose 'A VPC of its own' in the network settings, or pick a VPC and subnets, then press Retry"));
    }

    /** The default VPC's subnets in the zones Fargate serves; the others are said and left out. */
    private List<String> defaultSubnets(StepContext ctx, String vpcId) throws ProblemException {
        List<Subnet> all = subnets.defaults(vpcId);
        if (all.isEmpty()) {
            throw new ProblemException("The default VPC has no default subnets",
                    "VPC " + vpcId + " has no subnet marked default for its zone",
                    "Choose 'A VPC of its own' in the network settings, then press Retry");
        }
        String region = aws.region().id();
        List<Subnet> served = all.stream().filter(s -> fargate.serves(region, s.availabilityZoneId())).toList();
        List<Subnet> left = all.stream().filter(s -> !served.contains(s)).toList();
        if (!left.isEmpty()) {
            ctx.log().info("Leaving out default subnet(s) " + left.stream().map(s -> s.subnetId() + " ("
                    + s.availabilityZoneId() + ")").toList() + ": Fargate runs no tasks in their zones (it serves "
                    + fargate.describe(region) + ")");
        }
        if (served.isEmpty()) {
            throw new ProblemException("The default VPC has no subnet where Fargate runs tasks",
                    "its subnets are in zones " + all.stream().map(Subnet::availabilityZoneId).toList()
                            + ", and Fargate serves " + fargate.describe(region),
                    "Choose 'A VPC of its own' in the network settings, then press Retry");
        }
        return served.stream().map(Subnet::subnetId).toList();
    }

    /**
     * The chosen subnets, if they exist, belong to the chosen VPC, are in zones Fargate serves and reach the
     * internet; subnets that share a zone are said (a load balancer needs two zones).
     */
    private List<String> checkedExistingSubnets(StepContext ctx) throws ProblemException {
        String vpcId = settings.vpcId();
        if (vpcs.byId(vpcId).isEmpty()) {
            throw new ProblemException("VPC " + vpcId + " was not found",
                    "the profile names a VPC that does not exist in this account and region",
                    "Pick another VPC in the network settings, then press Retry");
        }
        List<Subnet> found = subnets.byIds(settings.subnetIds());
        for (String id : settings.subnetIds()) {
            Optional<Subnet> subnet = found.stream().filter(s -> s.subnetId().equals(id)).findFirst();
            if (subnet.isEmpty() || !vpcId.equals(subnet.get().vpcId())) {
                throw new ProblemException("Subnet " + id + " is not in VPC " + vpcId,
                        "the profile's subnets must belong to its VPC", "Pick the VPC's subnets, then press Retry");
            }
            String zone = subnet.get().availabilityZoneId();
            String region = aws.region().id();
            if (!fargate.serves(region, zone)) {
                throw new ProblemException("Subnet " + id + " is in a zone Fargate does not serve",
                        "it is in zone " + zone + " (" + subnet.get().availabilityZone() + "), and Fargate runs tasks "
                                + "only in " + fargate.describe(region),
                        "Pick a subnet in one of those zones in the network settings, then press Retry");
            }
            if (!routeTables.isPublic(vpcId, id)) {
                throw new ProblemException("Subnet " + id + " is not public",
                        "its route table sends no traffic to an internet gateway, so the task could neither pull "
                                + "its image nor be reached on a public IP",
                        "Pick public subnets (or 'A VPC of its own') in the network settings, then press Retry");
            }
        }
        Map<String, List<String>> byZone = new TreeMap<>();
        found.stream().filter(s -> settings.subnetIds().contains(s.subnetId()))
                .forEach(s -> byZone.computeIfAbsent(s.availabilityZoneId(), z -> new ArrayList<>()).add(s.subnetId()));
        byZone.forEach((zone, ids) -> {
            if (ids.size() > 1) {
                ctx.log().warn("Subnets " + String.join(" and ", ids) + " are in the same zone, " + zone
                        + ": they give the hub no second zone to run in if that one has trouble");
            }
        });
        if (options.stableAddress() && byZone.size() < 2) {
            throw new ProblemException("A load balancer needs subnets in two zones",
                    "the profile's subnets " + settings.subnetIds() + " are all in zone " + byZone.keySet()
                            + ", and AWS places a load balancer in at least two",
                    "Add a public subnet in another zone in the network settings, then press Retry");
        }
        return List.copyOf(settings.subnetIds());
    }

    private static Intent intent(boolean exists, String kind, String name, String detail) {
        return exists ? Intent.reuse(kind, name, detail) : Intent.create(kind, name, detail);
    }
}
