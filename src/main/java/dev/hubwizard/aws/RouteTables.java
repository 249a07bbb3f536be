package dev.hubwizard.aws;

import dev.hubwizard.engine.Cancellation;
import dev.hubwizard.engine.Journal;
import dev.hubwizard.engine.ProblemException;
import dev.hubwizard.engine.ResourceRecord;
import dev.hubwizard.engine.StepContext;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Route;
import software.amazon.awssdk.services.ec2.model.RouteTable;
import software.amazon.awssdk.services.ec2.model.RouteTableAssociation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.hubwizard.aws.AwsCall.call;
import static dev.hubwizard.aws.AwsCall.run;

/** The hub's public route table: everything not local goes to the internet gateway. */
public final class RouteTables {

    static final String ANYWHERE = "0.0.0.0/0";

    private final AwsClients aws;
    private final ProfileTags tags;

    public RouteTables(AwsClients aws, ProfileTags tags) {
        this.aws = aws;
        this.tags = tags;
    }

    /** The hub's route table called {@code name} in {@code vpcId}. */
    public Optional<RouteTable> find(Journal journal, String name, String vpcId) throws ProblemException {
        Filter inVpc = Filter.builder().name("vpc-id").values(vpcId).build();
        List<Filter> byTags = new ArrayList<>(tags.ec2Filters(name));
        byTags.add(inVpc);
        return Journaled.find(journal, ResourceKind.ROUTE_TABLE, name,
                id -> describe(List.of(inVpc, Filter.builder().name("route-table-id").values(id).build())).stream()
                        .findFirst(),
                () -> describe(byTags).stream().findFirst());
    }

    /** The table, its default route to {@code gatewayId} and its associations with {@code subnetIds}. */
    public RouteTable ensure(StepContext ctx, String name, String vpcId, String gatewayId, List<String> subnetIds)
            throws ProblemException {
        RouteTable table = Journaled.ensure(ctx, ResourceKind.ROUTE_TABLE, "route table", name,
                () -> find(ctx.journal(), name, vpcId),
                id -> describe(List.of(Filter.builder().name("route-table-id").values(id).build())).isEmpty(),
                () -> call("ec2:CreateRouteTable", () -> aws.ec2().createRouteTable(r -> r.vpcId(vpcId)
                        .tagSpecifications(tags.ec2(ResourceType.ROUTE_TABLE, name))).routeTable()),
                new Journaled.Identity<>() {
                    @Override
                    public String id(RouteTable t) {
                        return t.routeTableId();
                    }

                    @Override
                    public Map<String, String> attributes(RouteTable t) {
                        return Map.of("vpc", vpcId);
                    }

                    @Override
                    public boolean owned(RouteTable t) {
                        return tags.ownedBy(ProfileTags.fromEc2(t.tags()));
                    }
                }).resource();
        String tableId = table.routeTableId();
        Optional<Route> defaultRoute = table.routes().stream()
                .filter(r -> ANYWHERE.equals(r.destinationCidrBlock())).findFirst();
        if (defaultRoute.isEmpty()) {
            run("ec2:CreateRoute", () -> aws.ec2().createRoute(r -> r.routeTableId(tableId)
                    .destinationCidrBlock(ANYWHERE).gatewayId(gatewayId)));
            ctx.log().info("Route table " + tableId + ": " + ANYWHERE + " -> " + gatewayId);
        } else if (!gatewayId.equals(defaultRoute.get().gatewayId())) {
            // The route points at a gateway that was replaced (deleted outside Hub Wizard): repoint it.
            run("ec2:ReplaceRoute", () -> aws.ec2().replaceRoute(r -> r.routeTableId(tableId)
                    .destinationCidrBlock(ANYWHERE).gatewayId(gatewayId)));
            ctx.log().info("Route table " + tableId + ": " + ANYWHERE + " now -> " + gatewayId);
        }
        List<String> associated = table.associations().stream().map(RouteTableAssociation::subnetId).toList();
        for (String subnetId : subnetIds) {
            if (!associated.contains(subnetId)) {
                run("ec2:AssociateRouteTable", () -> aws.ec2().associateRouteTable(r -> r.routeTableId(tableId)
                        .subnetId(subnetId)));
                ctx.log().info("Route table " + tableId + " now routes subnet " + subnetId);
            }
        }
        return table;
    }

    /**
     * Deletes the recorded table (see {@link Deletion}) once it routes no subnet: AWS refuses to delete a
     * table with associations, so each is removed first.
     */
    public void delete(StepContext ctx, ResourceRecord record)
            throws ProblemException, Cancellation.CancelledException, InterruptedException {
        Deletion.delete(ctx, tags, record, "route table",
                () -> describe(List.of(Filter.builder().name("route-table-id").values(record.id()).build())).stream()
                        .findFirst(),
                t -> ProfileTags.fromEc2(t.tags()),
                t -> {
                    for (RouteTableAssociation association : t.associations()) {
                        if (association.subnetId() != null && !Boolean.TRUE.equals(association.main())) {
                            disassociate(ctx, association);
                        }
                    }
                    run("ec2:DeleteRouteTable", () -> aws.ec2().deleteRouteTable(r -> r.routeTableId(record.id())));
                });
    }

    private void disassociate(StepContext ctx, RouteTableAssociation association) throws ProblemException {
        try {
            run("ec2:DisassociateRouteTable", () -> aws.ec2().disassociateRouteTable(r -> r
                    .associationId(association.routeTableAssociationId())));
            ctx.log().info("Route table " + association.routeTableId() + " no longer routes subnet "
                    + association.subnetId());
        } catch (ProblemException e) {
            // The subnet went first, and its association with it.
            if (!AwsProblems.isNotFound(e)) {
                throw e;
            }
        }
    }

    /** Whether {@code subnetId} is public: its route table (else the VPC's main one) leads to an internet gateway. */
    public boolean isPublic(String vpcId, String subnetId) throws ProblemException {
        List<RouteTable> explicit = describe(List.of(
                Filter.builder().name("association.subnet-id").values(subnetId).build()));
        List<RouteTable> tables = !explicit.isEmpty() ? explicit : describe(List.of(
                Filter.builder().name("vpc-id").values(vpcId).build(),
                Filter.builder().name("association.main").values("true").build()));
        return tables.stream().flatMap(t -> t.routes().stream())
                .anyMatch(r -> ANYWHERE.equals(r.destinationCidrBlock()) && r.gatewayId() != null
                        && r.gatewayId().startsWith("igw-"));
    }

    private List<RouteTable> describe(List<Filter> filters) throws ProblemException {
        return call("ec2:DescribeRouteTables", () -> aws.ec2().describeRouteTablesPaginator(r -> r.filters(filters))
                .routeTables().stream().toList());
    }
}
