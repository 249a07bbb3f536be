package dev.hubwizard.deploy;

import dev.hubwizard.aws.AwsClients;
import dev.hubwizard.aws.ResourceKind;
import dev.hubwizard.engine.JournalStore;
import dev.hubwizard.engine.Plan;
import dev.hubwizard.engine.ResourceRecord;
import dev.hubwizard.engine.RunResult;
import dev.hubwizard.engine.Session;
import dev.hubwizard.engine.Step;
import dev.hubwizard.profile.Profile;
import dev.hubwizard.profile.ResourceNames;
import dev.hubwizard.testbed.AwsCallRecorder;
import dev.hubwizard.testbed.MotoServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ecr.model.Tag;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The AWS half of a deploy, end to end against moto: idempotent (a second run creates nothing),
 * resumable (a run killed after any step, resumed from the journal on disk, ends like an
 * uninterrupted one).
 */
@ExtendWith(EmptyAwsAccount.class)
class AwsDeployIT {

    private final AwsTestBed bed = new AwsTestBed();
    private final Profile profile = AwsTestBed.profile();
    private AwsClients aws;

    @TempDir
    Path dir;

    @BeforeEach
    void emptyAccount(AwsClients clients) {
        aws = clients;
    }

    @Test
    void secondDeployCreatesNothing() {
        JournalStore store = new FileJournalStore(dir.resolve("journal"));
        RunResult first = bed.run(bed.plan(profile, aws), AwsTestBed.session(store));
        assertThat(first.succeeded()).as(bed.failures(first)).isTrue();
        Map<String, List<String>> afterFirst = Inventory.ids(aws);

        AwsCallRecorder.clear();
        RunResult second = bed.run(bed.plan(profile, aws), AwsTestBed.session(store));

        assertThat(second.succeeded()).as(bed.failures(second)).isTrue();
        assertThat(AwsCallRecorder.changingCalls()).as("a redeploy with nothing changed only reads").isEmpty();
        assertThat(Inventory.ids(aws)).isEqualTo(afterFirst);
        System.out.printf("AWS steps against moto: first deploy %d ms, redeploy with nothing changed %d ms"
                + " (%d calls)%n", first.wallTime().toMillis(), second.wallTime().toMillis(),
                AwsCallRecorder.calls().size());
        // A hub whose users' servers run inside it needs no private name for its API: no zone is made.
        assertThat(afterFirst.get(ResourceKind.PRIVATE_ZONE)).isEmpty();
        assertThat(afterFirst).allSatisfy((kind, ids) -> {
            if (!ResourceKind.PRIVATE_ZONE.equals(kind)) {
                assertThat(ids).as(kind).isNotEmpty();
            }
        });
        assertThat(afterFirst.get("subnet")).hasSize(2);
    }

    @Test
    void deployKilledAfterAnyStepResumesToTheSameResources() throws Exception {
        JournalStore reference = new FileJournalStore(dir.resolve("reference"));
        RunResult uninterrupted = bed.run(bed.plan(profile, aws), AwsTestBed.session(reference));
        assertThat(uninterrupted.succeeded()).as(bed.failures(uninterrupted)).isTrue();
        Map<String, List<String>> wanted = Inventory.names(aws);
        List<String> wantedJournal = journalShape(reference);

        List<Step> order = bed.plan(profile, aws).steps();
        for (int n = 1; n < order.size(); n++) {
            MotoServer.shared().reset();
            JournalStore store = new FileJournalStore(dir.resolve("journal-" + n));
            List<String> done = order.subList(0, n).stream().map(Step::id).toList();
            RunResult killed = bed.run(bed.plan(profile, aws).only(done), AwsTestBed.session(store));
            assertThat(killed.succeeded()).as(bed.failures(killed)).isTrue();

            // A new app start: nothing in memory, only the journal on disk.
            Session resumed = AwsTestBed.session(store);
            RunResult rest = bed.run(bed.plan(profile, aws), resumed);

            assertThat(rest.succeeded()).as("killed after " + done + "\n" + bed.failures(rest)).isTrue();
            assertThat(Inventory.names(aws)).as("killed after " + done).isEqualTo(wanted);
            assertThat(journalShape(store)).as("killed after " + done).isEqualTo(wantedJournal);
        }
    }

    /** The journal's kinds and names, without the ids that differ between emulator resets. */
    private static List<String> journalShape(JournalStore store) throws Exception {
        return store.load().stream().map(r -> r.kind() + " " + r.name()).sorted().collect(Collectors.toList());
    }

    @Test
    void everyCreatedResourceIsTaggedAndJournaled() throws Exception {
        JournalStore store = new FileJournalStore(dir.resolve("journal"));
        RunResult result = bed.run(bed.plan(profile, aws), AwsTestBed.session(store));
        assertThat(result.succeeded()).as(bed.failures(result)).isTrue();

        List<ResourceRecord> records = store.load();
        assertThat(records).extracting(ResourceRecord::kind).containsExactlyInAnyOrder(
                ResourceKind.ECR_REPOSITORY, ResourceKind.VPC, ResourceKind.SUBNET, ResourceKind.SUBNET,
                ResourceKind.INTERNET_GATEWAY, ResourceKind.ROUTE_TABLE, ResourceKind.SECURITY_GROUP,
                ResourceKind.ECS_CLUSTER, ResourceKind.IAM_ROLE, ResourceKind.LOG_GROUP,
                ResourceKind.TASK_DEFINITION, ResourceKind.ECS_SERVICE, ResourceKind.SSM_PARAMETER,
                ResourceKind.SSM_PARAMETER, ResourceKind.TASK_ROLE);
        Map<String, List<String>> ids = Inventory.ids(aws);
        for (String kind : List.of(ResourceKind.VPC, ResourceKind.SUBNET, ResourceKind.INTERNET_GATEWAY,
                ResourceKind.ROUTE_TABLE, ResourceKind.SECURITY_GROUP)) {
            assertThat(records.stream().filter(r -> r.kind().equals(kind)).map(ResourceRecord::id).sorted().toList())
                    .as(kind).isEqualTo(ids.get(kind));
        }
        assertThat(Tags.ec2(aws, ids.get("vpc").get(0))).containsEntry("hubwizard:profile", AwsTestBed.PROFILE)
                .containsEntry("Name", "team-hub-vpc");
    }

    @Test
    void resourcesTaggedForTheProfileButMissingFromTheJournalAreAdoptedNotDuplicated() throws Exception {
        RunResult first = bed.run(bed.plan(profile, aws), AwsTestBed.session(new FileJournalStore(dir.resolve("a"))));
        assertThat(first.succeeded()).as(bed.failures(first)).isTrue();
        Map<String, List<String>> before = Inventory.ids(aws);
        List<String> journaled = journalShape(new FileJournalStore(dir.resolve("a")));

        // As if every create had succeeded and the app had died before each record: an empty journal.
        JournalStore lost = new FileJournalStore(dir.resolve("b"));
        AwsCallRecorder.clear();
        RunResult again = bed.run(bed.plan(profile, aws), AwsTestBed.session(lost));

        assertThat(again.succeeded()).as(bed.failures(again)).isTrue();
        assertThat(Inventory.ids(aws)).isEqualTo(before);
        assertThat(AwsCallRecorder.changingCalls()).as("adopting only reads").isEmpty();
        assertThat(journalShape(lost)).isEqualTo(journaled);
        assertThat(bed.logText()).contains("Adopting VPC team-hub-vpc");
    }

    @Test
    void aRepositoryMadeByHandIsAdoptedOnlyWhenTaggedForTheProfile() throws Exception {
        aws.ecr().createRepository(r -> r.repositoryName("team-hub")
                .tags(Tag.builder().key("hubwizard:profile").value("team-hub").build()));
        aws.ecr().createRepository(r -> r.repositoryName("someone-elses"));
        Session session = AwsTestBed.session(JournalStore.inMemory());

        new RepositoryStep(profile, aws).run(bed.context(session, RepositoryStep.ID));
        Profile other = profile.withNames(new ResourceNames("someone-elses", "c", "s", "f"));
        new RepositoryStep(other, aws).run(bed.context(session, RepositoryStep.ID));

        assertThat(aws.ecr().describeRepositories().repositories()).hasSize(2);
        assertThat(session.journal().ofKind(ResourceKind.ECR_REPOSITORY)).extracting(ResourceRecord::name)
                .containsExactly("team-hub");
    }

    @Test
    void aResourceDeletedOutsideHubWizardIsMadeAgainAndItsRecordReplaced() throws Exception {
        JournalStore store = new FileJournalStore(dir.resolve("journal"));
        RunResult first = bed.run(bed.plan(profile, aws), AwsTestBed.session(store));
        assertThat(first.succeeded()).as(bed.failures(first)).isTrue();
        String vpc = store.load().stream().filter(r -> r.kind().equals(ResourceKind.VPC)).findFirst().orElseThrow()
                .id();
        String gateway = store.load().stream().filter(r -> r.kind().equals(ResourceKind.INTERNET_GATEWAY))
                .findFirst().orElseThrow().id();
        aws.ec2().detachInternetGateway(r -> r.internetGatewayId(gateway).vpcId(vpc));
        aws.ec2().deleteInternetGateway(r -> r.internetGatewayId(gateway));

        RunResult second = bed.run(bed.plan(profile, aws), AwsTestBed.session(store));

        assertThat(second.succeeded()).as(bed.failures(second)).isTrue();
        List<ResourceRecord> gateways = store.load().stream()
                .filter(r -> r.kind().equals(ResourceKind.INTERNET_GATEWAY)).toList();
        assertThat(gateways).singleElement().satisfies(r -> assertThat(r.id()).isNotEqualTo(gateway));
        String replacement = gateways.get(0).id();
        assertThat(aws.ec2().describeRouteTables(r -> r.filters(Filter.builder().name("tag:Name")
                .values("team-hub-public").build())).routeTables().get(0).routes())
                .anySatisfy(route -> {
                    assertThat(route.destinationCidrBlock()).isEqualTo("0.0.0.0/0");
                    assertThat(route.gatewayId()).isEqualTo(replacement);
                });
    }
}
