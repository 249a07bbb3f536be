package dev.hubwizard.aws;

import dev.hubwizard.engine.Cancellation;
import dev.hubwizard.engine.Intent;
import dev.hubwizard.engine.Journal;
import dev.hubwizard.engine.ProblemException;
import dev.hubwizard.engine.ResourceRecord;
import dev.hubwizard.engine.StepContext;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.GetHostedZoneResponse;
import software.amazon.awssdk.services.route53.model.HostedZone;
import software.amazon.awssdk.services.route53.model.NoSuchHostedZoneException;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;
import software.amazon.awssdk.services.route53.model.Tag;
import software.amazon.awssdk.services.route53.model.TagResourceType;
import software.amazon.awssdk.services.route53.model.VPCRegion;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import static dev.hubwizard.aws.AwsCall.call;
import static dev.hubwizard.aws.AwsCall.run;

/**
 * The Route 53 private hosted zone that holds the hub's private name: a zone that only the profile's VPC sees, in
 * which the hub writes {@code hub.<zone>} with its task's private IP each time it starts. Users' servers in their
 * own tasks call the hub's API by that name, so a server that outlives a hub's task finds the next one.
 *
 * <p>Route 53 takes no tags when it creates a zone, so a run that stopped between the create and the tagging would
 * leave a zone nobody could tell was the profile's. The zone's caller reference, which Route 53 keeps and shows, says
 * it too: {@code hubwizard/PROFILE/RANDOM}. Profile names have no '/', so one profile's never starts another's.
 */
public final class PrivateZones {

    /** The zone's id without Route 53's {@code /hostedzone/} prefix, its name, and the VPC it serves. */
    public record PrivateZone(String id, String name, String vpcId) {
    }

    private static final String CALLER_REFERENCE_PREFIX = "hubwizard/";

    private final AwsClients aws;
    private final ProfileTags tags;

    public PrivateZones(AwsClients aws, ProfileTags tags) {
        this.aws = aws;
        this.tags = tags;
    }

    /** The zone the journal records under {@code name}, else one of that name that serves {@code vpcId}. */
    public Optional<PrivateZone> find(Journal journal, String name, String vpcId) throws ProblemException {
        return Journaled.find(journal, ResourceKind.PRIVATE_ZONE, name, this::byId, () -> byVpc(name, vpcId))
                .filter(z -> z.vpcId().equals(vpcId));
    }

    /** The profile's zone {@code name} for {@code vpcId}, made and tagged if there is none. */
    public PrivateZone ensure(StepContext ctx, String name, String vpcId) throws ProblemException {
        return Journaled.ensure(ctx, ResourceKind.PRIVATE_ZONE, "Route 53 private zone", name,
                () -> find(ctx.journal(), name, vpcId), id -> byId(id).isEmpty(),
                () -> create(name, vpcId), new Journaled.Identity<>() {
                    @Override
                    public String id(PrivateZone zone) {
                        return zone.id();
                    }

                    @Override
                    public Map<String, String> attributes(PrivateZone zone) {
                        // The VPC waits for the zone at teardown: Journal records naming it are "inside" it.
                        return Map.of("vpc", zone.vpcId());
                    }

                    @Override
                    public boolean owned(PrivateZone zone) throws ProblemException {
                        return ownedBy(zone.id());
                    }
                }).resource();
    }

    private PrivateZone create(String name, String vpcId) throws ProblemException {
        String callerReference = CALLER_REFERENCE_PREFIX + tags.profile() + "/" + UUID.randomUUID();
        HostedZone zone = call("route53:CreateHostedZone", () -> aws.route53().createHostedZone(r -> r
                .name(name).callerReference(callerReference)
                .vpc(v -> v.vpcId(vpcId).vpcRegion(VPCRegion.fromValue(aws.region().id())))
                .hostedZoneConfig(c -> c.privateZone(true).comment(AwsTexts.privateZoneComment(tags.profile()))))
                .hostedZone());
        String id = HostedZones.id(zone);
        run("route53:ChangeTagsForResource", () -> aws.route53().changeTagsForResource(r -> r
                .resourceType(TagResourceType.HOSTEDZONE).resourceId(id)
                .addTags(tags.named(name).entrySet().stream()
                        .map(t -> Tag.builder().key(t.getKey()).value(t.getValue()).build()).toList())));
        return new PrivateZone(id, name, vpcId);
    }

    /** What {@link #ensure} would do. */
    public Intent preview(Journal journal, String name, String vpcId, String why) throws ProblemException {
        return find(journal, name, vpcId).map(z -> Intent.reuse("Route 53 private zone", name, why))
                .orElseGet(() -> Intent.create("Route 53 private zone", name, why));
    }

    private Optional<PrivateZone> byId(String id) throws ProblemException {
        return call("route53:GetHostedZone", () -> {
            try {
                GetHostedZoneResponse zone = aws.route53().getHostedZone(r -> r.id(id));
                if (zone.hostedZone().config() == null || !Boolean.TRUE.equals(zone.hostedZone().config().privateZone())
                        || zone.vpCs().isEmpty()) {
                    return Optional.empty();
                }
                return Optional.of(new PrivateZone(HostedZones.id(zone.hostedZone()),
                        DnsRecord.plain(zone.hostedZone().name()), zone.vpCs().get(0).vpcId()));
            } catch (NoSuchHostedZoneException e) {
                return Optional.empty();
            }
        });
    }

    private Optional<PrivateZone> byVpc(String name, String vpcId) throws ProblemException {
        return call("route53:ListHostedZonesByVPC", () -> aws.route53().listHostedZonesByVPC(r -> r.vpcId(vpcId)
                        .vpcRegion(VPCRegion.fromValue(aws.region().id()))).hostedZoneSummaries().stream()
                .filter(z -> DnsRecord.plain(z.name()).equals(name))
                .map(z -> new PrivateZone(z.hostedZoneId().substring(z.hostedZoneId().lastIndexOf('/') + 1), name,
                        vpcId))
                .findFirst());
    }

    /** Tagged for this profile, or made by it and stopped before the tags (its caller reference says so). */
    private boolean ownedBy(String id) throws ProblemException {
        return tags.ownedBy(tagsOf(id)) || call("route53:GetHostedZone", () -> aws.route53()
                .getHostedZone(r -> r.id(id)).hostedZone().callerReference()
                .startsWith(CALLER_REFERENCE_PREFIX + tags.profile() + "/"));
    }

    private Map<String, String> tagsOf(String id) throws ProblemException {
        return call("route53:ListTagsForResource", () -> aws.route53().listTagsForResource(r -> r
                        .resourceType(TagResourceType.HOSTEDZONE).resourceId(id)).resourceTagSet().tags().stream()
                .collect(Collectors.toMap(Tag::key, Tag::value, (a, b) -> b)));
    }

    /**
     * Deletes the recorded zone with the records in it (the hub's name; Route 53 deletes a zone only once it holds
     * nothing but its own SOA and NS records). Nobody else writes in a profile's private zone.
     */
    public void delete(StepContext ctx, ResourceRecord record)
            throws ProblemException, Cancellation.CancelledException, InterruptedException {
        Deletion.delete(ctx, tags, record, "Route 53 private zone", () -> byId(record.id()),
                z -> ownedBy(z.id()) ? tags.named(z.name()) : tagsOf(z.id()), z -> {
                    for (ResourceRecordSet set : records(z.id())) {
                        run("route53:ChangeResourceRecordSets", () -> aws.route53().changeResourceRecordSets(r -> r
                                .hostedZoneId(z.id()).changeBatch(b -> b.comment("Hub Wizard teardown")
                                        .changes(c -> c.action(ChangeAction.DELETE).resourceRecordSet(set)))));
                        ctx.log().info("Deleted DNS record " + set.typeAsString() + " " + DnsRecord.plain(set.name()));
                    }
                    run("route53:DeleteHostedZone", () -> aws.route53().deleteHostedZone(r -> r.id(z.id())));
                });
    }

    /** The zone's records but for its own SOA and NS at its apex. */
    private List<ResourceRecordSet> records(String zoneId) throws ProblemException {
        return call("route53:ListResourceRecordSets", () -> aws.route53()
                .listResourceRecordSetsPaginator(r -> r.hostedZoneId(zoneId)).resourceRecordSets().stream()
                .filter(s -> s.type() != RRType.SOA && s.type() != RRType.NS)
                .toList());
    }
}
