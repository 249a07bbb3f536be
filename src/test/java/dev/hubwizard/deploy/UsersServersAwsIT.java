package dev.hubwizard.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hubwizard.aws.AccessPoints;
import dev.hubwizard.aws.AwsClients;
import dev.hubwizard.aws.AwsTexts;
import dev.hubwizard.aws.DeletionWaits;
import dev.hubwizard.aws.HubTaskRoles;
import dev.hubwizard.aws.ProfileTags;
import dev.hubwizard.aws.ResourceKind;
import dev.hubwizard.aws.SecurityGroups;
import dev.hubwizard.engine.JournalStore;
import dev.hubwizard.engine.RunResult;
import dev.hubwizard.engine.Session;
import dev.hubwizard.engine.Step;
import dev.hubwizard.profile.Profile;
import dev.hubwizard.profile.ServerPlacement;
import dev.hubwizard.profile.UserServers;
import dev.hubwizard.testbed.AwsCallRecorder;
import dev.hubwizard.testbed.MotoServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionField;
import software.amazon.awssdk.services.route53.model.GetHostedZoneResponse;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A deploy with users' servers in their own Fargate tasks, against moto: the groups that name each other, the users'
 * repository and task definition, the hub's variables and its task role's permissions; a redeploy that changes
 * nothing; and a teardown that leaves nothing of what the hub made for people (their tasks, their families).
 */
@ExtendWith(EmptyAwsAccount.class)
class UsersServersAwsIT {

    private static final DeletionWaits WAITS = new DeletionWaits(Duration.ofSeconds(5), Duration.ofMillis(200));

    private final AwsTestBed bed = new AwsTestBed();
    private final Profile profile = AwsTestBed.profile()
            .withServers(UserServers.DEFAULT.withPlacement(ServerPlacement.FARGATE));
    private final AwsTexts texts = new AwsTexts(AwsTestBed.PROFILE);
    private AwsClients aws;

    @TempDir
    Path dir;

    @BeforeEach
    void emptyAccount(AwsClients clients) {
        aws = clients;
    }

    private Session deployed(JournalStore store) {
        Session session = AwsTestBed.session(store);
        RunResult result = bed.run(bed.plan(profile, aws), session);
        assertThat(result.succeeded()).as(bed.failures(result)).isTrue();
        return session;
    }

    @Test
    void theHubAndTheUsersGroupsAdmitEachOtherOnTheirPortsOnly() {
        deployed(new FileJournalStore(dir.resolve("journal")));

        SecurityGroup hub = group(texts.securityGroupName());
        SecurityGroup users = group(texts.usersSecurityGroupName());
        assertThat(rules(users)).containsExactly(SecurityGroups.USER_PORT + " from " + hub.groupId());
        assertThat(rules(hub)).containsExactlyInAnyOrder(SecurityGroups.HUB_PORT + " from " + AwsTestBed.CIDR,
                SecurityGroups.HUB_API_PORT + " from " + users.groupId());
        assertThat(Tags.ec2(aws, users.groupId())).containsEntry("hubwizard:profile", AwsTestBed.PROFILE)
                .containsEntry("Name", texts.usersSecurityGroupName());
    }

    @Test
    void theUsersTaskDefinitionRunsTheUsersImageAndTheHubKnowsWhereToStartIt() throws Exception {
        Session session = deployed(new FileJournalStore(dir.resolve("journal")));

        TaskDefinition users = aws.ecs().describeTaskDefinition(r -> r.taskDefinition(texts.userTaskFamily()))
                .taskDefinition();
        ContainerDefinition notebook = users.containerDefinitions().get(0);
        assertThat(notebook.name()).isEqualTo("notebook");
        assertThat(notebook.image()).endsWith("/" + texts.userRepositoryName() + ":1");
        assertThat(notebook.portMappings()).singleElement().satisfies(p -> assertThat(p.containerPort())
                .isEqualTo(8888));
        assertThat(users.taskRoleArn()).as("users' servers get no AWS permissions").isNull();
        assertThat(users.cpu()).isEqualTo("512");
        assertThat(users.memory()).isEqualTo("1024");
        assertThat(aws.ecr().describeRepositories(r -> r.repositoryNames(texts.userRepositoryName())).repositories())
                .hasSize(1);
        assertThat(session.journal().ofKind(ResourceKind.ECR_REPOSITORY)).hasSize(2);

        Map<String, String> environment = aws.ecs().describeTaskDefinition(r -> r.taskDefinition(
                        profile.names().taskFamily())).taskDefinition().containerDefinitions().get(0).environment()
                .stream().collect(Collectors.toMap(KeyValuePair::name, KeyValuePair::value));
        String cluster = aws.ecs().describeClusters(r -> r.clusters(profile.names().cluster())).clusters().get(0)
                .clusterArn();
        assertThat(environment).containsEntry("HUB_SPAWNER", "fargate")
                .containsEntry("HUB_FARGATE_CLUSTER", cluster)
                .containsEntry("HUB_FARGATE_TASK_DEFINITION", texts.userTaskFamily())
                .containsEntry("HUB_FARGATE_SECURITY_GROUPS", group(texts.usersSecurityGroupName()).groupId())
                .containsEntry("HUB_FARGATE_PROFILE", AwsTestBed.PROFILE)
                .containsEntry("HUB_SERVER_SIZES", "Small=0.5/1, Medium=1/4, Large=4/16")
                .containsEntry("HUB_API_PORT", "8081")
                .containsEntry("HUB_FARGATE_API_NAME", texts.hubApiName())
                .doesNotContainKey("HUB_FARGATE_FILE_SYSTEM");
        String zone = environment.get("HUB_FARGATE_API_ZONE");
        GetHostedZoneResponse privateZone = aws.route53().getHostedZone(r -> r.id(zone));
        assertThat(privateZone.hostedZone().config().privateZone()).isTrue();
        assertThat(privateZone.hostedZone().name()).isEqualTo(texts.privateZoneName() + ".");
        assertThat(privateZone.vpCs()).singleElement().satisfies(v -> assertThat(v.vpcId())
                .isEqualTo(group(texts.usersSecurityGroupName()).vpcId()));
        assertThat(aws.route53().listTagsForResource(r -> r.resourceType("hostedzone").resourceId(zone))
                .resourceTagSet().tags()).anySatisfy(t -> assertThat(t.key() + "=" + t.value())
                .isEqualTo("hubwizard:profile=" + AwsTestBed.PROFILE));
        String vpc = privateZone.vpCs().get(0).vpcId();
        assertThat(aws.ec2().describeVpcAttribute(r -> r.vpcId(vpc).attribute("enableDnsSupport"))
                .enableDnsSupport().value()).as("a private zone answers only with the VPC's DNS on").isTrue();
        assertThat(aws.ec2().describeVpcAttribute(r -> r.vpcId(vpc).attribute("enableDnsHostnames"))
                .enableDnsHostnames().value()).isTrue();

        JsonNode policy = new ObjectMapper().readTree(URLDecoder.decode(aws.iam().getRolePolicy(r -> r
                .roleName(texts.taskRoleName()).policyName(HubTaskRoles.POLICY_NAME)).policyDocument(),
                StandardCharsets.UTF_8));
        List<String> actions = new ArrayList<>();
        policy.get("Statement").forEach(s -> (s.get("Action").isArray() ? s.get("Action")
                : new ObjectMapper().createArrayNode().add(s.get("Action"))).forEach(a -> actions.add(a.asText())));
        assertThat(actions).contains("ssm:GetParameter", "ecs:RunTask", "ecs:StopTask", "ecs:DescribeTasks",
                "ecs:ListTasks", "iam:PassRole", "route53:ChangeResourceRecordSets", "route53:GetChange")
                .doesNotContain("ecs:RegisterTaskDefinition");
    }

    @Test
    void aRedeployWithNothingChangedOnlyReads() {
        JournalStore store = new FileJournalStore(dir.resolve("journal"));
        deployed(store);
        Map<String, List<String>> afterFirst = Inventory.ids(aws);

        AwsCallRecorder.clear();
        deployed(store);

        assertThat(AwsCallRecorder.changingCalls()).as("a redeploy with nothing changed only reads").isEmpty();
        assertThat(Inventory.ids(aws)).isEqualTo(afterFirst);
    }

    @Test
    void teardownStopsUsersServersAndDeregistersEveryPersonsFamily() throws Exception {
        JournalStore store = new FileJournalStore(dir.resolve("journal"));
        deployed(store);
        String cluster = profile.names().cluster();
        SecurityGroup users = group(texts.usersSecurityGroupName());
        List<String> subnets = aws.ec2().describeSubnets(r -> r.filters(Filter.builder().name("vpc-id")
                .values(users.vpcId()).build())).subnets().stream().map(s -> s.subnetId()).toList();
        // What the hub does for a person with a home folder: a family of their own, and their server's task.
        TaskDefinition base = aws.ecs().describeTaskDefinition(r -> r.taskDefinition(texts.userTaskFamily())
                .include(TaskDefinitionField.TAGS)).taskDefinition();
        String ana = texts.userTaskFamily() + "-ana";
        aws.ecs().registerTaskDefinition(r -> r.family(ana).networkMode(base.networkMode())
                .requiresCompatibilities(base.requiresCompatibilities()).cpu(base.cpu()).memory(base.memory())
                .executionRoleArn(base.executionRoleArn()).containerDefinitions(base.containerDefinitions())
                .tags(t -> t.key(ProfileTags.PROFILE_KEY).value(AwsTestBed.PROFILE), t -> t.key("jupyterhub:user")
                        .value("ana")));
        // Another profile's family that shares the prefix stays.
        String other = texts.userTaskFamily() + "-user";
        aws.ecs().registerTaskDefinition(r -> r.family(other).networkMode(base.networkMode())
                .requiresCompatibilities(base.requiresCompatibilities()).cpu(base.cpu()).memory(base.memory())
                .containerDefinitions(base.containerDefinitions())
                .tags(t -> t.key(ProfileTags.PROFILE_KEY).value(AwsTestBed.PROFILE + "-user")));
        String task = aws.ecs().runTask(r -> r.cluster(cluster).taskDefinition(ana).launchType(LaunchType.FARGATE)
                .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets(subnets)
                        .securityGroups(users.groupId())))
                .tags(t -> t.key(ProfileTags.PROFILE_KEY).value(AwsTestBed.PROFILE))).tasks().get(0).taskArn();
        // The hub pointed its private name at its task, as it does at every start.
        String zone = AwsTestBed.session(store).journal().ofKind(ResourceKind.PRIVATE_ZONE).get(0).id();
        aws.route53().changeResourceRecordSets(r -> r.hostedZoneId(zone).changeBatch(c -> c.changes(ch -> ch
                .action("UPSERT").resourceRecordSet(rs -> rs.name(texts.hubApiName()).type("A").ttl(10L)
                        .resourceRecords(v -> v.value("10.0.1.23"))))));
        // Fargate lets the task's network interface go once it has stopped; moto keeps it.
        Thread fargate = releasesInterfaceOnceStopped(cluster, task);

        RunResult result = bed.run(TeardownPlan.create(profile, aws, TeardownChoices.DELETE_EVERYTHING, WAITS),
                AwsTestBed.session(store));
        fargate.join();

        assertThat(result.succeeded()).as(bed.failures(result)).isTrue();
        assertThat(aws.ecs().describeTasks(r -> r.cluster(cluster).tasks(task)).tasks())
                .allSatisfy(t -> assertThat(t.lastStatus()).isEqualTo("STOPPED"));
        assertThat(aws.ecs().listTaskDefinitions(r -> r.status("ACTIVE")).taskDefinitionArns())
                .singleElement().satisfies(arn -> assertThat(arn).contains("/" + other + ":"));
        Map<String, List<String>> left = Inventory.ids(aws);
        left.remove("task-definition");
        assertThat(left).allSatisfy((kind, ids) -> assertThat(ids).as(kind).isEmpty());
    }

    @Test
    void aTeardownInterruptedAfterAnyOfTheUsersStepsFinishesWhenRunAgain() throws Exception {
        List<String> order = TeardownPlan.create(profile, aws, TeardownChoices.DELETE_EVERYTHING, WAITS).steps()
                .stream().map(Step::id).toList();
        for (String last : List.of(StopTasksStep.ID, DeregisterUsersFamiliesStep.ID, DeleteHomeAccessPointsStep.ID,
                TeardownPlan.USERS_SECURITY_GROUP)) {
            MotoServer.shared().reset();
            JournalStore store = new FileJournalStore(dir.resolve("journal-" + last));
            deployed(store);
            List<String> done = order.subList(0, order.indexOf(last) + 1);
            RunResult killed = bed.run(TeardownPlan.create(profile, aws, TeardownChoices.DELETE_EVERYTHING, WAITS)
                    .only(done), AwsTestBed.session(store));
            assertThat(killed.succeeded()).as("first " + done + "\n" + bed.failures(killed)).isTrue();

            RunResult rest = bed.run(TeardownPlan.create(profile, aws, TeardownChoices.DELETE_EVERYTHING, WAITS),
                    AwsTestBed.session(store));

            assertThat(rest.succeeded()).as("after " + last + "\n" + bed.failures(rest)).isTrue();
            assertThat(store.load()).as("after " + last).isEmpty();
            assertThat(Inventory.ids(aws)).as("after " + last)
                    .allSatisfy((kind, ids) -> assertThat(ids).as(kind).isEmpty());
        }
    }

    @Test
    void teardownDeletesOnlyThePeoplesAccessPointsAndTheFoldersStay() throws Exception {
        ProfileTags tags = new ProfileTags(AwsTestBed.PROFILE);
        String fileSystem = aws.efs().createFileSystem(r -> r.creationToken("homes").tags(
                software.amazon.awssdk.services.efs.model.Tag.builder().key(ProfileTags.PROFILE_KEY)
                        .value(AwsTestBed.PROFILE).build())).fileSystemId();
        String hubs = accessPoint(fileSystem, Map.of(ProfileTags.PROFILE_KEY, AwsTestBed.PROFILE));
        String anas = accessPoint(fileSystem, Map.of(ProfileTags.PROFILE_KEY, AwsTestBed.PROFILE,
                AccessPoints.USER_TAG, "ana"));
        String others = accessPoint(fileSystem, Map.of(ProfileTags.PROFILE_KEY, "other-hub",
                AccessPoints.USER_TAG, "ana"));
        String shared = accessPoint(fileSystem, Map.of(ProfileTags.PROFILE_KEY, AwsTestBed.PROFILE,
                AccessPoints.SHARED_TAG, "true"));
        Session session = AwsTestBed.session(JournalStore.inMemory());

        int deleted = new AccessPoints(aws, tags).deleteUsers(bed.context(session, "delete-home-access-points"),
                fileSystem);

        assertThat(deleted).isEqualTo(2);
        assertThat(aws.efs().describeAccessPoints(r -> r.fileSystemId(fileSystem)).accessPoints())
                .extracting(a -> a.accessPointId()).containsExactlyInAnyOrder(hubs, others)
                .doesNotContain(anas, shared);
    }

    private Thread releasesInterfaceOnceStopped(String cluster, String task) {
        String eni = aws.ecs().describeTasks(r -> r.cluster(cluster).tasks(task)).tasks().get(0).attachments().get(0)
                .details().stream().filter(d -> d.name().equals("networkInterfaceId")).findFirst().orElseThrow()
                .value();
        Thread fargate = new Thread(() -> {
            try {
                while (!"STOPPED".equals(aws.ecs().describeTasks(r -> r.cluster(cluster).tasks(task)).tasks().get(0)
                        .lastStatus())) {
                    Thread.sleep(50);
                }
                aws.ec2().deleteNetworkInterface(r -> r.networkInterfaceId(eni));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "fargate-releases");
        fargate.start();
        return fargate;
    }

    private String accessPoint(String fileSystem, Map<String, String> tags) {
        return aws.efs().createAccessPoint(r -> r.fileSystemId(fileSystem).tags(tags.entrySet().stream()
                .map(e -> software.amazon.awssdk.services.efs.model.Tag.builder().key(e.getKey()).value(e.getValue())
                        .build()).toList())).accessPointId();
    }

    private SecurityGroup group(String name) {
        return aws.ec2().describeSecurityGroups(r -> r.filters(Filter.builder().name("group-name").values(name)
                .build())).securityGroups().get(0);
    }

    private static List<String> rules(SecurityGroup group) {
        List<String> rules = new ArrayList<>();
        for (IpPermission p : group.ipPermissions()) {
            p.ipRanges().forEach(r -> rules.add(p.fromPort() + " from " + r.cidrIp()));
            p.userIdGroupPairs().forEach(g -> rules.add(p.fromPort() + " from " + g.groupId()));
        }
        return rules;
    }
}
