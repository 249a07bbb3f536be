package dev.hubwizard.aws;

import dev.hubwizard.engine.Intent;
import dev.hubwizard.engine.Problem;
import dev.hubwizard.engine.ProblemException;
import dev.hubwizard.engine.ResourceRecord;
import dev.hubwizard.engine.StepContext;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.HostedZone;
import software.amazon.awssdk.services.route53.model.NoSuchHostedZoneException;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

import java.util.Map;
import java.util.Optional;

import static dev.hubwizard.aws.AwsCall.call;
import static dev.hubwizard.aws.AwsCall.run;

/**
 * Records in the account's Route 53 zone for the hub's domain: the certificate's validation CNAME and the
 * domain's alias to the load balancer. Route 53 records carry no tags, so a record is this profile's when its
 * value is what this profile wants there — it points at this profile's load balancer or validates its
 * certificate. A record of the same name pointing elsewhere is never overwritten: the user decides. Teardown
 * deletes a recorded record only while it still has the value recorded.
 */
public final class DnsRecords {

    /** Five minutes: short enough that a record fixed by hand takes effect soon. */
    static final long CNAME_TTL = 300;

    private final AwsClients aws;

    public DnsRecords(AwsClients aws) {
        this.aws = aws;
    }

    /** A CNAME record {@code name → value} in {@code zone}. */
    public void ensureCname(StepContext ctx, HostedZone zone, String name, String value) throws ProblemException {
        ResourceRecordSet wanted = ResourceRecordSet.builder().name(DnsRecord.plain(name) + ".").type(RRType.CNAME)
                .ttl(CNAME_TTL).resourceRecords(r -> r.value(DnsRecord.plain(value) + ".")).build();
        ensure(ctx, zone, wanted);
    }

    /** An alias A record {@code name → the load balancer}, which (unlike a CNAME) also works at a zone's apex. */
    public void ensureAlias(StepContext ctx, HostedZone zone, String name, HubLoadBalancer balancer)
            throws ProblemException {
        ResourceRecordSet wanted = ResourceRecordSet.builder().name(DnsRecord.plain(name) + ".").type(RRType.A)
                .aliasTarget(a -> a.dnsName(DnsRecord.plain(balancer.dnsName()) + ".")
                        .hostedZoneId(balancer.canonicalHostedZoneId()).evaluateTargetHealth(false))
                .build();
        ensure(ctx, zone, wanted);
    }

    /**
     * Deletes the recorded record if it still says what this profile put there; one that someone changed is
     * left alone and reported.
     */
    public void delete(StepContext ctx, ResourceRecord record) throws ProblemException {
        String zoneId = record.attribute("zone");
        Optional<ResourceRecordSet> current = current(zoneId, record.name(), RRType.fromValue(record.attribute("type")));
        if (current.isEmpty()) {
            Deletion.gone(ctx, record, "DNS record");
            return;
        }
        if (!value(current.get()).equals(record.attribute("value"))) {
            throw new ProblemException(new Problem("Left the DNS record " + record.name() + " alone",
                    "Hub Wizard made it pointing at " + record.attribute("value") + ", and it now points at "
                            + value(current.get()) + ": someone changed it, so it is theirs now",
                    "Delete it in the Route 53 console if it is no longer needed, and remove its entry from "
                            + "deployment.resources in the profile file; then run the teardown again"));
        }
        change(zoneId, ChangeAction.DELETE, current.get());
        ctx.journal().forget(record.kind(), record.id());
        ctx.log().info("Deleted DNS record " + record.attribute("type") + " " + record.name());
    }

    /** What {@link #ensure} would do with a record {@code name} of {@code type} that should say {@code value}. */
    public Intent preview(HostedZone zone, String name, RRType type, String value, String why)
            throws ProblemException {
        Optional<ResourceRecordSet> current = current(HostedZones.id(zone), DnsRecord.plain(name), type);
        String label = "DNS record (" + type + ")";
        if (current.isEmpty()) {
            return Intent.create(label, DnsRecord.plain(name), why + " in Route 53 zone " + DnsRecord.plain(zone.name()));
        }
        return value.isEmpty() || value(current.get()).equals(value) ? Intent.reuse(label, DnsRecord.plain(name), why)
                : Intent.change(label, DnsRecord.plain(name), "now points at " + value(current.get())
                + ": Hub Wizard will stop and ask you to remove it");
    }

    private void ensure(StepContext ctx, HostedZone zone, ResourceRecordSet wanted) throws ProblemException {
        String zoneId = HostedZones.id(zone);
        String name = DnsRecord.plain(wanted.name());
        String id = zoneId + "/" + name + "/" + wanted.typeAsString();
        Map<String, String> attributes = Map.of("zone", zoneId, "type", wanted.typeAsString(), "value", value(wanted));
        Optional<ResourceRecordSet> current = current(zoneId, name, wanted.type());
        if (current.isPresent()) {
            if (!value(current.get()).equals(value(wanted))) {
                throw new ProblemException(new Problem(name + " already has a " + wanted.typeAsString()
                        + " record", "in Route 53 zone " + DnsRecord.plain(zone.name()) + " it points at "
                        + value(current.get()) + ", not at " + value(wanted) + "; Hub Wizard does not overwrite "
                        + "records it did not make",
                        "Delete or change that record in the Route 53 console (or choose another domain name for "
                                + "the hub), then press Retry"));
            }
            if (ctx.journal().findById(ResourceKind.DNS_RECORD, id).isEmpty()) {
                // It points at this profile's own resources: a run that died before recording it made it.
                ctx.recordCreated(ResourceKind.DNS_RECORD, id, name, attributes);
            }
            ctx.log().info("DNS record " + wanted.typeAsString() + " " + name + " → " + value(wanted)
                    + " is in place");
            return;
        }
        change(zoneId, ChangeAction.CREATE, wanted);
        ctx.recordCreated(ResourceKind.DNS_RECORD, id, name, attributes);
        ctx.log().info("Created DNS record " + wanted.typeAsString() + " " + name + " → " + value(wanted)
                + " in Route 53 zone " + DnsRecord.plain(zone.name()));
    }

    private void change(String zoneId, ChangeAction action, ResourceRecordSet set) throws ProblemException {
        run("route53:ChangeResourceRecordSets", () -> aws.route53().changeResourceRecordSets(r -> r
                .hostedZoneId(zoneId)
                .changeBatch(b -> b.comment("Hub Wizard").changes(c -> c.action(action).resourceRecordSet(set)))));
    }

    private Optional<ResourceRecordSet> current(String zoneId, String name, RRType type) throws ProblemException {
        return call("route53:ListResourceRecordSets", () -> {
            try {
                return aws.route53().listResourceRecordSets(r -> r.hostedZoneId(zoneId)
                                .startRecordName(DnsRecord.plain(name) + ".").startRecordType(type).maxItems("1"))
                        .resourceRecordSets().stream()
                        .filter(s -> DnsRecord.plain(s.name()).equals(DnsRecord.plain(name)) && s.type() == type)
                        .findFirst();
            } catch (NoSuchHostedZoneException e) {
                return Optional.empty();
            }
        });
    }

    /** What a record points at, comparable whatever way Route 53 spells it. */
    static String value(ResourceRecordSet set) {
        if (set.aliasTarget() != null) {
            return "alias " + DnsRecord.plain(set.aliasTarget().dnsName()).replaceFirst("^dualstack\\.", "");
        }
        return set.resourceRecords().stream().map(r -> DnsRecord.plain(r.value())).sorted()
                .reduce((a, b) -> a + "," + b).orElse("");
    }
}
