package dev.hubwizard.testbed.strict;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * An ACM certificate on its way to a listener, as AWS hands it over:
 * <ul>
 *   <li>ACM's DNS validation succeeds before the certificate is issued: DescribeCertificate reports the domain's
 *       ValidationStatus SUCCESS while the Status is still PENDING_VALIDATION, for {@link Windows#certificateIssued()}
 *       (moto issues both at once). The SDK's certificate-validated waiter looks only at the former;</li>
 *   <li>Elastic Load Balancing takes only an issued certificate: until then CreateListener and ModifyListener answer
 *       UnsupportedCertificate, and right after it still answers CertificateNotFound for
 *       {@link Windows#listenerCertificate()} ("The specified certificate does not exist" —
 *       https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateListener.html#API_CreateListener_Errors).</li>
 * </ul>
 */
final class CertificateIssuance implements AwsRule {

    private final Supplier<Windows> windows;
    /** When the strict layer first saw moto call a certificate ISSUED (System.nanoTime), by ARN. */
    private final Map<String, Long> issuedByMoto = new ConcurrentHashMap<>();
    private final Set<String> requested = ConcurrentHashMap.newKeySet();

    CertificateIssuance(Supplier<Windows> windows) {
        this.windows = windows;
    }

    @Override
    public Optional<AwsAnswer> before(AwsRequest request) {
        if (!request.is("elasticloadbalancing", "CreateListener")
                && !request.is("elasticloadbalancing", "ModifyListener")) {
            return Optional.empty();
        }
        for (Map.Entry<String, String> field : request.form().entrySet()) {
            if (!field.getKey().matches("Certificates\\.member\\.\\d+\\.CertificateArn")) {
                continue;
            }
            String arn = field.getValue();
            Long seen = issuedByMoto.get(arn);
            if (seen == null && !requested.contains(arn)) {
                // Neither requested nor described here: one made before the test, issued long ago.
                continue;
            }
            if (seen == null) {
                return Optional.of(AwsAnswer.error(request, 400, "UnsupportedCertificate", "The certificate '" + arn
                        + "' must be issued before a listener can use it"));
            }
            long now = System.nanoTime();
            long issuedAt = seen + windows.get().certificateIssued().toNanos();
            if (now < issuedAt) {
                return Optional.of(AwsAnswer.error(request, 400, "UnsupportedCertificate", "The certificate '" + arn
                        + "' must be issued before a listener can use it"));
            }
            if (now < issuedAt + windows.get().listenerCertificate().toNanos()) {
                return Optional.of(AwsAnswer.error(request, 400, "CertificateNotFound", "Certificate '" + arn
                        + "' not found"));
            }
        }
        return Optional.empty();
    }

    @Override
    public AwsAnswer after(AwsRequest request, AwsAnswer answer) {
        if (request.is("acm", "RequestCertificate") && answer.ok()) {
            requested.add(answer.json().path("CertificateArn").asText());
        }
        if (!request.is("acm", "DescribeCertificate") || !answer.ok()) {
            return answer;
        }
        JsonNode described = answer.json();
        ObjectNode certificate = (ObjectNode) described.path("Certificate");
        if (!"ISSUED".equals(certificate.path("Status").asText())) {
            return answer;
        }
        long seen = issuedByMoto.computeIfAbsent(certificate.path("CertificateArn").asText(), arn -> System.nanoTime());
        if (System.nanoTime() - seen >= windows.get().certificateIssued().toNanos()) {
            return answer;
        }
        // Validation has succeeded (moto says SUCCESS already); the certificate is not issued yet.
        certificate.put("Status", "PENDING_VALIDATION");
        certificate.remove("IssuedAt");
        return answer.withJson(described);
    }

    @Override
    public void reset() {
        issuedByMoto.clear();
        requested.clear();
    }
}
