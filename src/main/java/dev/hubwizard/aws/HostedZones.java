package dev.hubwizard.aws;

import dev.hubwizard.engine.ProblemException;
import software.amazon.awssdk.services.route53.model.HostedZone;

import java.util.Optional;

import static dev.hubwizard.aws.AwsCall.call;

/**
 * Route 53 hosted zones: whether the account serves the hub's domain itself. Then Hub Wizard adds the DNS
 * records the domain needs; otherwise the user adds them where the domain's DNS is kept.
 */
public final class HostedZones {

    private final AwsClients aws;

    public HostedZones(AwsClients aws) {
        this.aws = aws;
    }

    /**
     * The account's public zone that serves {@code domain}: the one with the longest name the domain ends
     * in ({@code hub.team.example.org} is served by {@code team.example.org} before {@code example.org}).
     */
    public Optional<HostedZone> find(String domain) throws ProblemException {
        String[] labels = DnsRecord.plain(domain).split("\\.");
        for (int i = 0; i < labels.length - 1; i++) {
            String candidate = String.join(".", java.util.Arrays.copyOfRange(labels, i, labels.length)) + ".";
            Optional<HostedZone> zone = call("route53:ListHostedZonesByName", () -> aws.route53()
                    .listHostedZonesByName(r -> r.dnsName(candidate).maxItems("10")).hostedZones().stream()
                    .filter(z -> candidate.equalsIgnoreCase(z.name()))
                    .filter(z -> z.config() == null || !Boolean.TRUE.equals(z.config().privateZone()))
                    .findFirst());
            if (zone.isPresent()) {
                return zone;
            }
        }
        return Optional.empty();
    }

    /** The zone's id without Route 53's {@code /hostedzone/} prefix. */
    public static String id(HostedZone zone) {
        return zone.id().substring(zone.id().lastIndexOf('/') + 1);
    }
}
