package dev.hubwizard.deploy;

import dev.hubwizard.aws.AwsClients;
import dev.hubwizard.aws.DeletionWaits;
import dev.hubwizard.aws.DnsRecord;
import dev.hubwizard.aws.ResourceKind;
import dev.hubwizard.engine.Intent;
import dev.hubwizard.engine.JournalStore;
import dev.hubwizard.engine.Plan;
import dev.hubwizard.engine.Preview;
import dev.hubwizard.engine.ResourceRecord;
import dev.hubwizard.engine.RunResult;
import dev.hubwizard.engine.Session;
import dev.hubwizard.engine.Step;
import dev.hubwizard.profile.Profile;
import dev.hubwizard.testbed.AwsCallRecorder;
import dev.hubwizard.testbed.MotoServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The AWS half of a deploy with every team option on, against moto: what each option creates and how it is
 * wired, a second run that changes nothing, a run killed after any step that ends without duplicates, and
 * teardowns that keep the users' files unless the hub's name was typed. {@link TeamHubIT} runs the whole
 * deploy, hub URL included.
 */
@ExtendWith(EmptyAwsAccount.class)
class TeamHubAwsIT {

    private static final DeletionWaits WAITS = new DeletionWaits(Duration.ofSeconds(5), Duration.ofMillis(200));

    private final AwsTestBed bed = new AwsTestBed();
    private final Profile profile = TeamOptions.everyOption(AwsTestBed.profile(), TeamOptions.DOMAIN);
    private AwsClients aws;

    @TempDir
    Path dir;

    @BeforeEach
    void emptyAccount(AwsClients clients) {
        aws = clients;
    }

    private Plan plan() {
        return new Plan("deploy", TeamOptions.awsSteps(profile, aws, bed));
    }

    private RunResult deploy(JournalStore store) {
        return bed.run(plan(), AwsTestBed.session(store));
    }

    @Test
    void everyOptionIsWiredAndASecondRunChangesNothing() throws Exception {
        TeamOptions.createZone(aws);
        JournalStore store = new FileJournalStore(dir.resolve("journal"));
        Session session = AwsTestBed.session(store);

        RunResult first = bed.run(plan(), session);

        assertThat(first.succeeded()).as(bed.failures(first)).isTrue();
        Map<String, List<ResourceRecord>> recorded = store.load().stream()
                .collect(Collectors.groupingBy(ResourceRecord::kind));
        assertThat(recorded.keySet()).contains(ResourceKind.LOAD_BALANCER, ResourceKind.TARGET_GROUP,
                ResourceKind.LISTENER, ResourceKind.CERTIFICATE, ResourceKind.DNS_RECORD,
                ResourceKind.LOAD_BALANCER_SECURITY_GROUP, ResourceKind.USER_POOL, ResourceKind.USER_POOL_DOMAIN,
                ResourceKind.USER_POOL_CLIENT, ResourceKind.SECRET, ResourceKind.FILE_SYSTEM,
                ResourceKind.FILE_SYSTEM_SECURITY_GROUP, ResourceKind.MOUNT_TARGET, ResourceKind.ACCESS_POINT);
        assertThat(recorded.get(ResourceKind.LISTENER)).hasSize(2);
        assertThat(recorded.get(ResourceKind.MOUNT_TARGET)).as("one per zone").hasSize(2);
        assertThat(recorded.get(ResourceKind.DNS_RECORD)).extracting(ResourceRecord::id)
                .anyMatch(id -> id.endsWith("/" + TeamOptions.DOMAIN + "/A"))
                .anyMatch(id -> id.endsWith("/CNAME"));
        for (ResourceRecord record : store.load()) {
            if (!Tags.UNTAGGABLE.contains(record.kind())) {
                assertThat(Tags.of(aws, record)).as(record.kind() + " " + record.id())
                        .containsEntry("hubwizard:profile", profile.name());
            }
        }

        // The hub's task lets in the load balancer alone; the file system lets in the hub's task alone.
        String hubGroup = only(recorded, ResourceKind.SECURITY_GROUP);
        String balancerGroup = only(recorded, ResourceKind.LOAD_BALANCER_SECURITY_GROUP);
        String nfsGroup = only(recorded, ResourceKind.FILE_SYSTEM_SECURITY_GROUP);
        assertThat(sources(hubGroup, 8000)).containsExactly(balancerGroup);
        assertThat(sources(balancerGroup, 80)).containsExactly(AwsTestBed.CIDR);
        assertThat(sources(balancerGroup, 443)).containsExactly(AwsTestBed.CIDR);
        assertThat(sources(nfsGroup, 2049)).containsExactly(hubGroup);

        // The task: Cognito's settings, its secret by ARN only, the homes on EFS with pinned ids.
        Service service = aws.ecs().describeServices(r -> r.cluster("team-hub-cluster").services("team-hub-service"))
                .services().get(0);
        assertThat(service.loadBalancers()).singleElement().satisfies(lb -> {
            assertThat(lb.targetGroupArn()).isEqualTo(only(recorded, ResourceKind.TARGET_GROUP));
            assertThat(lb.containerPort()).isEqualTo(8000);
        });
        TaskDefinition td = aws.ecs().describeTaskDefinition(r -> r.taskDefinition(service.taskDefinition()))
                .taskDefinition();
        ContainerDefinition hub = td.containerDefinitions().get(0);
        Map<String, String> environment = hub.environment().stream()
                .collect(Collectors.toMap(e -> e.name(), e -> e.value()));
        String secretArn = only(recorded, ResourceKind.SECRET);
        assertThat(environment).containsEntry("HUB_SIGN_IN", "cognito")
                .containsEntry("COGNITO_DOMAIN", "https://" + TeamOptions.DOMAIN_PREFIX + ".auth.us-east-1.amazoncognito.com")
                .containsEntry("COGNITO_CLIENT_ID", only(recorded, ResourceKind.USER_POOL_CLIENT))
                .containsEntry("HUB_CALLBACK_URL", "https://" + TeamOptions.DOMAIN + "/hub/oauth_callback")
                .containsEntry("HUB_USER_UIDS", "ada=2001,grace=2002")
                .doesNotContainKey("COGNITO_CLIENT_SECRET");
        assertThat(hub.secrets()).singleElement().satisfies(s -> {
            assertThat(s.name()).isEqualTo("COGNITO_CLIENT_SECRET");
            assertThat(s.valueFrom()).isEqualTo(secretArn);
        });
        assertThat(td.executionRoleArn()).endsWith(":role/hubwizard-team-hub-execution");
        // IAM hands policy documents back URL-encoded.
        assertThat(java.net.URLDecoder.decode(aws.iam().getRolePolicy(r -> r.roleName("hubwizard-team-hub-execution")
                .policyName("read-hub-secrets")).policyDocument(), java.nio.charset.StandardCharsets.UTF_8))
                .contains("\"" + secretArn + "\"");
        assertThat(td.volumes()).singleElement().satisfies(v -> {
            assertThat(v.efsVolumeConfiguration().fileSystemId()).isEqualTo(only(recorded, ResourceKind.FILE_SYSTEM));
            assertThat(v.efsVolumeConfiguration().authorizationConfig().accessPointId())
                    .isEqualTo(only(recorded, ResourceKind.ACCESS_POINT));
        });
        String clientSecret = aws.cognito().describeUserPoolClient(r -> r
                .userPoolId(only(recorded, ResourceKind.USER_POOL)).clientId(only(recorded, ResourceKind.USER_POOL_CLIENT)))
                .userPoolClient().clientSecret();
        assertThat(aws.secretsManager().getSecretValue(r -> r.secretId(secretArn)).secretString())
                .isEqualTo(clientSecret);
        assertThat(bed.logText()).doesNotContain(clientSecret);
        assertThat(store.load().toString()).doesNotContain(clientSecret);
        assertThat(session.values().require(CertificateStep.VALIDATION_RECORD).addedByHubWizard()).isTrue();
        assertThat(session.values().require(DomainRecordStep.DOMAIN_RECORD).addedByHubWizard()).isTrue();
        assertThat(bed.logText()).doesNotContain("unencrypted");

        Map<String, List<String>> before = Inventory.teamIds(aws);
        AwsCallRecorder.clear();
        RunResult second = deploy(store);

        assertThat(second.succeeded()).as(bed.failures(second)).isTrue();
        assertThat(AwsCallRecorder.changingCalls()).as("a redeploy with nothing changed only reads").isEmpty();
        assertThat(Inventory.teamIds(aws)).isEqualTo(before);
    }

    @Test
    void thePlanPageListsWhatEachOptionCreatesThenReuses() throws Exception {
        TeamOptions.createZone(aws);
        JournalStore store = new FileJournalStore(dir.resolve("journal"));

        List<Intent> before = intents(store);
        assertThat(deploy(store).succeeded()).isTrue();
        List<Intent> after = intents(store);

        for (String kind : List.of("load balancer", "target group", "certificate", "DNS record (CNAME)",
                "DNS record (A)", "user pool", "sign-in domain", "app client", "secret", "file system",
                "access point")) {
            assertThat(before).as(kind).filteredOn(i -> i.kind().equals(kind))
                    .allSatisfy(i -> assertThat(i.action()).isEqualTo(Intent.Action.CREATE)).isNotEmpty();
            assertThat(after).as(kind).filteredOn(i -> i.kind().equals(kind))
                    .allSatisfy(i -> assertThat(i.action()).isEqualTo(Intent.Action.REUSE)).isNotEmpty();
        }
        assertThat(after).filteredOn(i -> i.kind().equals("listener")).hasSize(2)
                .allSatisfy(i -> assertThat(i.action()).isEqualTo(Intent.Action.REUSE));
        assertThat(after).filteredOn(i -> i.kind().equals("mount target")).hasSize(2);
        assertThat(before).filteredOn(i -> i.kind().equals("security group")).extracting(Intent::name)
                .containsExactlyInAnyOrder("team-hub-alb-sg", "team-hub-sg", "team-hub-efs-sg");
        assertThat(after).filteredOn(i -> i.kind().equals("security group"))
                .allSatisfy(i -> assertThat(i.action()).isEqualTo(Intent.Action.REUSE));
    }

    /** The plan page's lines for the deploy, from a fresh session over the journal on disk. */
    private List<Intent> intents(JournalStore store) {
        return Preview.of(plan(), AwsTestBed.session(store), new dev.hubwizard.engine.RunListener() {
        }).stream().flatMap(p -> {
            assertThat(p.problem()).as(p.stepId()).isNull();
            return p.intents().stream();
        }).toList();
    }

    @Test
    void withTheDomainsZoneElsewhereTheUserIsShownTheRecordsToAdd() throws Exception {
        JournalStore store = new FileJournalStore(dir.resolve("journal"));
        Session session = AwsTestBed.session(store);

        RunResult result = bed.run(plan(), session);

        assertThat(result.succeeded()).as(bed.failures(result)).isTrue();
        DnsRecord validation = session.values().require(CertificateStep.VALIDATION_RECORD);
        DnsRecord domain = session.values().require(DomainRecordStep.DOMAIN_RECORD);
        assertThat(validation.addedByHubWizard()).isFalse();
        assertThat(validation.type()).isEqualTo("CNAME");
        assertThat(domain).isEqualTo(new DnsRecord(TeamOptions.DOMAIN, "CNAME",
                session.values().require(LoadBalancerStep.LOAD_BALANCER).dnsName(), false));
        assertThat(bed.logText()).contains("WARN [certificate] Add this DNS record where " + TeamOptions.DOMAIN
                        + "'s DNS is kept", validation.text())
                .contains("WARN [domain-record] Add this DNS record", domain.text());
        assertThat(store.load()).extracting(ResourceRecord::kind).doesNotContain(ResourceKind.DNS_RECORD);
    }

    @Test
    void aRunKilledAfterAnyStepEndsWithoutDuplicates() throws Exception {
        List<String> order = plan().steps().stream().map(Step::id).toList();
        for (int n = 1; n < order.size(); n++) {
            MotoServer.shared().reset();
            TeamOptions.createZone(aws);
            JournalStore store = new FileJournalStore(dir.resolve("journal-" + n));
            List<String> done = order.subList(0, n);
            RunResult killed = bed.run(plan().only(done), AwsTestBed.session(store));
            assertThat(killed.succeeded()).as("first " + done + "\n" + bed.failures(killed)).isTrue();

            RunResult rest = deploy(store);

            assertThat(rest.succeeded()).as("after " + done + "\n" + bed.failures(rest)).isTrue();
            Map<String, List<String>> team = Inventory.teamIds(aws);
            assertThat(team.get("load-balancer")).as("after " + done).hasSize(1);
            assertThat(team.get("listener")).as("after " + done).hasSize(2);
            assertThat(team.get("acm-certificate")).as("after " + done).hasSize(1);
            assertThat(team.get("dns-record")).as("after " + done).hasSize(2);
            assertThat(team.get("cognito-user-pool")).as("after " + done).hasSize(1);
            assertThat(team.get("cognito-app-client")).as("after " + done).hasSize(1);
            assertThat(team.get("secret")).as("after " + done).hasSize(1);
            assertThat(team.get("efs-file-system")).as("after " + done).hasSize(1);
            assertThat(team.get("efs-mount-target")).as("after " + done).hasSize(2);
            assertThat(team.get("efs-access-point")).as("after " + done).hasSize(1);
        }
    }

    @Test
    void teardownKeepsTheUsersFilesUnlessTheHubsNameWasTypedAndTouchesNothingElse() throws Exception {
        TeamOptions.createZone(aws);
        JournalStore store = new FileJournalStore(dir.resolve("journal"));
        assertThat(deploy(store).succeeded()).isTrue();
        String fileSystem = store.load().stream().filter(r -> r.kind().equals(ResourceKind.FILE_SYSTEM))
                .findFirst().orElseThrow().id();
        // Made outside the profile, named like its resources: teardown must leave them.
        String otherPool = aws.cognito().createUserPool(r -> r.poolName(TeamOptions.USER_POOL)).userPool().id();
        String otherCertificate = aws.acm().requestCertificate(r -> r.domainName(TeamOptions.DOMAIN)
                .validationMethod("DNS")).certificateArn();
        String otherFileSystem = aws.efs().createFileSystem(r -> r.creationToken("someone-elses")
                .tags(t -> t.key("Name").value("team-hub-homes"))).fileSystemId();
        aws.route53().changeResourceRecordSets(r -> r.hostedZoneId(zoneId()).changeBatch(b -> b.changes(c -> c
                .action("CREATE").resourceRecordSet(s -> s.name("www." + TeamOptions.ZONE + ".").type("CNAME")
                        .ttl(300L).resourceRecords(v -> v.value("elsewhere.example.org."))))));

        List<Intent> preview = TeardownPlan.preview(TeardownPlan.create(profile, aws,
                TeardownChoices.DELETE_EVERYTHING, WAITS), AwsTestBed.session(store));
        assertThat(preview).filteredOn(i -> i.action() == Intent.Action.KEEP)
                .extracting(Intent::kind).containsExactlyInAnyOrder("file system", "access point");
        assertThat(preview).filteredOn(i -> i.kind().equals("file system")).singleElement()
                .satisfies(i -> assertThat(i.detail()).contains("kept with the users' files, about $3.00 a month")
                        .contains("type the hub's name, team-hub"));

        RunResult kept = bed.run(TeardownPlan.create(profile, aws, TeardownChoices.DELETE_EVERYTHING, WAITS),
                AwsTestBed.session(store));

        assertThat(kept.succeeded()).as(bed.failures(kept)).isTrue();
        assertThat(store.load()).extracting(ResourceRecord::kind)
                .containsExactlyInAnyOrder(ResourceKind.FILE_SYSTEM, ResourceKind.ACCESS_POINT);
        Map<String, List<String>> left = Inventory.teamIds(aws);
        assertThat(left.get("efs-file-system")).containsExactlyInAnyOrder(fileSystem, otherFileSystem);
        assertThat(left.get("efs-mount-target")).as("they live in the hub's subnets").isEmpty();
        assertThat(left.get("cognito-user-pool")).containsExactly(otherPool);
        assertThat(left.get("acm-certificate")).containsExactly(otherCertificate);
        assertThat(left.get("dns-record")).containsExactly("CNAME www." + TeamOptions.ZONE + ".");
        assertThat(left.get("load-balancer")).isEmpty();
        assertThat(left.get("target-group")).isEmpty();
        assertThat(left.get("secret")).isEmpty();
        assertThat(Inventory.ids(aws).get("vpc")).isEmpty();
        assertThat(bed.logText()).contains("Keeping file system " + fileSystem);

        TeardownChoices typed = TeardownChoices.DELETE_EVERYTHING.deletingFileSystem(profile.name(), "team-hub");
        RunResult all = bed.run(TeardownPlan.create(profile, aws, typed, WAITS), AwsTestBed.session(store));

        assertThat(all.succeeded()).as(bed.failures(all)).isTrue();
        assertThat(store.load()).isEmpty();
        assertThat(Inventory.teamIds(aws).get("efs-file-system")).containsExactly(otherFileSystem);
    }

    private String zoneId() {
        return dev.hubwizard.aws.HostedZones.id(aws.route53().listHostedZonesByName(r -> r.dnsName(TeamOptions.ZONE
                + ".")).hostedZones().get(0));
    }

    private static String only(Map<String, List<ResourceRecord>> recorded, String kind) {
        assertThat(recorded.get(kind)).as(kind).hasSize(1);
        return recorded.get(kind).get(0).id();
    }

    private List<String> sources(String groupId, int port) {
        SecurityGroup group = aws.ec2().describeSecurityGroups(r -> r.filters(Filter.builder().name("group-id")
                .values(groupId).build())).securityGroups().get(0);
        return dev.hubwizard.aws.SecurityGroups.ingress(group, java.util.Set.of(port)).stream()
                .map(dev.hubwizard.aws.SecurityGroups.Ingress::source).toList();
    }
}
