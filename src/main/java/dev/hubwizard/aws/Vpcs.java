package dev.hubwizard.aws;

import dev.hubwizard.engine.Cancellation;
import dev.hubwizard.engine.Journal;
import dev.hubwizard.engine.Problem;
import dev.hubwizard.engine.ProblemException;
import dev.hubwizard.engine.ResourceRecord;
import dev.hubwizard.engine.StepContext;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Vpc;
import software.amazon.awssdk.services.ec2.model.VpcAttributeName;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.hubwizard.aws.AwsCall.call;
import static dev.hubwizard.aws.AwsCall.run;

/** VPCs: the hub's own (found through the journal or its tags, or created), the default one, or a chosen one. */
public final class Vpcs {

    /** Room for the two /24 subnets and more; private addresses, never routed to other networks. */
    static final String CIDR = "10.0.0.0/16";

    private final AwsClients aws;
    private final ProfileTags tags;

    public Vpcs(AwsClients aws, ProfileTags tags) {
        this.aws = aws;
        this.tags = tags;
    }

    public Optional<Vpc> find(Journal journal, String name) throws ProblemException {
        return Journaled.find(journal, ResourceKind.VPC, name, this::byId,
                () -> describe(tags.ec2Filters(name)).stream().findFirst());
    }

    public Optional<Vpc> byId(String vpcId) throws ProblemException {
        return describe(List.of(Filter.builder().name("vpc-id").values(vpcId).build())).stream().findFirst();
    }

    public Optional<Vpc> defaultVpc() throws ProblemException {
        return describe(List.of(Filter.builder().name("is-default").values("true").build())).stream().findFirst();
    }

    /** Whether the VPC gives public addresses a public DNS name (its "DNS hostnames" setting). */
    public boolean dnsHostnames(String vpcId) throws ProblemException {
        return call("ec2:DescribeVpcAttribute", () -> aws.ec2().describeVpcAttribute(r -> r.vpcId(vpcId)
                .attribute(VpcAttributeName.ENABLE_DNS_HOSTNAMES)).enableDnsHostnames().value());
    }

    /** Whether the VPC's own DNS server answers its resources (its "DNS resolution" setting). */
    public boolean dnsSupport(String vpcId) throws ProblemException {
        return call("ec2:DescribeVpcAttribute", () -> aws.ec2().describeVpcAttribute(r -> r.vpcId(vpcId)
                .attribute(VpcAttributeName.ENABLE_DNS_SUPPORT)).enableDnsSupport().value());
    }

    /**
     * Turns on the VPC's DNS resolution and DNS host names, which a Route 53 private zone needs; EC2 changes one
     * attribute a call, and host names only once resolution is on.
     */
    public void turnOnDns(StepContext ctx, String vpcId) throws ProblemException {
        if (!dnsSupport(vpcId)) {
            run("ec2:ModifyVpcAttribute", () -> aws.ec2().modifyVpcAttribute(r -> r.vpcId(vpcId)
                    .enableDnsSupport(b -> b.value(true))));
            ctx.log().info("Turned on DNS resolution in VPC " + vpcId);
        }
        if (!dnsHostnames(vpcId)) {
            run("ec2:ModifyVpcAttribute", () -> aws.ec2().modifyVpcAttribute(r -> r.vpcId(vpcId)
                    .enableDnsHostnames(b -> b.value(true))));
            ctx.log().info("Turned on DNS host names in VPC " + vpcId);
        }
    }

    /** The hub's own VPC, with DNS host names on (tasks get public DNS names, as in a default VPC). */
    public Vpc ensure(StepContext ctx, String name) throws ProblemException {
        Vpc vpc = Journaled.ensure(ctx, ResourceKind.VPC, "VPC", name, () -> find(ctx.journal(), name),
                id -> byId(id).isEmpty(),
                () -> call("ec2:CreateVpc", () -> aws.ec2().createVpc(r -> r.cidrBlock(CIDR)
                        .tagSpecifications(tags.ec2(ResourceType.VPC, name))).vpc()),
                new Journaled.Identity<>() {
                    @Override
                    public String id(Vpc v) {
                        return v.vpcId();
                    }

                    @Override
                    public Map<String, String> attributes(Vpc v) {
                        return Map.of("cidr", v.cidrBlock());
                    }

                    @Override
                    public boolean owned(Vpc v) {
                        return tags.ownedBy(ProfileTags.fromEc2(v.tags()));
                    }
                }).resource();
        if (!dnsHostnames(vpc.vpcId())) {
            run("ec2:ModifyVpcAttribute", () -> aws.ec2().modifyVpcAttribute(r -> r.vpcId(vpc.vpcId())
                    .enableDnsHostnames(b -> b.value(true))));
            ctx.log().info("Turned on DNS host names in VPC " + vpc.vpcId());
        }
        return vpc;
    }

    /**
     * Deletes the recorded VPC (see {@link Deletion}) after everything this profile put in it: while the
     * journal still records a subnet, gateway, route table or security group in it, AWS would only refuse.
     */
    public void delete(StepContext ctx, ResourceRecord record, DeletionWaits waits)
            throws ProblemException, Cancellation.CancelledException, InterruptedException {
        Deletion.delete(ctx, tags, record, "VPC", () -> byId(record.id()), v -> ProfileTags.fromEc2(v.tags()),
                v -> {
                    List<ResourceRecord> inside = ctx.journal().all().stream()
                            .filter(r -> record.id().equals(r.attribute("vpc"))).toList();
                    if (!inside.isEmpty()) {
                        throw new ProblemException(new Problem("Kept VPC " + record.id(),
                                "this profile's " + inside.stream().map(r -> r.kind() + " " + r.id()).toList()
                                        + " is still in it, and AWS deletes a VPC only once it is empty",
                                "Deal with what is said about those first; the VPC goes with the next teardown"));
                    }
                    Deletion.whileInUse(ctx, waits, "VPC " + record.id(),
                            () -> run("ec2:DeleteVpc", () -> aws.ec2().deleteVpc(r -> r.vpcId(record.id()))),
                            () -> new NetworkInterfaces(aws).holding("vpc-id", record.id()));
                });
    }

    private List<Vpc> describe(List<Filter> filters) throws ProblemException {
        return call("ec2:DescribeVpcs", () -> aws.ec2().describeVpcsPaginator(r -> r.filters(filters)).vpcs()
                .stream().toList());
    }
}
