package dev.hubwizard.deploy;

import dev.hubwizard.aws.AwsClients;
import dev.hubwizard.aws.DeletionWaits;
import dev.hubwizard.aws.ResourceKind;
import dev.hubwizard.engine.Intent;
import dev.hubwizard.engine.JournalStore;
import dev.hubwizard.engine.Plan;
import dev.hubwizard.engine.ResourceRecord;
import dev.hubwizard.engine.RunResult;
import dev.hubwizard.engine.Session;
import dev.hubwizard.engine.Step;
import dev.hubwizard.engine.StepState;
import dev.hubwizard.profile.Profile;
import dev.hubwizard.testbed.AwsCallRecorder;
import dev.hubwizard.testbed.MotoServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.Task;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The teardown against moto, on the AWS half of a deploy ({@link AwsTestBed}): its preview, the order
 * and rules it deletes by, and a teardown interrupted after any step. {@link LifecycleIT} runs it after
 * real deploys.
 */
@ExtendWith(EmptyAwsAccount.class)
class TeardownIT {

    /** Short, so that a test that leaves something in use fails fast; moto itself never makes anyone wait. */
    private static final DeletionWaits WAITS = new DeletionWaits(Duration.ofSeconds(5), Duration.ofMillis(200));

    private final AwsTestBed bed = new AwsTestBed();
    private final Profile profile = AwsTestBed.profile();
    private AwsClients aws;

    @TempDir
    Path dir;

    @BeforeEach
    void emptyAccount(AwsClients clients) {
        aws = clients;
    }

    private JournalStore deployed(String name) {
        JournalStore store = new FileJournalStore(dir.resolve(name));
        RunResult result = bed.run(bed.plan(profile, aws), AwsTestBed.session(store));
        assertThat(result.succeeded()).as(bed.failures(result)).isTrue();
        return store;
    }

    private Plan teardown(TeardownChoices choices) {
        return TeardownPlan.create(profile, aws, choices, WAITS);
    }

    /** Nothing a deploy creates is left: the listing of every kind is empty. */
    private void assertNothingLeft(String when) {
        assertThat(Inventory.ids(aws)).as(when).allSatisfy((kind, ids) -> assertThat(ids).as(kind).isEmpty());
    }

    @Test
    void thePreviewListsEveryRecordedResourceByKindAndIdFromTheJournalAlone() throws Exception {
        JournalStore store = deployed("journal");
        Session session = AwsTestBed.session(store);
        List<ResourceRecord> records = store.load();

        AwsCallRecorder.clear();
        List<Intent> everything = TeardownPlan.preview(teardown(TeardownChoices.DELETE_EVERYTHING), session);
        List<Intent> keepingImages = TeardownPlan.preview(teardown(TeardownChoices.KEEP_IMAGES), session);

        assertThat(AwsCallRecorder.calls()).as("the preview reads the journal, not AWS").isEmpty();
        assertThat(everything).filteredOn(i -> i.action() != Intent.Action.RUN)
                .allSatisfy(i -> assertThat(i.action()).isEqualTo(Intent.Action.DELETE))
                .extracting(Intent::name)
                .containsExactlyInAnyOrderElementsOf(records.stream().map(ResourceRecord::id).toList());
        assertThat(everything).extracting(Intent::kind).contains("ECS service", "task definition", "ECS cluster",
                "log group", "security group", "route table", "internet gateway", "subnet", "VPC", "IAM role",
                "ECR repository");
        assertThat(everything).filteredOn(i -> i.action() == Intent.Action.RUN).singleElement()
                .satisfies(i -> assertThat(i.name()).contains("team-hub-cluster"));
        assertThat(keepingImages).filteredOn(i -> i.action() == Intent.Action.KEEP).singleElement()
                .satisfies(i -> {
                    assertThat(i.kind()).isEqualTo("ECR repository");
                    assertThat(i.detail()).contains("team-hub").contains("kept");
                });
    }

    @Test
    void aTeardownInterruptedAfterAnyStepFinishesWhenRunAgain() throws Exception {
        List<String> order = teardown(TeardownChoices.DELETE_EVERYTHING).steps().stream().map(Step::id).toList();
        for (int n = 1; n < order.size(); n++) {
            MotoServer.shared().reset();
            JournalStore store = deployed("journal-" + n);
            List<String> done = order.subList(0, n);
            RunResult killed = bed.run(teardown(TeardownChoices.DELETE_EVERYTHING).only(done),
                    AwsTestBed.session(store));
            assertThat(killed.succeeded()).as("first " + done + "\n" + bed.failures(killed)).isTrue();

            // A new app start: nothing in memory, only the journal on disk.
            RunResult rest = bed.run(teardown(TeardownChoices.DELETE_EVERYTHING), AwsTestBed.session(store));

            assertThat(rest.succeeded()).as("after " + done + "\n" + bed.failures(rest)).isTrue();
            assertThat(store.load()).as("after " + done).isEmpty();
            assertNothingLeft("after " + done);
        }
    }

    @Test
    void aResourceThatDoesNotCarryTheProfilesTagIsLeftAloneAndReported() throws Exception {
        JournalStore store = deployed("journal");
        // Someone deleted the hub's log group and made one of the same name for another profile...
        aws.logs().deleteLogGroup(r -> r.logGroupName("/ecs/team-hub"));
        aws.logs().createLogGroup(r -> r.logGroupName("/ecs/team-hub").tags(Map.of("hubwizard:profile", "other")));
        // ...and the profile file was edited by hand to list a repository it never made.
        String foreign = aws.ecr().createRepository(r -> r.repositoryName("someone-elses")).repository()
                .repositoryArn();
        Session session = AwsTestBed.session(store);
        session.journal().record(new ResourceRecord(ResourceKind.ECR_REPOSITORY, foreign, "someone-elses", Map.of(),
                "by hand", Instant.now()));

        RunResult result = bed.run(teardown(TeardownChoices.DELETE_EVERYTHING), session);

        assertThat(result.state(LeftoversStep.ID)).isEqualTo(StepState.FAILED);
        assertThat(result.outcomes().values()).filteredOn(e -> !e.stepId().equals(LeftoversStep.ID))
                .allSatisfy(e -> assertThat(e.state()).as(e.stepId()).isEqualTo(StepState.DONE));
        var problem = result.firstFailure().orElseThrow().problem();
        assertThat(problem.what()).isEqualTo("2 resource(s) of profile team-hub are still in AWS");
        assertThat(problem.why()).contains("log group /ecs/team-hub: Left log group /ecs/team-hub alone")
                .contains("it is tagged hubwizard:profile=other, not hubwizard:profile=team-hub")
                .contains("ECR repository " + foreign + " (someone-elses): Left ECR repository")
                .contains("it has no hubwizard:profile tag")
                .contains("remove its entry from deployment.resources");
        assertThat(problem.next()).contains("run the teardown again");
        assertThat(store.load()).extracting(ResourceRecord::kind)
                .containsExactlyInAnyOrder(ResourceKind.LOG_GROUP, ResourceKind.ECR_REPOSITORY);
        assertThat(aws.logs().describeLogGroups().logGroups()).extracting(g -> g.logGroupName())
                .containsExactly("/ecs/team-hub");
        assertThat(aws.ecr().describeRepositories().repositories()).extracting(r -> r.repositoryName())
                .containsExactly("someone-elses");
        assertThat(Inventory.ids(aws).get("vpc")).isEmpty();
    }

    @Test
    void whatIsAlreadyGoneIsForgottenAndSaidSo() throws Exception {
        JournalStore store = deployed("journal");
        aws.logs().deleteLogGroup(r -> r.logGroupName("/ecs/team-hub"));
        aws.ecr().deleteRepository(r -> r.repositoryName("team-hub"));

        RunResult result = bed.run(teardown(TeardownChoices.DELETE_EVERYTHING), AwsTestBed.session(store));

        assertThat(result.succeeded()).as(bed.failures(result)).isTrue();
        assertThat(store.load()).isEmpty();
        assertThat(bed.logText()).contains("Log group /ecs/team-hub is already gone: forgetting it")
                .containsPattern("ECR repository arn:\\S+ \\(team-hub\\) is already gone");
        assertNothingLeft("after the teardown");
    }

    @Test
    void theExecutionRoleStaysWhileATaskDefinitionOutsideTheProfileRunsWithIt() throws Exception {
        JournalStore store = deployed("journal");
        String role = store.load().stream().filter(r -> r.kind().equals(ResourceKind.IAM_ROLE)).findFirst()
                .orElseThrow().id();
        // Another hub (or a person) reused the well-known role without recording it as theirs.
        aws.ecs().registerTaskDefinition(r -> r.family("someone-elses-app").executionRoleArn(role)
                .requiresCompatibilities(software.amazon.awssdk.services.ecs.model.Compatibility.FARGATE)
                .networkMode("awsvpc").cpu("256").memory("512")
                .containerDefinitions(c -> c.name("app").image("public.ecr.aws/docker/library/busybox")));

        RunResult result = bed.run(teardown(TeardownChoices.DELETE_EVERYTHING), AwsTestBed.session(store));

        assertThat(result.succeeded()).as(bed.failures(result)).isTrue();
        assertThat(aws.iam().listRoles().roles()).extracting(r -> r.arn()).containsExactly(role);
        assertThat(store.load()).isEmpty();
        assertThat(bed.logText()).contains("Leaving the IAM role ecsTaskExecutionRole in place")
                .contains("someone-elses-app:1");
    }

    @Test
    void deletingTheSharedRoleReadsOtherFamiliesOnceEachNotEveryRevisionInTheRegion() throws Exception {
        JournalStore store = deployed("journal");
        // Other people's apps in the region: three families of five revisions, none with the role.
        for (int family = 1; family <= 3; family++) {
            for (int revision = 1; revision <= 5; revision++) {
                String name = "someone-elses-app-" + family;
                aws.ecs().registerTaskDefinition(r -> r.family(name)
                        .requiresCompatibilities(software.amazon.awssdk.services.ecs.model.Compatibility.FARGATE)
                        .networkMode("awsvpc").cpu("256").memory("512")
                        .containerDefinitions(c -> c.name("app").image("public.ecr.aws/docker/library/busybox")));
            }
        }

        AwsCallRecorder.clear();
        RunResult result = bed.run(teardown(TeardownChoices.DELETE_EVERYTHING), AwsTestBed.session(store));

        assertThat(result.succeeded()).as(bed.failures(result)).isTrue();
        assertThat(aws.iam().listRoles().roles()).isEmpty();
        // The profile's own revision when it is deregistered, then one look per other family.
        assertThat(AwsCallRecorder.calls()).filteredOn("Ecs.DescribeTaskDefinition"::equals).hasSizeLessThanOrEqualTo(4);
        assertThat(AwsCallRecorder.calls()).doesNotContain("Ecs.ListTaskDefinitions");
    }

    @Test
    void networkInterfacesReleasedLateHoldTheNetworkAndAreNamedUntilTheyGo() throws Exception {
        assertThat(DeletionWaits.DEFAULT.timeout()).as("ENIs take up to ~15 min to go on AWS")
                .isGreaterThanOrEqualTo(Duration.ofMinutes(20));
        JournalStore store = deployed("journal");
        // The hub's task as ECS starts it: its network interface is in the hub's subnet and security group...
        Task hub = new EcsScheduler(aws).startTask("team-hub-cluster", "team-hub-service");
        String eni = hub.attachments().get(0).details().stream().filter(d -> d.name().equals("networkInterfaceId"))
                .findFirst().orElseThrow().value();
        // ...and Fargate lets it go a while after the task stopped (on AWS: minutes).
        Thread fargate = new Thread(() -> {
            try {
                while (!"STOPPED".equals(status(hub))) {
                    Thread.sleep(50);
                }
                Thread.sleep(1500);
                aws.ec2().deleteNetworkInterface(r -> r.networkInterfaceId(eni));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "fargate-releases-late");
        fargate.start();

        RunResult result = bed.run(teardown(TeardownChoices.DELETE_EVERYTHING), AwsTestBed.session(store));
        fargate.join();

        assertThat(result.succeeded()).as(bed.failures(result)).isTrue();
        assertThat(bed.logText()).containsPattern("Security group sg-\\w+ is still in use \\(DependencyViolation.*\\): "
                + "held by network interface\\(s\\) " + eni)
                .contains("tries again every 200 ms for up to 5 s");
        assertNothingLeft("after the teardown");
    }

    @Test
    void onlyTheProfilesTasksAreStopped() throws Exception {
        JournalStore store = deployed("journal");
        EcsScheduler scheduler = new EcsScheduler(aws);
        Task hub = scheduler.startTask("team-hub-cluster", "team-hub-service");
        // A task someone started by hand in the hub's cluster: not tagged for the profile.
        Task other = aws.ecs().runTask(r -> r.cluster("team-hub-cluster").taskDefinition(hub.taskDefinitionArn())
                .launchType(LaunchType.FARGATE).networkConfiguration(aws.ecs().describeServices(s -> s
                        .cluster("team-hub-cluster").services("team-hub-service")).services().get(0)
                        .networkConfiguration())).tasks().get(0);

        RunResult result = bed.run(teardown(TeardownChoices.DELETE_EVERYTHING), AwsTestBed.session(store));

        assertThat(result.state(StopTasksStep.ID)).isEqualTo(StepState.DONE);
        assertThat(status(hub)).isEqualTo("STOPPED");
        assertThat(status(other)).isEqualTo("RUNNING");
        assertThat(bed.logText()).contains("Stopping task " + hub.taskArn().substring(hub.taskArn().lastIndexOf('/')
                + 1)).contains("1 task(s) in cluster");
    }

    private String status(Task task) {
        return aws.ecs().describeTasks(r -> r.cluster("team-hub-cluster").tasks(task.taskArn())).tasks().get(0)
                .lastStatus();
    }
}
