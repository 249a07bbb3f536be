package dev.hubwizard.testbed.strict;

import dev.hubwizard.aws.AwsClients;
import dev.hubwizard.aws.EventualConsistency;
import dev.hubwizard.profile.AwsTarget;
import dev.hubwizard.testbed.MotoServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.InvalidChangeBatchException;
import software.amazon.awssdk.services.route53.model.RRType;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The strict layer's Route 53 ({@link PrivateHostedZones}, {@link CallerReferences}): the hosted zones Hub Wizard
 * makes for a profile's VPC meet Route 53's rules, where moto alone is more lenient.
 */
class Route53StrictIT {

    private static final String ZONE = "team-hub.hubwizard.internal";

    private AwsClients aws;
    private String vpc;

    @BeforeEach
    void emptyAccount() {
        MotoServer.shared().reset();
        MotoServer.shared().strict().windows(Windows.SHARED.withEc2NewIds(Duration.ZERO));
        aws = new AwsClients(new AwsTarget("", MotoServer.REGION), new EventualConsistency(Duration.ZERO,
                Duration.ofMillis(10), Duration.ZERO));
        vpc = aws.ec2().createVpc(r -> r.cidrBlock("10.4.0.0/16")).vpc().vpcId();
    }

    @AfterEach
    void close() {
        aws.close();
    }

    @Test
    void aZoneMadeWithAVpcIsPrivateToItAndItsNameIsTakenThere() {
        String zone = privateZone(ZONE, vpc);

        assertThat(aws.route53().getHostedZone(r -> r.id(zone)).hostedZone().config().privateZone())
                .as("a VPC alone makes a private zone, as on Route 53").isTrue();
        assertThat(aws.route53().listHostedZonesByVPC(r -> r.vpcId(vpc).vpcRegion(MotoServer.REGION))
                .hostedZoneSummaries()).extracting(s -> s.name()).containsExactly(ZONE + ".");
        assertThat(code(() -> privateZone(ZONE.toUpperCase(java.util.Locale.ROOT) + ".", vpc)))
                .isEqualTo("ConflictingDomainExists");
        String otherVpc = aws.ec2().createVpc(r -> r.cidrBlock("10.5.0.0/16")).vpc().vpcId();
        assertThat(privateZone(ZONE, otherVpc)).as("the same name in another VPC").isNotEqualTo(zone);
        assertThat(privateZone("hub." + ZONE, vpc)).as("a child zone in the same VPC").isNotEqualTo(zone);
    }

    @Test
    void aCallerReferenceIsUsedOnceAndHasAtMost128Characters() {
        String reference = UUID.randomUUID().toString();
        String zone = aws.route53().createHostedZone(r -> r.name(ZONE).callerReference(reference)
                .vpc(v -> v.vpcId(vpc).vpcRegion(MotoServer.REGION))).hostedZone().id();

        assertThat(code(() -> aws.route53().createHostedZone(r -> r.name("other.hubwizard.internal")
                .callerReference(reference).vpc(v -> v.vpcId(vpc).vpcRegion(MotoServer.REGION)))))
                .isEqualTo("HostedZoneAlreadyExists");
        aws.route53().deleteHostedZone(r -> r.id(zone));
        assertThat(code(() -> aws.route53().createHostedZone(r -> r.name(ZONE).callerReference(reference)
                .vpc(v -> v.vpcId(vpc).vpcRegion(MotoServer.REGION))))).as("also once the zone is gone")
                .isEqualTo("HostedZoneAlreadyExists");
        assertThat(code(() -> aws.route53().createHostedZone(r -> r.name(ZONE).callerReference("r".repeat(129))
                .vpc(v -> v.vpcId(vpc).vpcRegion(MotoServer.REGION))))).isEqualTo("InvalidInput");
        assertThat(aws.route53().createHostedZone(r -> r.name(ZONE).callerReference("r".repeat(128))
                .vpc(v -> v.vpcId(vpc).vpcRegion(MotoServer.REGION))).hostedZone().id()).isNotBlank();
    }

    @Test
    void aRecordIsInItsZoneLabelByLabelAndAZoneWithRecordsStays() {
        String zone = privateZone(ZONE, vpc);

        InvalidChangeBatchException outside = catchThrowableOfType(() -> upsert(zone, "xteam-hub.hubwizard.internal"),
                InvalidChangeBatchException.class);
        assertThat(outside.awsErrorDetails().errorCode()).isEqualTo("InvalidChangeBatch");
        assertThat(code(() -> upsert(zone, "hub.example.com"))).isEqualTo("InvalidChangeBatch");
        upsert(zone, "hub." + ZONE + ".");
        upsert(zone, ZONE);

        assertThat(code(() -> aws.route53().deleteHostedZone(r -> r.id(zone)))).as("moto's own rule")
                .isEqualTo("HostedZoneNotEmpty");
    }

    private String privateZone(String name, String inVpc) {
        return aws.route53().createHostedZone(r -> r.name(name).callerReference(UUID.randomUUID().toString())
                .vpc(v -> v.vpcId(inVpc).vpcRegion(MotoServer.REGION))).hostedZone().id();
    }

    private void upsert(String zone, String name) {
        aws.route53().changeResourceRecordSets(r -> r.hostedZoneId(zone).changeBatch(b -> b.changes(c -> c
                .action(ChangeAction.UPSERT).resourceRecordSet(s -> s.name(name).type(RRType.A).ttl(10L)
                        .resourceRecords(v -> v.value("10.4.0.9"))))));
    }

    private static String code(Runnable call) {
        try {
            call.run();
        } catch (AwsServiceException e) {
            return e.awsErrorDetails().errorCode();
        }
        throw new AssertionError("Route 53 accepted it");
    }
}
