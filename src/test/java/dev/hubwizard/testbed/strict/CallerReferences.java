package dev.hubwizard.testbed.strict;

import org.w3c.dom.Element;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What Route 53 does with CreateHostedZone's {@code CallerReference}, where moto takes any text, any number of times
 * (https://docs.aws.amazon.com/Route53/latest/APIReference/API_CreateHostedZone.html):
 * <ul>
 *   <li>"Length Constraints: Minimum length of 1. Maximum length of 128." — longer is {@code InvalidInput} (400);</li>
 *   <li>"You must use a unique CallerReference string every time you submit a CreateHostedZone request" — a reused
 *       one is {@code HostedZoneAlreadyExists} (409), "returned when a hosted zone has already been created with the
 *       specified CallerReference", also after that zone was deleted.</li>
 * </ul>
 * So a retried or repeated create meets what it would meet on AWS.
 */
final class CallerReferences implements AwsRule {

    private static final int MAX_LENGTH = 128;

    /** The caller references of the zones made since the last reset. */
    private final Set<String> used = ConcurrentHashMap.newKeySet();

    @Override
    public Optional<AwsAnswer> before(AwsRequest request) {
        if (!request.is("route53", "CreateHostedZone")) {
            return Optional.empty();
        }
        String reference = callerReference(request);
        int length = reference.codePointCount(0, reference.length());
        if (length < 1 || length > MAX_LENGTH) {
            return Optional.of(AwsAnswer.error(request, 400, "InvalidInput", "1 validation error detected: Value '"
                    + reference + "' at 'callerReference' failed to satisfy constraint: Member must have length "
                    + "between 1 and " + MAX_LENGTH + " (it has " + length + ")"));
        }
        if (used.contains(reference)) {
            return Optional.of(AwsAnswer.error(request, 409, "HostedZoneAlreadyExists", "A hosted zone has already "
                    + "been created with the specified caller reference."));
        }
        return Optional.empty();
    }

    @Override
    public AwsAnswer after(AwsRequest request, AwsAnswer answer) {
        if (request.is("route53", "CreateHostedZone") && answer.ok()) {
            used.add(callerReference(request));
        }
        return answer;
    }

    @Override
    public void reset() {
        used.clear();
    }

    private static String callerReference(AwsRequest request) {
        Element root = Xml.parse(request.body()).getDocumentElement();
        return Xml.child(root, "CallerReference").map(Element::getTextContent).orElse("");
    }
}
