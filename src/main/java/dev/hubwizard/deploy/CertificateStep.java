package dev.hubwizard.deploy;

import dev.hubwizard.aws.AwsClients;
import dev.hubwizard.aws.Certificates;
import dev.hubwizard.aws.DnsRecord;
import dev.hubwizard.aws.DnsRecords;
import dev.hubwizard.aws.HostedZones;
import dev.hubwizard.aws.ProfileTags;
import dev.hubwizard.aws.ResourceKind;
import dev.hubwizard.engine.Intent;
import dev.hubwizard.engine.Key;
import dev.hubwizard.engine.Step;
import dev.hubwizard.engine.StepContext;
import dev.hubwizard.profile.Profile;
import software.amazon.awssdk.services.acm.model.CertificateDetail;
import software.amazon.awssdk.services.acm.model.CertificateStatus;
import software.amazon.awssdk.services.route53.model.HostedZone;
import software.amazon.awssdk.services.route53.model.RRType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The HTTPS certificate for the profile's domain: requested from ACM, validated through DNS, waited for.
 * When the account's Route 53 serves the domain, the validation record goes there; otherwise the step says
 * which record to add where ({@link #VALIDATION_RECORD}, for the wizard to show while it waits). It runs
 * from the start, beside the image build: validation takes minutes.
 */
public final class CertificateStep implements Step {

    public static final String ID = "certificate";
    /** The issued certificate's ARN. */
    public static final Key<String> CERTIFICATE = Key.of("certificate", String.class);
    /** The CNAME ACM checks for; with {@code addedByHubWizard() == false} the user must add it. */
    public static final Key<DnsRecord> VALIDATION_RECORD = Key.of("certificate-validation-record", DnsRecord.class);
    /** DNS validation usually takes minutes; a record the user adds by hand may take longer to appear. */
    public static final Duration VALIDATION_TIMEOUT = Duration.ofMinutes(30);

    private final String domain;
    private final Certificates certificates;
    private final HostedZones zones;
    private final DnsRecords records;

    public CertificateStep(Profile profile, AwsClients aws) {
        this.domain = profile.options().domainName();
        this.certificates = new Certificates(aws, new ProfileTags(profile.name()));
        this.zones = new HostedZones(aws);
        this.records = new DnsRecords(aws);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "HTTPS certificate";
    }

    @Override
    public void run(StepContext context) throws Exception {
        Optional<HostedZone> zone = zones.find(domain);
        CertificateDetail certificate = certificates.ensure(context, domain);
        String arn = certificate.certificateArn();
        boolean ours = context.journal().findById(ResourceKind.CERTIFICATE, arn).isPresent();
        if (certificate.status() == CertificateStatus.ISSUED && !ours) {
            context.log().info("Using the issued certificate " + arn + " for " + domain);
            context.put(CERTIFICATE, arn);
            return;
        }
        DnsRecord validation = certificates.validationRecord(context, arn, zone.isPresent());
        context.put(VALIDATION_RECORD, validation);
        if (zone.isPresent()) {
            // Kept for as long as the certificate: ACM renews it through the same record.
            records.ensureCname(context, zone.get(), validation.name(), validation.value());
        } else if (certificate.status() != CertificateStatus.ISSUED) {
            context.log().warn("Add this DNS record where " + domain + "'s DNS is kept (the domain's zone is not in "
                    + "this AWS account): " + validation.text() + ". ACM issues the certificate once it finds it; "
                    + "Hub Wizard waits up to " + VALIDATION_TIMEOUT.toMinutes() + " min");
        }
        if (certificate.status() != CertificateStatus.ISSUED) {
            context.log().info("Waiting up to " + VALIDATION_TIMEOUT.toMinutes() + " min for ACM to find "
                    + validation.text() + " and issue the certificate (its status ISSUED, which comes a little after "
                    + "the validation succeeds)");
            certificates.waitUntilIssued(context, domain, arn, validation, VALIDATION_TIMEOUT);
        }
        context.log().info("The certificate for " + domain + " is issued");
        context.put(CERTIFICATE, arn);
    }

    @Override
    public List<Intent> preview(StepContext context) throws Exception {
        List<Intent> intents = new ArrayList<>();
        intents.add(certificates.preview(context.journal(), domain));
        Optional<HostedZone> zone = zones.find(domain);
        Optional<DnsRecord> validation = context.get(VALIDATION_RECORD);
        if (validation.isEmpty()) {
            Optional<CertificateDetail> certificate = certificates.find(context.journal(), domain);
            validation = certificate.isEmpty() ? Optional.empty()
                    : certificates.namedValidationRecord(certificate.get().certificateArn(), zone.isPresent());
        }
        if (zone.isPresent()) {
            intents.add(validation.isPresent()
                    ? records.preview(zone.get(), validation.get().name(), RRType.CNAME, validation.get().value(),
                    "validates the certificate")
                    : Intent.create("DNS record (CNAME)", "validation of " + domain, "in Route 53 zone "
                    + DnsRecord.plain(zone.get().name()) + ": validates the certificate"));
        } else {
            intents.add(Intent.create("DNS record (CNAME)", validation.map(DnsRecord::name)
                    .orElse("validation of " + domain), "YOU add it where " + domain + "'s DNS is kept: its zone is "
                    + "not in this AWS account. Hub Wizard shows the record and waits"
                    + validation.map(v -> " (" + v.text() + ")").orElse("")));
        }
        return intents;
    }
}
