package dev.hubwizard.testbed.strict;

import dev.hubwizard.aws.AwsClients;
import dev.hubwizard.aws.EventualConsistency;
import dev.hubwizard.profile.AwsTarget;
import dev.hubwizard.testbed.MotoServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.model.IpPermission;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The strict layer itself: the shared moto answers through it as AWS would, where moto alone accepts anything.
 * Each rule once, with clients that have no patience of their own (the SDK's retries only), so that what AWS
 * would answer reaches the test.
 */
class StrictAwsIT {

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
        aws.close();
    }

    @Test
    void textsAwsRefusesAreRefusedWithAwssErrorCode() {
        String vpc = visible(aws.ec2().createVpc(r -> r.cidrBlock("10.3.0.0/16")).vpc().vpcId());

        assertThat(code(() -> aws.ec2().createSecurityGroup(r -> r.vpcId(vpc).groupName("nfs")
                .description("NFS from the hub's task")))).isEqualTo("InvalidParameterValue");
        assertThat(code(() -> aws.ec2().createSecurityGroup(r -> r.vpcId(vpc).groupName("sg-hub")
                .description("hub")))).isEqualTo("InvalidParameterValue");
        String group = aws.ec2().createSecurityGroup(r -> r.vpcId(vpc).groupName("nfs")
                .description("NFS from the hub task")).groupId();
        strict.windows(Windows.SHARED.withEc2NewIds(Duration.ZERO));
        assertThat(code(() -> aws.ec2().authorizeSecurityGroupIngress(r -> r.groupId(group).ipPermissions(
                IpPermission.builder().ipProtocol("tcp").fromPort(2049).toPort(2049)
                        .ipRanges(i -> i.cidrIp("10.0.0.0/16").description("a & b")).build()))))
                .isEqualTo("InvalidParameterValue");
        assertThat(code(() -> aws.elbv2().createLoadBalancer(r -> r.name("internal-tools-alb"))))
                .isEqualTo("ValidationError");
        assertThat(code(() -> aws.iam().createRole(r -> r.roleName("r".repeat(65)).assumeRolePolicyDocument("{}"))))
                .isEqualTo("ValidationError");
        assertThat(code(() -> aws.ecs().createCluster(r -> r.clusterName("team hub")))).isEqualTo(
                "InvalidParameterException");
        assertThat(code(() -> aws.logs().createLogGroup(r -> r.logGroupName("/ecs/team-hub")
                .tags(java.util.Map.of("hubwizard:profile", "team's"))))).isEqualTo("InvalidParameterException");
    }

    @Test
    void anAccessPointsClientTokenGivesTheOneEfsMadeWhileItExists() {
        String fileSystem = aws.efs().createFileSystem(r -> r.creationToken("shared-" + System.nanoTime())
                .encrypted(true)).fileSystemId();
        String first = aws.efs().createAccessPoint(r -> r.fileSystemId(fileSystem).clientToken("shared-folder")
                .rootDirectory(d -> d.path("/shared"))).accessPointId();

        software.amazon.awssdk.services.efs.model.AccessPointAlreadyExistsException again =
                org.assertj.core.api.Assertions.catchThrowableOfType(() -> aws.efs().createAccessPoint(r -> r
                        .fileSystemId(fileSystem).clientToken("shared-folder").rootDirectory(d -> d.path("/shared"))),
                        software.amazon.awssdk.services.efs.model.AccessPointAlreadyExistsException.class);
        assertThat(again.accessPointId()).isEqualTo(first);
        assertThat(aws.efs().describeAccessPoints(r -> r.fileSystemId(fileSystem)).accessPoints()).hasSize(1);

        aws.efs().deleteAccessPoint(r -> r.accessPointId(first));
        assertThat(aws.efs().createAccessPoint(r -> r.fileSystemId(fileSystem).clientToken("shared-folder")
                .rootDirectory(d -> d.path("/shared"))).accessPointId()).as("a deleted one is made anew")
                .isNotEqualTo(first);
    }

    @Test
    void aNewVpcIsNotFoundForItsWindowThenFound() {
        strict.windows(Windows.SHARED.withEc2NewIds(Duration.ofMillis(800)));
        String vpc = aws.ec2().createVpc(r -> r.cidrBlock("10.3.0.0/16")).vpc().vpcId();

        assertThat(code(() -> aws.ec2().describeVpcAttribute(r -> r.vpcId(vpc).attribute("enableDnsHostnames"))))
                .isEqualTo("InvalidVpcID.NotFound");
        assertThat(aws.ec2().describeVpcs(r -> r.filters(f -> f.name("vpc-id").values(vpc))).vpcs())
                .as("a filter answers, as on AWS").hasSize(1);
        visible(vpc);
        assertThat(aws.ec2().describeVpcAttribute(r -> r.vpcId(vpc).attribute("enableDnsHostnames"))
                .enableDnsHostnames().value()).isFalse();
    }

    @Test
    void aNetworkInterfaceHoldsItsSecurityGroupSubnetAndVpc() {
        strict.windows(Windows.SHARED.withEc2NewIds(Duration.ZERO));
        String vpc = aws.ec2().createVpc(r -> r.cidrBlock("10.3.0.0/16")).vpc().vpcId();
        String subnet = aws.ec2().createSubnet(r -> r.vpcId(vpc).cidrBlock("10.3.0.0/24")).subnet().subnetId();
        String group = aws.ec2().createSecurityGroup(r -> r.vpcId(vpc).groupName("hub").description("hub"))
                .groupId();
        String eni = aws.ec2().createNetworkInterface(r -> r.subnetId(subnet).groups(group)).networkInterface()
                .networkInterfaceId();

        assertThat(code(() -> aws.ec2().deleteSecurityGroup(r -> r.groupId(group)))).isEqualTo("DependencyViolation");
        assertThat(code(() -> aws.ec2().deleteSubnet(r -> r.subnetId(subnet)))).isEqualTo("DependencyViolation");
        aws.ec2().deleteNetworkInterface(r -> r.networkInterfaceId(eni));
        aws.ec2().deleteSecurityGroup(r -> r.groupId(group));
        aws.ec2().deleteSubnet(r -> r.subnetId(subnet));
        aws.ec2().deleteVpc(r -> r.vpcId(vpc));
    }

    /** Waits out the window of a new id. */
    private String visible(String id) {
        try {
            Thread.sleep(strict.windows().ec2NewIds().toMillis() + 50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return id;
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
