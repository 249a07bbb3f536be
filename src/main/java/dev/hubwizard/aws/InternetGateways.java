package dev.hubwizard.aws;

import dev.hubwizard.engine.Cancellation;
import dev.hubwizard.engine.Journal;
import dev.hubwizard.engine.ProblemException;
import dev.hubwizard.engine.ResourceRecord;
import dev.hubwizard.engine.StepContext;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.InternetGateway;
import software.amazon.awssdk.services.ec2.model.InternetGatewayAttachment;
import software.amazon.awssdk.services.ec2.model.ResourceType;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.hubwizard.aws.AwsCall.call;
import static dev.hubwizard.aws.AwsCall.run;

/** The hub VPC's internet gateway: the task pulls its image from ECR and serves users through it. */
public final class InternetGateways {

    private final AwsClients aws;
    private final ProfileTags tags;

    public InternetGateways(AwsClients aws, ProfileTags tags) {
        this.aws = aws;
        this.tags = tags;
    }

    public Optional<InternetGateway> find(Journal journal, String name) throws ProblemException {
        return Journaled.find(journal, ResourceKind.INTERNET_GATEWAY, name,
                id -> describe(List.of(Filter.builder().name("internet-gateway-id").values(id).build())),
                () -> describe(tags.ec2Filters(name)));
    }

    /** The gateway, created if need be and attached to {@code vpcId}. */
    public InternetGateway ensure(StepContext ctx, String name, String vpcId) throws ProblemException {
        InternetGateway gateway = Journaled.ensure(ctx, ResourceKind.INTERNET_GATEWAY, "internet gateway", name,
                () -> find(ctx.journal(), name),
                id -> describe(List.of(Filter.builder().name("internet-gateway-id").values(id).build())).isEmpty(),
                () -> call("ec2:CreateInternetGateway", () -> aws.ec2().createInternetGateway(r -> r
                        .tagSpecifications(tags.ec2(ResourceType.INTERNET_GATEWAY, name))).internetGateway()),
                new Journaled.Identity<>() {
                    @Override
                    public String id(InternetGateway g) {
                        return g.internetGatewayId();
                    }

                    @Override
                    public Map<String, String> attributes(InternetGateway g) {
                        // Teardown must detach it from this VPC before it can delete it.
                        return Map.of("vpc", vpcId);
                    }

                    @Override
                    public boolean owned(InternetGateway g) {
                        return tags.ownedBy(ProfileTags.fromEc2(g.tags()));
                    }
                }).resource();
        if (gateway.attachments().stream().noneMatch(a -> vpcId.equals(a.vpcId()))) {
            run("ec2:AttachInternetGateway", () -> aws.ec2().attachInternetGateway(r -> r
                    .internetGatewayId(gateway.internetGatewayId()).vpcId(vpcId)));
            ctx.log().info("Attached internet gateway " + gateway.internetGatewayId() + " to VPC " + vpcId);
        }
        return gateway;
    }

    /**
     * Detaches the recorded gateway from its VPC, then deletes it (see {@link Deletion}). AWS refuses the
     * detach while public addresses are still mapped in the VPC, until Fargate has released them.
     */
    public void delete(StepContext ctx, ResourceRecord record, DeletionWaits waits)
            throws ProblemException, Cancellation.CancelledException, InterruptedException {
        Deletion.delete(ctx, tags, record, "internet gateway",
                () -> describe(List.of(Filter.builder().name("internet-gateway-id").values(record.id()).build())),
                g -> ProfileTags.fromEc2(g.tags()),
                g -> {
                    for (InternetGatewayAttachment attachment : g.attachments()) {
                        Deletion.whileInUse(ctx, waits, "internet gateway " + record.id(), () -> run(
                                "ec2:DetachInternetGateway", () -> aws.ec2().detachInternetGateway(r -> r
                                        .internetGatewayId(record.id()).vpcId(attachment.vpcId()))),
                                () -> new NetworkInterfaces(aws).holding("vpc-id", attachment.vpcId()));
                        ctx.log().info("Detached internet gateway " + record.id() + " from VPC " + attachment.vpcId());
                    }
                    run("ec2:DeleteInternetGateway", () -> aws.ec2().deleteInternetGateway(r -> r
                            .internetGatewayId(record.id())));
                });
    }

    private Optional<InternetGateway> describe(List<Filter> filters) throws ProblemException {
        return call("ec2:DescribeInternetGateways", () -> aws.ec2().describeInternetGatewaysPaginator(r -> r
                .filters(filters)).internetGateways().stream().findFirst());
    }
}
