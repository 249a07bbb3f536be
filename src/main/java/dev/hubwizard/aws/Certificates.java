package dev.hubwizard.aws;

import dev.hubwizard.engine.Cancellation;
import dev.hubwizard.engine.Intent;
import dev.hubwizard.engine.Journal;
import dev.hubwizard.engine.Problem;
import dev.hubwizard.engine.ProblemException;
import dev.hubwizard.engine.ResourceRecord;
import dev.hubwizard.engine.StepContext;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.waiters.Waiter;
import software.amazon.awssdk.core.waiters.WaiterAcceptor;
import software.amazon.awssdk.services.acm.model.CertificateDetail;
import software.amazon.awssdk.services.acm.model.CertificateStatus;
import software.amazon.awssdk.services.acm.model.CertificateSummary;
import software.amazon.awssdk.services.acm.model.DescribeCertificateResponse;
import software.amazon.awssdk.services.acm.model.DomainValidation;
import software.amazon.awssdk.services.acm.model.ResourceNotFoundException;
import software.amazon.awssdk.services.acm.model.ValidationMethod;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static dev.hubwizard.aws.AwsCall.call;
import static dev.hubwizard.aws.AwsCall.run;

/**
 * The ACM certificate for the hub's domain, validated through DNS: ACM names a CNAME record, and issues the
 * certificate once it finds that record in the domain's DNS (and renews it for as long as it stays there).
 * A certificate this profile requested is found by the journal or by its tag; one for exactly the domain that
 * someone else already has issued in the account is reused (and left alone by teardown).
 */
public final class Certificates {

    /** ACM names the validation record within seconds of the request; minutes mean something is wrong. */
    private static final Duration RECORD_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration RECORD_POLL = Duration.ofSeconds(2);
    private static final Set<CertificateStatus> USABLE = Set.of(CertificateStatus.PENDING_VALIDATION,
            CertificateStatus.ISSUED);
    /** States ACM does not leave for ISSUED. */
    private static final Set<CertificateStatus> GAVE_UP = Set.of(CertificateStatus.FAILED, CertificateStatus.REVOKED,
            CertificateStatus.VALIDATION_TIMED_OUT, CertificateStatus.EXPIRED, CertificateStatus.INACTIVE);

    private final AwsClients aws;
    private final ProfileTags tags;

    public Certificates(AwsClients aws, ProfileTags tags) {
        this.aws = aws;
        this.tags = tags;
    }

    public Optional<CertificateDetail> find(Journal journal, String domain) throws ProblemException {
        return Journaled.find(journal, ResourceKind.CERTIFICATE, domain,
                arn -> describe(arn).filter(c -> USABLE.contains(c.status())),
                () -> byDomain(domain));
    }

    public CertificateDetail ensure(StepContext ctx, String domain) throws ProblemException {
        return Journaled.ensure(ctx, ResourceKind.CERTIFICATE, "certificate", domain, () -> find(ctx.journal(), domain),
                arn -> describe(arn).isEmpty(),
                () -> {
                    String arn = call("acm:RequestCertificate", () -> aws.acm().requestCertificate(r -> r
                            .domainName(domain)
                            .validationMethod(ValidationMethod.DNS)
                            // The same token within an hour returns the same certificate: a run that died
                            // right after the request does not leave a second one behind.
                            .idempotencyToken(new AwsTexts(tags.profile()).certificateToken(domain))
                            .tags(tags.acm(domain))).certificateArn());
                    return CertificateDetail.builder().certificateArn(arn).domainName(domain)
                            .status(CertificateStatus.PENDING_VALIDATION).build();
                },
                new Journaled.Identity<>() {
                    @Override
                    public String id(CertificateDetail c) {
                        return c.certificateArn();
                    }

                    @Override
                    public Map<String, String> attributes(CertificateDetail c) {
                        return Map.of();
                    }

                    @Override
                    public boolean owned(CertificateDetail c) throws ProblemException {
                        return ownedByProfile(c.certificateArn());
                    }
                }).resource();
    }

    /** The CNAME record ACM checks for, if it has named it yet: read-only, for previews. */
    public Optional<DnsRecord> namedValidationRecord(String arn, boolean addedByHubWizard) throws ProblemException {
        return describe(arn).flatMap(c -> c.domainValidationOptions().stream().map(DomainValidation::resourceRecord)
                        .filter(r -> r != null && r.name() != null).findFirst())
                .map(r -> new DnsRecord(r.name(), r.typeAsString(), r.value(), addedByHubWizard));
    }

    /**
     * The CNAME record ACM checks for, once ACM has named it.
     *
     * @param addedByHubWizard whether the caller puts it in Route 53 (for {@link DnsRecord})
     */
    public DnsRecord validationRecord(StepContext ctx, String arn, boolean addedByHubWizard)
            throws ProblemException, Cancellation.CancelledException, InterruptedException {
        // ACM has no waiter for this: it fills the record in within seconds of the request.
        return Polling.untilFound(ctx, RECORD_TIMEOUT, RECORD_POLL,
                () -> namedValidationRecord(arn, addedByHubWizard),
                () -> new ProblemException("ACM has not said how to validate the certificate", "the certificate "
                        + arn + " names no validation record after " + RECORD_TIMEOUT.toMinutes() + " min",
                        "Press Retry; if it keeps happening, look at it in the ACM console"));
    }

    /**
     * Waits until ACM has issued the certificate, with the SDK's waiter machinery on DescribeCertificate; on
     * timeout says what DNS record is missing where. Not the SDK's certificate-validated waiter: it ends when the
     * domain's validation succeeds, which comes before the certificate is ISSUED, and a listener takes only an
     * issued one. Elastic Load Balancing may still not know it for a moment: the listener's CertificateNotFound
     * is asked again (see {@link FreshIds}).
     */
    public void waitUntilIssued(StepContext ctx, String domain, String arn, DnsRecord validation, Duration timeout)
            throws ProblemException, Cancellation.CancelledException {
        Waiter<DescribeCertificateResponse> issued = Waiter.builder(DescribeCertificateResponse.class)
                .addAcceptor(WaiterAcceptor.successOnResponseAcceptor(r -> r.certificate().status()
                        == CertificateStatus.ISSUED))
                .addAcceptor(WaiterAcceptor.errorOnResponseAcceptor(r -> GAVE_UP.contains(r.certificate().status()),
                        "ACM gave up on the certificate"))
                .addAcceptor(WaiterAcceptor.retryOnResponseAcceptor(r -> true))
                // Asked as eagerly as AWS's other answers (1 s, then less often: every 30 s at most).
                .overrideConfiguration(Waits.upTo(timeout, aws.consistency().firstRetry(),
                        aws.consistency().firstRetry().multipliedBy(30)))
                .build();
        try {
            issued.run(() -> aws.acm().describeCertificate(r -> r.certificateArn(arn)));
            aws.fresh().add(arn);
        } catch (AwsServiceException e) {
            throw AwsProblems.explain("acm:DescribeCertificate", e);
        } catch (SdkClientException e) {
            ctx.throwIfCancelled();
            Optional<CertificateDetail> now = describe(arn);
            if (now.isPresent() && GAVE_UP.contains(now.get().status())) {
                throw new ProblemException(new Problem("ACM did not issue the certificate for " + domain,
                        "it is " + now.get().statusAsString() + (now.get().failureReason() == null ? ""
                                : " (" + now.get().failureReasonAsString() + ")"),
                        "Check that the domain is yours and that its DNS allows Amazon to issue certificates "
                                + "(a CAA record may forbid it), then press Retry"), e);
            }
            throw new ProblemException(notIssued(domain, validation, timeout), e);
        }
    }

    /** What the user reads when DNS validation has not happened in time: which record, where. */
    static Problem notIssued(String domain, DnsRecord validation, Duration waited) {
        String where = validation.addedByHubWizard()
                ? "Hub Wizard added it to the domain's Route 53 zone, and DNS changes usually reach ACM within minutes"
                : "the domain's DNS is not kept in this AWS account, so you add it where it is kept (your DNS "
                + "provider or registrar)";
        return new Problem("The certificate for " + domain + " is not issued yet",
                "ACM issues it once DNS has the record " + validation.text() + " and did not find it within "
                        + waited.toMinutes() + " min; " + where,
                "Add the record " + validation.text() + " for " + domain + " (check for typos: the name and value"
                        + " must match exactly), wait until it resolves, then press Retry; ACM keeps the request "
                        + "open for 72 hours");
    }

    /** Deletes the recorded certificate (see {@link Deletion}); a listener that still uses it makes AWS wait. */
    public void delete(StepContext ctx, ResourceRecord record, DeletionWaits waits)
            throws ProblemException, Cancellation.CancelledException, InterruptedException {
        Deletion.delete(ctx, tags, record, "certificate", () -> describe(record.id()),
                c -> ProfileTags.fromAcm(call("acm:ListTagsForCertificate", () -> aws.acm()
                        .listTagsForCertificate(r -> r.certificateArn(record.id())).tags())),
                c -> Deletion.whileInUse(ctx, waits, "certificate for " + record.name(),
                        () -> run("acm:DeleteCertificate", () -> aws.acm().deleteCertificate(r -> r
                                .certificateArn(record.id())))));
    }

    public Intent preview(Journal journal, String domain) throws ProblemException {
        Optional<CertificateDetail> certificate = find(journal, domain);
        if (certificate.isEmpty()) {
            return Intent.create("certificate", domain, "ACM, validated through DNS; free");
        }
        return certificate.get().status() == CertificateStatus.ISSUED
                ? Intent.reuse("certificate", domain, "issued")
                : Intent.reuse("certificate", domain, "waiting for its DNS validation record");
    }

    private Optional<CertificateDetail> byDomain(String domain) throws ProblemException {
        List<CertificateSummary> candidates = call("acm:ListCertificates", () -> aws.acm()
                .listCertificatesPaginator(r -> r.certificateStatuses(USABLE)).certificateSummaryList().stream()
                .filter(c -> domain.equalsIgnoreCase(c.domainName())).toList());
        for (CertificateSummary candidate : candidates) {
            if (ownedByProfile(candidate.certificateArn())) {
                return describe(candidate.certificateArn());
            }
        }
        for (CertificateSummary candidate : candidates) {
            Optional<CertificateDetail> detail = describe(candidate.certificateArn());
            if (detail.isPresent() && detail.get().status() == CertificateStatus.ISSUED) {
                return detail;
            }
        }
        return Optional.empty();
    }

    private boolean ownedByProfile(String arn) throws ProblemException {
        return tags.ownedBy(ProfileTags.fromAcm(call("acm:ListTagsForCertificate", () -> aws.acm()
                .listTagsForCertificate(r -> r.certificateArn(arn)).tags())));
    }

    private Optional<CertificateDetail> describe(String arn) throws ProblemException {
        return call("acm:DescribeCertificate", () -> {
            try {
                return Optional.of(aws.acm().describeCertificate(r -> r.certificateArn(arn)).certificate());
            } catch (ResourceNotFoundException e) {
                return Optional.empty();
            }
        });
    }
}
