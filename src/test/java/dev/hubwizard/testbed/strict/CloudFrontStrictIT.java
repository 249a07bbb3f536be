package dev.hubwizard.testbed.strict;

import dev.hubwizard.aws.AwsClients;
import dev.hubwizard.aws.EventualConsistency;
import dev.hubwizard.profile.AwsTarget;
import dev.hubwizard.testbed.MotoServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.cloudfront.model.DistributionConfig;
import software.amazon.awssdk.services.cloudfront.model.EventType;
import software.amazon.awssdk.services.cloudfront.model.FunctionAssociation;
import software.amazon.awssdk.services.cloudfront.model.FunctionRuntime;
import software.amazon.awssdk.services.cloudfront.model.FunctionStage;
import software.amazon.awssdk.services.cloudfront.model.GetDistributionConfigResponse;
import software.amazon.awssdk.services.ec2.model.DomainType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The strict layer's rules for the HTTPS address, each once: CloudFront's ETags, deployments and deletion rules and
 * what it takes as an origin; a task's public DNS name and CloudFront's prefix list as EC2 gives them; Lambda's
 * refusal of a role IAM made moments ago; Lambda's and EventBridge's documented names.
 */
class CloudFrontStrictIT {

    private StrictAws strict;
    private AwsClients aws;

    @BeforeEach
    void emptyAccount() {
        MotoServer.shared().reset();
        strict = MotoServer.shared().strict();
        aws = new AwsClients(new AwsTarget("", MotoServer.REGION), new EventualConsistency(Duration.ZERO,
                Duration.ofMillis(10), Duration.ZERO));
    }

    @AfterEach
    void close() {
        strict.reset();
        aws.close();
    }

    @Test
    void aDistributionChangesOnlyWithItsCurrentETagAndGoesOnlyDisabledAndDeployed() throws Exception {
        strict.windows(Windows.SHARED.withCloudFrontDeploy(Duration.ofMillis(600)));
        var created = aws.cloudFront().createDistribution(r -> r.distributionConfig(config("hub.example.org")));
        String id = created.distribution().id();
        assertThat(created.distribution().status()).isEqualTo("InProgress");

        GetDistributionConfigResponse first = aws.cloudFront().getDistributionConfig(r -> r.id(id));
        assertThat(first.eTag()).isEqualTo(created.eTag());
        String changed = aws.cloudFront().updateDistribution(r -> r.id(id).ifMatch(first.eTag())
                .distributionConfig(first.distributionConfig().toBuilder().comment("changed").build())).eTag();
        assertThat(changed).as("a new ETag for every change").isNotEqualTo(first.eTag());
        assertThat(code(() -> aws.cloudFront().updateDistribution(r -> r.id(id).ifMatch(first.eTag())
                .distributionConfig(first.distributionConfig())))).isEqualTo("PreconditionFailed");
        assertThat(aws.cloudFront().listDistributions().distributionList().items()).singleElement()
                .satisfies(d -> assertThat(d.comment()).isEqualTo("changed"));

        assertThat(code(() -> aws.cloudFront().deleteDistribution(r -> r.id(id).ifMatch(changed))))
                .as("enabled").isEqualTo("DistributionNotDisabled");
        DistributionConfig current = aws.cloudFront().getDistributionConfig(r -> r.id(id)).distributionConfig();
        String disabled = aws.cloudFront().updateDistribution(r -> r.id(id).ifMatch(changed)
                .distributionConfig(current.toBuilder().enabled(false).build())).eTag();
        assertThat(code(() -> aws.cloudFront().deleteDistribution(r -> r.id(id).ifMatch(disabled))))
                .as("disabled, but not yet everywhere").isEqualTo("DistributionNotDisabled");
        assertThat(aws.cloudFront().getDistribution(r -> r.id(id)).distribution().status()).isEqualTo("InProgress");
        Thread.sleep(700);
        assertThat(aws.cloudFront().getDistribution(r -> r.id(id)).distribution().status()).isEqualTo("Deployed");
        aws.cloudFront().deleteDistribution(r -> r.id(id).ifMatch(disabled));
    }

    @Test
    void aFunctionIsUsedOnlyOncePublishedChangesWithItsETagAndGoesOnlyWhenNoDistributionUsesIt() {
        var created = aws.cloudFront().createFunction(r -> r.name("hubwizard-lab-viewers")
                .functionConfig(c -> c.comment("who").runtime(FunctionRuntime.CLOUDFRONT_JS_2_0))
                .functionCode(SdkBytes.fromUtf8String("function handler(event) { return event.request; }")));
        String arn = created.functionSummary().functionMetadata().functionARN();
        DistributionConfig config = config("hub.example.org");
        DistributionConfig withFunction = config.toBuilder().defaultCacheBehavior(config.defaultCacheBehavior()
                .toBuilder().functionAssociations(f -> f.quantity(1).items(FunctionAssociation.builder()
                        .eventType(EventType.VIEWER_REQUEST).functionARN(arn).build())).build()).build();
        assertThat(code(() -> aws.cloudFront().createDistribution(r -> r.distributionConfig(withFunction))))
                .as("not published").isEqualTo("InvalidFunctionAssociation");
        assertThat(code(() -> aws.cloudFront().publishFunction(r -> r.name("hubwizard-lab-viewers")
                .ifMatch("stale")))).isEqualTo("PreconditionFailed");
        aws.cloudFront().publishFunction(r -> r.name("hubwizard-lab-viewers").ifMatch(created.eTag()));

        String id = aws.cloudFront().createDistribution(r -> r.distributionConfig(withFunction)).distribution().id();

        assertThat(aws.cloudFront().getDistributionConfig(r -> r.id(id)).distributionConfig().defaultCacheBehavior()
                .functionAssociations().items()).as("kept, where moto drops them").singleElement()
                .satisfies(f -> assertThat(f.functionARN()).isEqualTo(arn));
        assertThat(aws.cloudFront().getFunction(r -> r.name("hubwizard-lab-viewers").stage(FunctionStage.LIVE))
                .functionCode().asUtf8String()).contains("event.request");
        assertThat(aws.cloudFront().listFunctions(r -> { }).functionList().items()).singleElement()
                .satisfies(f -> assertThat(f.name()).isEqualTo("hubwizard-lab-viewers"));
        String eTag = aws.cloudFront().describeFunction(r -> r.name("hubwizard-lab-viewers")).eTag();
        assertThat(code(() -> aws.cloudFront().deleteFunction(r -> r.name("hubwizard-lab-viewers").ifMatch(eTag))))
                .isEqualTo("FunctionInUse");
        assertThat(code(() -> aws.cloudFront().createFunction(r -> r.name("hub wizard")
                .functionConfig(c -> c.comment("").runtime(FunctionRuntime.CLOUDFRONT_JS_2_0))
                .functionCode(SdkBytes.fromUtf8String("x"))))).isEqualTo("InvalidArgument");
    }

    @Test
    void anOriginIsADnsNameNeverAnIpAddress() {
        assertThat(code(() -> aws.cloudFront().createDistribution(r -> r.distributionConfig(config("198.51.100.7")))))
                .isEqualTo("InvalidArgument");
        assertThat(code(() -> aws.cloudFront().createDistribution(r -> r.distributionConfig(config("hub example")))))
                .isEqualTo("InvalidArgument");
        assertThat(code(() -> aws.cloudFront().createDistribution(r -> r.distributionConfig(config("hub.example.org")
                .toBuilder().comment("c".repeat(129)).build())))).isEqualTo("InvalidArgument");
    }

    @Test
    void aPublicAddressHasEc2sPublicDnsNameOnlyWithDnsHostnamesOn() {
        strict.windows(Windows.SHARED.withEc2NewIds(Duration.ZERO));
        String named = publicInterface(true, "127.77.9.1");
        String unnamed = publicInterface(false, "127.77.9.2");

        assertThat(association(named).publicDnsName()).isEqualTo("ec2-127-77-9-1.compute-1.amazonaws.com");
        assertThat(association(unnamed).publicDnsName()).isEmpty();
        assertThat(aws.ec2().describeManagedPrefixLists(r -> r.filters(f -> f.name("prefix-list-name")
                .values("com.amazonaws.global.cloudfront.origin-facing"))).prefixLists().get(0).maxEntries())
                .as("its weight against a group's rules").isEqualTo(55);
    }

    @Test
    void lambdaCannotAssumeARoleIamMadeMomentsAgoAndNamesFollowTheirRules() throws Exception {
        strict.windows(Windows.SHARED.withIamNewRoles(Duration.ofMillis(800)));
        String role = aws.iam().createRole(r -> r.roleName("hubwizard-hub-origin").assumeRolePolicyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":"
                        + "\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}")).role().arn();

        assertThat(code(() -> createFunction("hubwizard-hub-origin", role))).isEqualTo("InvalidParameterValueException");
        Thread.sleep(900);
        assertThat(code(() -> createFunction("hub origin", role))).isEqualTo("InvalidParameterValueException");
        createFunction("hubwizard-hub-origin", role);
        assertThat(code(() -> aws.eventBridge().putRule(r -> r.name("hub task running").eventPattern("{}"))))
                .isEqualTo("ValidationException");
    }

    private void createFunction(String name, String role) {
        aws.lambda().createFunction(r -> r.functionName(name).role(role).runtime("python3.13")
                .handler("origin_updater.handler").code(c -> c.zipFile(SdkBytes.fromByteArray(zip()))));
    }

    private String publicInterface(boolean dnsHostnames, String address) {
        String vpc = aws.ec2().createVpc(r -> r.cidrBlock("10.4.0.0/16")).vpc().vpcId();
        aws.ec2().modifyVpcAttribute(r -> r.vpcId(vpc).enableDnsHostnames(b -> b.value(dnsHostnames)));
        String subnet = aws.ec2().createSubnet(r -> r.vpcId(vpc).cidrBlock("10.4.0.0/24")).subnet().subnetId();
        String eni = aws.ec2().createNetworkInterface(r -> r.subnetId(subnet)).networkInterface().networkInterfaceId();
        String allocation = aws.ec2().allocateAddress(r -> r.domain(DomainType.VPC).address(address)).allocationId();
        aws.ec2().associateAddress(r -> r.allocationId(allocation).networkInterfaceId(eni));
        return eni;
    }

    private software.amazon.awssdk.services.ec2.model.NetworkInterfaceAssociation association(String eni) {
        return aws.ec2().describeNetworkInterfaces(r -> r.networkInterfaceIds(eni)).networkInterfaces().get(0)
                .association();
    }

    private static DistributionConfig config(String origin) {
        return DistributionConfig.builder().callerReference(UUID.randomUUID().toString()).comment("hub").enabled(true)
                .origins(o -> o.quantity(1).items(i -> i.id("hub").domainName(origin).customOriginConfig(c -> c
                        .httpPort(8000).httpsPort(443).originProtocolPolicy("http-only"))))
                .defaultCacheBehavior(b -> b.targetOriginId("hub").viewerProtocolPolicy("redirect-to-https")
                        .cachePolicyId("4135ea2d-6df8-44a3-9df3-4b5a84be39ad"))
                .build();
    }

    private static byte[] zip() {
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(zipped)) {
            zip.putNextEntry(new ZipEntry("origin_updater.py"));
            zip.write("def handler(event, context):\n    return None\n".getBytes());
            zip.closeEntry();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return zipped.toByteArray();
    }

    private static String code(Runnable call) {
        try {
            call.run();
        } catch (AwsServiceException e) {
            return e.awsErrorDetails().errorCode();
        }
        throw new AssertionError("AWS accepted it");
    }
}
