package dev.hubwizard.aws;

import dev.hubwizard.engine.Problem;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** When DNS validation does not happen in time, the message says which record to add, and where. */
class CertificatesTest {

    private static final DnsRecord VALIDATION = new DnsRecord("_x1.hub.example.org.", "CNAME",
            "_y2.acm-validations.aws.", false);

    @Test
    void withTheZoneElsewhereTheUserIsToldWhatToAddWhere() {
        Problem problem = Certificates.notIssued("hub.example.org", VALIDATION, Duration.ofMinutes(30));

        assertThat(problem.what()).isEqualTo("The certificate for hub.example.org is not issued yet");
        assertThat(problem.why()).contains("CNAME _x1.hub.example.org → _y2.acm-validations.aws", "30 min",
                "your DNS provider or registrar");
        assertThat(problem.next()).contains("Add the record CNAME _x1.hub.example.org → _y2.acm-validations.aws",
                "press Retry", "72 hours");
    }

    @Test
    void withTheZoneInRoute53ItSaysHubWizardAddedIt() {
        DnsRecord added = new DnsRecord(VALIDATION.name(), "CNAME", VALIDATION.value(), true);

        assertThat(Certificates.notIssued("hub.example.org", added, Duration.ofMinutes(30)).why())
                .contains("Hub Wizard added it to the domain's Route 53 zone");
    }
}
