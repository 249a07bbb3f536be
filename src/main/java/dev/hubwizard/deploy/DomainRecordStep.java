package dev.hubwizard.deploy;

import dev.hubwizard.aws.AwsClients;
import dev.hubwizard.aws.AwsTexts;
import dev.hubwizard.aws.DnsRecord;
import dev.hubwizard.aws.DnsRecords;
import dev.hubwizard.aws.HostedZones;
import dev.hubwizard.aws.HubLoadBalancer;
import dev.hubwizard.aws.LoadBalancers;
import dev.hubwizard.aws.ProfileTags;
import dev.hubwizard.engine.Intent;
import dev.hubwizard.engine.Key;
import dev.hubwizard.engine.Step;
import dev.hubwizard.engine.StepContext;
import dev.hubwizard.profile.Profile;
import software.amazon.awssdk.services.route53.model.HostedZone;
import software.amazon.awssdk.services.route53.model.RRType;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Points the profile's domain at the load balancer: an alias record in the account's Route 53 zone, or, when
 * the zone is kept elsewhere, the CNAME record the user must add there ({@link #DOMAIN_RECORD}, for the wizard
 * to show).
 */
public final class DomainRecordStep implements Step {

    public static final String ID = "domain-record";
    /** The domain's record; with {@code addedByHubWizard() == false} the user must add it. */
    public static final Key<DnsRecord> DOMAIN_RECORD = Key.of("domain-record", DnsRecord.class);

    private final Profile profile;
    private final String domain;
    private final HostedZones zones;
    private final DnsRecords records;
    private final LoadBalancers balancers;

    public DomainRecordStep(Profile profile, AwsClients aws) {
        this.profile = profile;
        this.domain = profile.options().domainName();
        this.zones = new HostedZones(aws);
        this.records = new DnsRecords(aws);
        this.balancers = new LoadBalancers(aws, new ProfileTags(profile.name()));
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Domain name";
    }

    @Override
    public Set<String> dependsOn() {
        return Set.of(LoadBalancerStep.ID);
    }

    @Override
    public void run(StepContext context) throws Exception {
        HubLoadBalancer balancer = context.require(LoadBalancerStep.LOAD_BALANCER);
        Optional<HostedZone> zone = zones.find(domain);
        if (zone.isPresent()) {
            records.ensureAlias(context, zone.get(), domain, balancer);
            context.put(DOMAIN_RECORD, new DnsRecord(domain, "A", "alias " + balancer.dnsName(), true));
            return;
        }
        DnsRecord record = new DnsRecord(domain, "CNAME", balancer.dnsName(), false);
        context.put(DOMAIN_RECORD, record);
        context.log().warn("Add this DNS record where " + domain + "'s DNS is kept (the domain's zone is not in this "
                + "AWS account): " + record.text() + " (for a domain without a subdomain, where DNS allows no "
                + "CNAME, your provider's ALIAS or ANAME record). Until it is there, the hub is not reachable at "
                + "https://" + domain + "/");
    }

    @Override
    public List<Intent> preview(StepContext context) throws Exception {
        Optional<HostedZone> zone = zones.find(domain);
        Optional<String> dns = context.get(LoadBalancerStep.LOAD_BALANCER).map(HubLoadBalancer::dnsName);
        if (dns.isEmpty()) {
            dns = balancers.find(context.journal(), new AwsTexts(profile.name()).loadBalancerName())
                    .map(lb -> lb.dnsName());
        }
        if (zone.isPresent()) {
            return List.of(records.preview(zone.get(), domain, RRType.A, dns.map(d -> "alias " + d).orElse(""),
                    "alias to the load balancer"));
        }
        return List.of(Intent.create("DNS record (CNAME)", domain, "YOU add it where " + domain + "'s DNS is kept,"
                + " pointing at the load balancer" + dns.map(d -> " (" + d + ")").orElse("")
                + ": its zone is not in this AWS account"));
    }
}
