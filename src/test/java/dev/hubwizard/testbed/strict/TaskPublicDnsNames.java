package dev.hubwizard.testbed.strict;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What EC2 says of public addresses, where moto says otherwise:
 * <ul>
 *   <li>a network interface's public address has the public DNS name
 *       {@code ec2-A-B-C-D.compute-1.amazonaws.com} (us-east-1) or {@code ec2-A-B-C-D.REGION.compute.amazonaws.com},
 *       and none at all in a VPC whose "DNS hostnames" setting is off (moto names every address
 *       {@code ip-A-B-C-D.ec2.internal}, a private name) —
 *       https://docs.aws.amazon.com/vpc/latest/userguide/vpc-dns.html#vpc-dns-hostnames;</li>
 *   <li>CloudFront's origin-facing prefix list has at most 55 entries, its weight against a security group's rules
 *       (moto gives no maximum) —
 *       https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/LocationsOfEdgeServers.html.</li>
 * </ul>
 */
final class TaskPublicDnsNames implements AwsRule {

    private static final Pattern MOTO_NAME = Pattern.compile("ip-(\\d+)-(\\d+)-(\\d+)-(\\d+)\\..*");
    private static final String CLOUDFRONT_LIST = "<prefixListName>com.amazonaws.global.cloudfront.origin-facing"
            + "</prefixListName>";
    private static final int CLOUDFRONT_LIST_ENTRIES = 55;

    /** Whether a VPC of a region gives public DNS names: {@code (region, vpcId) -> dns hostnames on}. */
    private final BiPredicate<String, String> dnsHostnames;

    TaskPublicDnsNames(BiPredicate<String, String> dnsHostnames) {
        this.dnsHostnames = dnsHostnames;
    }

    @Override
    public AwsAnswer after(AwsRequest request, AwsAnswer answer) {
        if (!"ec2".equals(request.service()) || !answer.ok()) {
            return answer;
        }
        if ("DescribeNetworkInterfaces".equals(request.operation())) {
            return new AwsAnswer(answer.status(), answer.headers(), interfaces(request.region(), answer.text())
                    .getBytes(StandardCharsets.UTF_8));
        }
        if ("DescribeManagedPrefixLists".equals(request.operation()) && answer.text().contains(CLOUDFRONT_LIST)
                && !answer.text().contains("<maxEntries>")) {
            String text = answer.text().replace(CLOUDFRONT_LIST, CLOUDFRONT_LIST + "<maxEntries>"
                    + CLOUDFRONT_LIST_ENTRIES + "</maxEntries>");
            return new AwsAnswer(answer.status(), answer.headers(), text.getBytes(StandardCharsets.UTF_8));
        }
        return answer;
    }

    private String interfaces(String region, String xml) {
        Document document = Xml.parse(xml.getBytes(StandardCharsets.UTF_8));
        NodeList sets = document.getElementsByTagNameNS("*", "networkInterfaceSet");
        for (int s = 0; s < sets.getLength(); s++) {
            for (Node item = sets.item(s).getFirstChild(); item != null; item = item.getNextSibling()) {
                if (!(item instanceof Element eni)) {
                    continue;
                }
                Optional<Element> name = Xml.child(eni, "association").flatMap(a -> Xml.child(a, "publicDnsName"));
                Optional<String> vpc = Xml.child(eni, "vpcId").map(Node::getTextContent);
                if (name.isEmpty()) {
                    continue;
                }
                Matcher moto = MOTO_NAME.matcher(name.get().getTextContent());
                boolean named = vpc.isEmpty() || dnsHostnames.test(region, vpc.get());
                name.get().setTextContent(!named ? "" : moto.matches() ? "ec2-" + moto.group(1) + "-" + moto.group(2)
                        + "-" + moto.group(3) + "-" + moto.group(4) + "." + domain(region) : name.get().getTextContent());
            }
        }
        return new String(Xml.bytes(document), StandardCharsets.UTF_8);
    }

    private static String domain(String region) {
        return "us-east-1".equals(region) ? "compute-1.amazonaws.com" : region + ".compute.amazonaws.com";
    }
}
