package dev.hubwizard.deploy;

import dev.hubwizard.aws.AwsClients;
import dev.hubwizard.aws.EventualConsistency;
import dev.hubwizard.aws.HubNetwork;
import dev.hubwizard.engine.JournalStore;
import dev.hubwizard.engine.Plan;
import dev.hubwizard.engine.ProblemException;
import dev.hubwizard.engine.RunResult;
import dev.hubwizard.engine.Session;
import dev.hubwizard.engine.Step;
import dev.hubwizard.engine.StepContext;
import dev.hubwizard.engine.StepState;
import dev.hubwizard.profile.AwsTarget;
import dev.hubwizard.profile.Options;
import dev.hubwizard.profile.Profile;
import dev.hubwizard.testbed.MotoServer;
import dev.hubwizard.testbed.strict.StrictAws;
import dev.hubwizard.testbed.strict.Windows;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.acm.model.CertificateStatus;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.efs.model.EfsException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ElasticLoadBalancingV2Exception;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What AWS does right after a create, played by the strict layer with windows of a second or two (the shared test
 * bed plays them in fractions of one): each deploy step that uses what was just made waits or asks again until AWS
 * knows it, and the same step without that patience — the code as it was — fails the way a user's first deploy
 * would on real AWS.
 */
@ExtendWith(EmptyAwsAccount.class)
class EventualConsistencyIT {

    private final AwsTestBed bed = new AwsTestBed();
    private final Profile profile = AwsTestBed.profile();
    private final StrictAws strict = MotoServer.shared().strict();
    private final List<AwsClients> opened = new ArrayList<>();

    @AfterEach
    void close() {
        opened.forEach(AwsClients::close);
    }

    /** Clients with the tests' patience, but {@code newIds} and {@code iamPropagation} as given. */
    private AwsClients clients(Duration newIds, Duration iamPropagation) {
        AwsClients aws = new AwsClients(new AwsTarget("", MotoServer.REGION), new EventualConsistency(newIds,
                StrictAws.PATIENCE.firstRetry(), iamPropagation));
        opened.add(aws);
        return aws;
    }

    private StepContext run(Step step, Session session) throws Exception {
        StepContext context = bed.context(session, step.id());
        step.run(context);
        return context;
    }

    @Test
    void newEc2ResourcesAreAskedForAgainUntilEc2KnowsThem() throws Exception {
        strict.windows(Windows.SHARED.withEc2NewIds(Duration.ofMillis(1500)));
        AwsClients impatient = clients(Duration.ZERO, StrictAws.PATIENCE.iamPropagation());

        assertThatThrownBy(() -> run(new NetworkStep(profile, impatient), AwsTestBed.session(JournalStore.inMemory())))
                .isInstanceOfSatisfying(ProblemException.class,
                        e -> assertThat(e.problem().why()).contains("InvalidVpcID.NotFound"));

        MotoServer.shared().reset();
        strict.windows(Windows.SHARED.withEc2NewIds(Duration.ofMillis(1500)));
        AwsClients aws = clients(StrictAws.PATIENCE.newIds(), StrictAws.PATIENCE.iamPropagation());
        long started = System.nanoTime();
        HubNetwork network = run(new NetworkStep(profile, aws), AwsTestBed.session(JournalStore.inMemory()))
                .require(NetworkStep.NETWORK);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("each new resource waited for")
                .isGreaterThan(Duration.ofMillis(1500));
        assertThat(aws.ec2().describeSubnets(r -> r.subnetIds(network.subnetIds())).subnets()).hasSize(2)
                .allSatisfy(s -> assertThat(s.mapPublicIpOnLaunch()).isTrue());
        assertThat(aws.ec2().describeSecurityGroups(r -> r.groupIds(network.securityGroupId())).securityGroups()
                .get(0).ipPermissions()).hasSize(1);
    }

    @Test
    void aLoadBalancerAndAMountTargetWaitForTheSubnetsAndGroupsJustMade() {
        strict.windows(Windows.SHARED.withEc2NewIds(Duration.ofMillis(1500)));
        AwsClients aws = clients(StrictAws.PATIENCE.newIds(), StrictAws.PATIENCE.iamPropagation());
        AwsClients impatient = clients(Duration.ZERO, StrictAws.PATIENCE.iamPropagation());
        NewNetwork network = NewNetwork.made(aws.ec2(), "10.3");

        assertThatThrownBy(() -> impatient.elbv2().createLoadBalancer(r -> r.name("consistency-alb")
                .subnets(network.subnets()).securityGroups(network.group())))
                .isInstanceOfSatisfying(ElasticLoadBalancingV2Exception.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SubnetNotFound"));

        NewNetwork fresh = NewNetwork.made(aws.ec2(), "10.4");
        assertThat(aws.elbv2().createLoadBalancer(r -> r.name("consistency-alb-2").subnets(fresh.subnets())
                .securityGroups(fresh.group())).loadBalancers()).hasSize(1);

        String fileSystem = aws.efs().createFileSystem(r -> r.creationToken("consistency-" + System.nanoTime()))
                .fileSystemId();
        NewNetwork third = NewNetwork.made(aws.ec2(), "10.5");
        assertThatThrownBy(() -> impatient.efs().createMountTarget(r -> r.fileSystemId(fileSystem)
                .subnetId(third.subnets().get(0)).securityGroups(third.group())))
                .isInstanceOfSatisfying(EfsException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SubnetNotFound"));
        NewNetwork another = NewNetwork.made(aws.ec2(), "10.6");
        assertThat(aws.efs().createMountTarget(r -> r.fileSystemId(fileSystem).subnetId(another.subnets().get(0))
                .securityGroups(another.group())).mountTargetId()).isNotBlank();
    }

    /** A VPC with two subnets and a security group, made by clients patient enough for EC2's own window. */
    private record NewNetwork(List<String> subnets, String group) {
        static NewNetwork made(Ec2Client ec2, String prefix) {
            String vpc = ec2.createVpc(r -> r.cidrBlock(prefix + ".0.0/16")).vpc().vpcId();
            List<String> subnets = List.of("a", "b").stream().map(zone -> ec2.createSubnet(r -> r.vpcId(vpc)
                    .cidrBlock(prefix + (zone.equals("a") ? ".0.0/24" : ".1.0/24")).availabilityZone("us-east-1" + zone))
                    .subnet().subnetId()).toList();
            String group = ec2.createSecurityGroup(r -> r.vpcId(vpc).groupName("consistency-" + prefix)
                    .description("eventual consistency")).groupId();
            return new NewNetwork(subnets, group);
        }
    }

    @Test
    void theServiceStartsOnlyOnceEcsCanUseTheNewExecutionRole() {
        // Longer than the steps before the service take here, even on a loaded machine (4 s was not), so that
        // the role is still new when the service starts.
        Duration iam = Duration.ofSeconds(15);
        strict.windows(Windows.SHARED.withIamNewRoles(iam));
        AwsClients impatient = clients(StrictAws.PATIENCE.newIds(), Duration.ZERO);

        RunResult failed = bed.run(bed.plan(profile, impatient), AwsTestBed.session(JournalStore.inMemory()));

        assertThat(failed.state(ServiceStep.ID)).as(bed.logText()).isEqualTo(StepState.FAILED);
        assertThat(bed.logText()).contains("ECS was unable to assume the role");

        MotoServer.shared().reset();
        strict.windows(Windows.SHARED.withIamNewRoles(iam));
        bed.log.clear();
        AwsClients aws = clients(StrictAws.PATIENCE.newIds(), iam.plusMillis(200));
        RunResult result = bed.run(bed.plan(profile, aws), AwsTestBed.session(JournalStore.inMemory()));

        assertThat(result.succeeded()).as(bed.failures(result)).isTrue();
        // The task role the live users' step makes comes after the execution role: waiting for it covers both.
        assertThat(bed.logText()).containsAnyOf("The IAM role ecsTaskExecutionRole changed",
                "The hub's task role is new or changed; IAM takes a few seconds to let ECS use it");
    }

    @Test
    void theHttpsListenerWaitsForAnIssuedCertificateThatTheLoadBalancerKnows() throws Exception {
        strict.windows(Windows.SHARED.withCertificates(Duration.ofMillis(1500), Duration.ofMillis(1000)));
        AwsClients aws = clients(StrictAws.PATIENCE.newIds(), StrictAws.PATIENCE.iamPropagation());
        TeamOptions.createZone(aws);
        Profile https = profile.withOptions(new Options(true, TeamOptions.DOMAIN, false));
        Session session = AwsTestBed.session(JournalStore.inMemory());
        List<Step> steps = new ArrayList<>(bed.steps(https, aws));
        steps.addAll(List.of(new CertificateStep(https, aws), new LoadBalancerStep(https, aws),
                new ListenersStep(https, aws), new DomainRecordStep(https, aws)));

        RunResult result = bed.run(new Plan("deploy", steps), session);

        assertThat(result.succeeded()).as(bed.failures(result)).isTrue();
        String certificate = session.values().require(CertificateStep.CERTIFICATE);
        assertThat(aws.acm().describeCertificate(r -> r.certificateArn(certificate)).certificate().status())
                .isEqualTo(CertificateStatus.ISSUED);
        assertThat(aws.elbv2().describeListeners(r -> r.loadBalancerArn(session.values()
                .require(LoadBalancerStep.LOAD_BALANCER).arn())).listeners())
                .anySatisfy(l -> assertThat(l.protocol()).isEqualTo(ProtocolEnum.HTTPS));
    }

    @Test
    void theSdksValidatedWaiterEndsBeforeTheCertificateIsIssuedAndAListenerRefusesItThen() {
        strict.windows(Windows.SHARED.withCertificates(Duration.ofSeconds(30), Duration.ofSeconds(1)));
        AwsClients aws = clients(StrictAws.PATIENCE.newIds(), StrictAws.PATIENCE.iamPropagation());
        String arn = aws.acm().requestCertificate(r -> r.domainName(TeamOptions.DOMAIN).validationMethod("DNS"))
                .certificateArn();

        // What the code waited with before: it ends on the validation's SUCCESS.
        aws.acm().waiter().waitUntilCertificateValidated(r -> r.certificateArn(arn), w -> w.maxAttempts(200)
                .backoffStrategyV2(BackoffStrategy.fixedDelayWithoutJitter(Duration.ofMillis(100))));

        assertThat(aws.acm().describeCertificate(r -> r.certificateArn(arn)).certificate().status())
                .isEqualTo(CertificateStatus.PENDING_VALIDATION);
        String vpc = aws.ec2().createVpc(r -> r.cidrBlock("10.2.0.0/16")).vpc().vpcId();
        List<String> subnets = List.of(
                aws.ec2().createSubnet(r -> r.vpcId(vpc).cidrBlock("10.2.0.0/24").availabilityZone("us-east-1a"))
                        .subnet().subnetId(),
                aws.ec2().createSubnet(r -> r.vpcId(vpc).cidrBlock("10.2.1.0/24").availabilityZone("us-east-1b"))
                        .subnet().subnetId());
        String balancer = aws.elbv2().createLoadBalancer(r -> r.name("consistency-alb").subnets(subnets))
                .loadBalancers().get(0).loadBalancerArn();
        assertThatThrownBy(() -> aws.elbv2().createListener(r -> r.loadBalancerArn(balancer).port(443)
                .protocol(ProtocolEnum.HTTPS).certificates(c -> c.certificateArn(arn))
                .defaultActions(a -> a.type("fixed-response").fixedResponseConfig(f -> f.statusCode("200")))))
                .isInstanceOfSatisfying(ElasticLoadBalancingV2Exception.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnsupportedCertificate"));
    }
}
