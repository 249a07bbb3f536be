package dev.hubwizard.testbed.strict;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CloudFront's distributions as AWS keeps them, where moto is lenient:
 * <ul>
 *   <li>every change gives the distribution a new ETag, and a change or a deletion whose {@code If-Match} is not the
 *       current one is refused with PreconditionFailed (moto takes any value and never changes the ETag) —
 *       https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_UpdateDistribution.html;</li>
 *   <li>a distribution is InProgress for a while after each change, Deployed once every edge location has it
 *       ({@link Windows#cloudFrontDeploy()}; minutes on AWS; moto says Deployed at the second look);</li>
 *   <li>only a disabled distribution whose disabling is deployed can be deleted: otherwise DistributionNotDisabled
 *       (moto deletes whatever it is asked to) —
 *       https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_DeleteDistribution.html;</li>
 *   <li>a custom origin's domain name is a DNS name of a-z, A-Z, 0-9, '.', '-' and '_', up to 128 characters, and
 *       never an IP address; a comment is at most 128 characters; tag keys and values are ASCII letters, digits,
 *       spaces and {@code _ . : / = + - @} — https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_Origin.html,
 *       API_DistributionConfig.html, API_Tag.html;</li>
 *   <li>ListDistributions' summaries carry each distribution's comment (moto's leave it out).</li>
 * </ul>
 */
final class CloudFrontDistributions implements AwsRule {

    private static final Pattern DISTRIBUTION_PATH = Pattern.compile("/\\d{4}-\\d{2}-\\d{2}/distribution/([^/?]+)");
    private static final Pattern ORIGIN_NAME = Pattern.compile("[a-zA-Z0-9._-]{1,128}");
    private static final Pattern IP_ADDRESS = Pattern.compile("[0-9.]+|.*:.*");
    private static final Pattern TAG_TEXT = Pattern.compile("[a-zA-Z0-9\\s_.:/=+\\-@]*");

    /** What AWS knows of one distribution that moto does not keep. */
    private record State(String eTag, long changedAt, boolean enabled, String comment,
                         List<Association> functions) {
    }

    /** A CloudFront function on the default cache behaviour, which moto drops (it always answers none). */
    private record Association(String arn, String eventType) {
    }

    private final Supplier<Windows> windows;
    /** Whether a CloudFront function (by ARN) exists and is published, so that a distribution may use it. */
    private final Predicate<String> liveFunction;
    private final Map<String, State> distributions = new ConcurrentHashMap<>();

    CloudFrontDistributions(Supplier<Windows> windows, Predicate<String> liveFunction) {
        this.windows = windows;
        this.liveFunction = liveFunction;
    }

    /** Whether a distribution uses this CloudFront function. */
    boolean uses(String functionArn) {
        return distributions.values().stream().flatMap(d -> d.functions().stream())
                .anyMatch(f -> f.arn().equals(functionArn));
    }

    @Override
    public Optional<AwsAnswer> before(AwsRequest request) {
        if (!"cloudfront".equals(request.service())) {
            return Optional.empty();
        }
        switch (request.operation()) {
            case "CreateDistribution", "CreateDistributionWithTags" -> {
                return invalid(request);
            }
            case "UpdateDistribution" -> {
                Optional<AwsAnswer> stale = stale(request);
                return stale.isPresent() ? stale : invalid(request);
            }
            case "DeleteDistribution" -> {
                Optional<AwsAnswer> stale = stale(request);
                if (stale.isPresent()) {
                    return stale;
                }
                State state = distributions.get(id(request));
                if (state != null && (state.enabled() || deploying(state))) {
                    return Optional.of(AwsAnswer.error(request, 409, "DistributionNotDisabled",
                            "The distribution you are trying to delete has not been disabled"
                                    + (state.enabled() ? "." : " everywhere yet: wait until its status is Deployed.")));
                }
                return Optional.empty();
            }
            default -> {
                return Optional.empty();
            }
        }
    }

    @Override
    public AwsAnswer after(AwsRequest request, AwsAnswer answer) {
        if (!"cloudfront".equals(request.service()) || !answer.ok()) {
            return answer;
        }
        switch (request.operation()) {
            case "CreateDistribution", "CreateDistributionWithTags", "UpdateDistribution" -> {
                Document sent = xml(request.body());
                String id = "UpdateDistribution".equals(request.operation()) ? id(request)
                        : text(xml(answer.body()), "Id").orElseThrow();
                State state = new State(UUID.randomUUID().toString().replace("-", "").substring(0, 14).toUpperCase(),
                        System.nanoTime(), !"false".equals(configChild(sent, "Enabled")), configChild(sent, "Comment"),
                        functions(sent));
                distributions.put(id, state);
                return withETag(withFunctions(withStatus(answer, id), state), state.eTag());
            }
            case "GetDistribution", "GetDistributionConfig" -> {
                State state = distributions.get(id(request));
                AwsAnswer current = state == null ? answer : withETag(withFunctions(answer, state), state.eTag());
                return "GetDistribution".equals(request.operation()) ? withStatus(current, id(request)) : current;
            }
            case "ListDistributions" -> {
                return listed(answer);
            }
            case "DeleteDistribution" -> {
                distributions.remove(id(request));
                return answer;
            }
            default -> {
                return answer;
            }
        }
    }

    /** An If-Match that is not the distribution's ETag now: someone changed it since the caller's read. */
    private Optional<AwsAnswer> stale(AwsRequest request) {
        State state = distributions.get(id(request));
        String ifMatch = AwsRequest.header(request.headers(), "If-Match").orElse("");
        if (state != null && !state.eTag().equals(ifMatch)) {
            return Optional.of(AwsAnswer.error(request, 412, "PreconditionFailed", "The precondition given in one or"
                    + " more of the request-header fields evaluated to false (If-Match " + ifMatch + ", ETag now "
                    + state.eTag() + ")."));
        }
        return Optional.empty();
    }

    /**
     * AWS's InvalidArgument for an origin's name, a comment or a tag AWS would not take; InvalidFunctionAssociation for
     * a function that is not published.
     */
    private Optional<AwsAnswer> invalid(AwsRequest request) {
        Document config = xml(request.body());
        for (Association function : functions(config)) {
            if (!liveFunction.test(function.arn())) {
                return Optional.of(AwsAnswer.error(request, 400, "InvalidFunctionAssociation", "The function "
                        + function.arn() + " does not exist or is not published (LIVE)."));
            }
        }
        List<String> problems = new ArrayList<>();
        NodeList origins = config.getElementsByTagName("Origin");
        for (int i = 0; i < origins.getLength(); i++) {
            String name = child((Element) origins.item(i), "DomainName");
            if (IP_ADDRESS.matcher(name).matches()) {
                problems.add("The parameter origin name cannot be an IP address (" + name + ").");
            } else if (!ORIGIN_NAME.matcher(name).matches()) {
                problems.add("The parameter origin name must be a domain name (" + name + ").");
            }
        }
        if (configChild(config, "Comment").length() > 128) {
            problems.add("The parameter Comment is too long (at most 128 characters).");
        }
        for (String field : List.of("Key", "Value")) {
            NodeList tags = config.getElementsByTagName(field);
            for (int i = 0; i < tags.getLength(); i++) {
                if (!TAG_TEXT.matcher(tags.item(i).getTextContent()).matches()) {
                    problems.add("The tag " + field.toLowerCase() + " '" + tags.item(i).getTextContent()
                            + "' has characters CloudFront does not allow.");
                }
            }
        }
        return problems.isEmpty() ? Optional.empty()
                : Optional.of(AwsAnswer.error(request, 400, "InvalidArgument", String.join(" ", problems)));
    }

    private boolean deploying(State state) {
        return System.nanoTime() - state.changedAt() < windows.get().cloudFrontDeploy().toNanos();
    }

    /** The distribution's status as AWS would say it: InProgress until its last change is everywhere. */
    private AwsAnswer withStatus(AwsAnswer answer, String id) {
        State state = distributions.get(id);
        if (state == null) {
            return answer;
        }
        Document document = xml(answer.body());
        NodeList statuses = document.getElementsByTagName("Status");
        for (int i = 0; i < statuses.getLength(); i++) {
            statuses.item(i).setTextContent(deploying(state) ? "InProgress" : "Deployed");
        }
        return new AwsAnswer(answer.status(), answer.headers(), bytes(document));
    }

    /** The list with each summary's status and comment as AWS gives them. */
    private AwsAnswer listed(AwsAnswer answer) {
        Document document = xml(answer.body());
        NodeList summaries = document.getElementsByTagName("DistributionSummary");
        for (int i = 0; i < summaries.getLength(); i++) {
            Element summary = (Element) summaries.item(i);
            State state = distributions.get(child(summary, "Id"));
            if (state == null) {
                continue;
            }
            NodeList status = summary.getElementsByTagName("Status");
            if (status.getLength() > 0) {
                status.item(0).setTextContent(deploying(state) ? "InProgress" : "Deployed");
            }
            if (summary.getElementsByTagName("Comment").getLength() == 0) {
                Element comment = document.createElementNS(summary.getNamespaceURI(), "Comment");
                comment.setTextContent(state.comment());
                summary.appendChild(comment);
            }
        }
        return new AwsAnswer(answer.status(), answer.headers(), bytes(document));
    }

    private static AwsAnswer withETag(AwsAnswer answer, String eTag) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        answer.headers().forEach((name, values) -> {
            if (!"etag".equalsIgnoreCase(name)) {
                headers.put(name, values);
            }
        });
        headers.put("ETag", List.of(eTag));
        return new AwsAnswer(answer.status(), headers, answer.body());
    }

    private static String id(AwsRequest request) {
        Matcher matcher = DISTRIBUTION_PATH.matcher(request.path());
        return matcher.find() ? matcher.group(1) : "";
    }

    private static Optional<String> text(Document document, String element) {
        NodeList found = document.getElementsByTagName(element);
        return found.getLength() == 0 ? Optional.empty() : Optional.of(found.item(0).getTextContent());
    }

    /** The CloudFront functions a configuration associates. */
    private static List<Association> functions(Document config) {
        NodeList associations = config.getElementsByTagNameNS("*", "FunctionAssociation");
        List<Association> found = new ArrayList<>();
        for (int i = 0; i < associations.getLength(); i++) {
            Element association = (Element) associations.item(i);
            found.add(new Association(child(association, "FunctionARN"), child(association, "EventType")));
        }
        return found;
    }

    /** The answer with the functions the distribution was given on its default cache behaviour, as AWS keeps them. */
    private static AwsAnswer withFunctions(AwsAnswer answer, State state) {
        Document document = xml(answer.body());
        NodeList behaviors = document.getElementsByTagNameNS("*", "DefaultCacheBehavior");
        for (int i = 0; i < behaviors.getLength(); i++) {
            Element behavior = (Element) behaviors.item(i);
            String namespace = behavior.getNamespaceURI();
            NodeList old = behavior.getElementsByTagNameNS("*", "FunctionAssociations");
            for (int j = old.getLength() - 1; j >= 0; j--) {
                behavior.removeChild(old.item(j));
            }
            Element associations = document.createElementNS(namespace, "FunctionAssociations");
            Element quantity = document.createElementNS(namespace, "Quantity");
            quantity.setTextContent(Integer.toString(state.functions().size()));
            associations.appendChild(quantity);
            if (!state.functions().isEmpty()) {
                Element items = document.createElementNS(namespace, "Items");
                for (Association function : state.functions()) {
                    Element item = document.createElementNS(namespace, "FunctionAssociation");
                    Element arn = document.createElementNS(namespace, "FunctionARN");
                    arn.setTextContent(function.arn());
                    Element eventType = document.createElementNS(namespace, "EventType");
                    eventType.setTextContent(function.eventType());
                    item.appendChild(arn);
                    item.appendChild(eventType);
                    items.appendChild(item);
                }
                associations.appendChild(items);
            }
            behavior.appendChild(associations);
        }
        return new AwsAnswer(answer.status(), answer.headers(), bytes(document));
    }

    /** A setting of the distribution itself (not of an origin or a behaviour), from a request's configuration. */
    private static String configChild(Document document, String name) {
        NodeList configs = document.getElementsByTagNameNS("*", "DistributionConfig");
        return configs.getLength() == 0 ? "" : child((Element) configs.item(0), name);
    }

    private static String child(Element parent, String name) {
        return Xml.child(parent, name).map(Element::getTextContent).orElse("");
    }

    private static Document xml(byte[] body) {
        return Xml.parse(body);
    }

    private static byte[] bytes(Document document) {
        return Xml.bytes(document);
    }

    @Override
    public void reset() {
        distributions.clear();
    }
}
