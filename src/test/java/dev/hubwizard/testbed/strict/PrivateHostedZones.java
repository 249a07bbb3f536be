package dev.hubwizard.testbed.strict;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Route 53's hosted zones and their names where moto is more lenient, or differs:
 * <ul>
 *   <li>a CreateHostedZone with a {@code VPC} makes a private hosted zone associated with that VPC ("VPC: (Private
 *       hosted zones only)"; CloudFormation and the CDK create private zones with the VPC alone), where moto makes a
 *       public zone unless {@code HostedZoneConfig/PrivateZone} is also true: moto is asked for a private one —
 *       https://docs.aws.amazon.com/Route53/latest/APIReference/API_CreateHostedZone.html;</li>
 *   <li>a private zone whose name is that of a zone already associated with the VPC is refused,
 *       {@code ConflictingDomainExists} (400): "Create a private hosted zone: A hosted zone with the specified name
 *       already exists and is already associated with the Amazon VPC that you specified" — moto makes a second
 *       one — https://docs.aws.amazon.com/Route53/latest/APIReference/API_CreateHostedZone.html#API_CreateHostedZone_Errors;</li>
 *   <li>a record's name must be the zone's name or a name under it, label by label: {@code xteam.example.com} is not in
 *       zone {@code team.example.com} (moto compares the texts' ends) — {@code InvalidChangeBatch} (400), "RRSet with
 *       DNS name ... is not permitted in zone ..." —
 *       https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/DomainNameFormat.html.</li>
 * </ul>
 * <p>Route 53 compares names without regard to case, as this rule does; moto compares them with it, so a record name
 * must be written in the zone's case (Hub Wizard writes lower case). Moto already refuses to delete a zone that has records other than its SOA and NS ({@code HostedZoneNotEmpty}).
 */
final class PrivateHostedZones implements AwsRule {

    private static final Pattern CHANGE_PATH = Pattern.compile("/\\d{4}-\\d{2}-\\d{2}/hostedzone/([^/?]+)/rrset/?");

    /** A zone's name by its id, as moto holds it (empty: no such zone). */
    private final Function<String, Optional<String>> zoneName;
    /** The names of the private zones associated with a VPC: (VPC id, VPC region) → names. */
    private final BiFunction<String, String, Set<String>> privateZones;

    PrivateHostedZones(Function<String, Optional<String>> zoneName,
                       BiFunction<String, String, Set<String>> privateZones) {
        this.zoneName = zoneName;
        this.privateZones = privateZones;
    }

    @Override
    public Optional<AwsAnswer> before(AwsRequest request) {
        if (request.is("route53", "CreateHostedZone")) {
            Element root = Xml.parse(request.body()).getDocumentElement();
            Optional<Element> vpc = Xml.child(root, "VPC");
            if (vpc.isEmpty()) {
                return Optional.empty();
            }
            String name = plain(Xml.child(root, "Name").map(Element::getTextContent).orElse(""));
            String vpcId = Xml.child(vpc.get(), "VPCId").map(Element::getTextContent).orElse("");
            String region = Xml.child(vpc.get(), "VPCRegion").map(Element::getTextContent).orElse(request.region());
            if (privateZones.apply(vpcId, region).stream().map(PrivateHostedZones::plain).anyMatch(name::equals)) {
                return Optional.of(AwsAnswer.error(request, 400, "ConflictingDomainExists", "A hosted zone named "
                        + name + ". already exists and is already associated with the VPC " + vpcId + "."));
            }
            return Optional.empty();
        }
        if (request.is("route53", "ChangeResourceRecordSets")) {
            Matcher change = CHANGE_PATH.matcher(request.path());
            if (!change.matches()) {
                return Optional.empty();
            }
            Optional<String> zone = zoneName.apply(change.group(1)).map(PrivateHostedZones::plain);
            if (zone.isEmpty()) {
                return Optional.empty();
            }
            NodeList names = Xml.parse(request.body()).getElementsByTagNameNS("*", "ResourceRecordSet");
            for (int i = 0; i < names.getLength(); i++) {
                Optional<String> name = Xml.child((Element) names.item(i), "Name").map(Element::getTextContent);
                if (name.isPresent() && !inside(plain(name.get()), zone.get())) {
                    return Optional.of(AwsAnswer.error(request, 400, "InvalidChangeBatch", "RRSet with DNS name "
                            + name.get() + " is not permitted in zone " + zone.get() + "."));
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public AwsRequest forwarded(AwsRequest request) {
        if (!request.is("route53", "CreateHostedZone")) {
            return request;
        }
        Document document = Xml.parse(request.body());
        Element root = document.getDocumentElement();
        if (Xml.child(root, "VPC").isEmpty()) {
            return request;
        }
        Element config = Xml.child(root, "HostedZoneConfig").orElseGet(() -> (Element) root.appendChild(
                document.createElementNS(root.getNamespaceURI(), "HostedZoneConfig")));
        Element isPrivate = Xml.child(config, "PrivateZone").orElseGet(() -> (Element) config.appendChild(
                document.createElementNS(root.getNamespaceURI(), "PrivateZone")));
        isPrivate.setTextContent("true");
        return request.withBody(Xml.bytes(document));
    }

    private static boolean inside(String name, String zone) {
        return name.equals(zone) || name.endsWith("." + zone);
    }

    /** A DNS name as Route 53 compares it: without the final dot, in lower case. */
    private static String plain(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }
}
