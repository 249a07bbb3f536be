package dev.hubwizard.ui.start;

import dev.hubwizard.cost.CostEstimator;
import dev.hubwizard.cost.PriceList;
import dev.hubwizard.deploy.ResourcesInAws;
import dev.hubwizard.profile.DeploymentState;
import dev.hubwizard.profile.DeploymentStatus;
import dev.hubwizard.profile.HubStanding;
import dev.hubwizard.profile.Options;
import dev.hubwizard.profile.Profile;
import dev.hubwizard.profile.ProfileStore;
import dev.hubwizard.ui.BackgroundWork;
import dev.hubwizard.ui.SampleHubs;
import dev.hubwizard.ui.ScriptedDialogs;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The start screen's commands, without a window: background work runs at once on the test's thread. */
class StartViewModelTest {

    static final CostEstimator COSTS = new CostEstimator(PriceList.bundled());

    @TempDir
    Path home;

    private ProfileStore store;
    private final ScriptedDialogs dialogs = new ScriptedDialogs();
    private final RecordingActions actions = new RecordingActions();
    private final List<String> urls = new ArrayList<>();
    private StartViewModel model;

    @BeforeEach
    void setUp() throws Exception {
        store = new ProfileStore(home.resolve("profiles"));
        SampleHubs.populate(store);
        model = new StartViewModel(store, actions, dialogs, BackgroundWork.onCallingThread(), SampleHubs.clock(),
                () -> COSTS, urls::add);
        model.reload();
    }

    private void select(String name) {
        model.selectedProperty().set(model.rows().stream().filter(r -> r.name().equals(name)).findFirst()
                .orElseThrow());
    }

    @Test
    void listsEveryProfileAndABrokenFileAsARowWithItsMistakes() {
        assertThat(model.rows()).extracting(HubRow::name).containsExactly("course-2025", SampleHubs.BROKEN, "team-hub");
        HubRow team = model.rows().get(2);
        assertThat(team.state()).isEqualTo("Deployed");
        assertThat(team.lastDeployed()).isEqualTo("3 hours ago");
        assertThat(team.lastDeployedExact()).contains("2025", "12:00");
        assertThat(team.url()).isEqualTo("http://18.194.27.161:8000");
        HubRow broken = model.rows().get(1);
        assertThat(broken.isBroken()).isTrue();
        assertThat(broken.problem()).contains("old-hub.yaml");
        assertThat(broken.mistakes()).anySatisfy(m -> assertThat(m).contains("old-hub.yaml line", "regoin"));
        assertThat(model.brokenRows()).containsExactly(broken);
        assertThat(model.selectedProperty().get().name()).as("the first row is selected").isEqualTo("course-2025");
    }

    @Test
    void actionsAreOfferedOnlyWhereTheyApply() {
        select(SampleHubs.BROKEN);
        assertThat(model.canOpenProperty().get()).isFalse();
        assertThat(model.canDeleteProperty().get()).as("a broken file can be deleted").isTrue();
        select("course-2025");
        assertThat(model.canOpenProperty().get()).isTrue();
        assertThat(model.canTearDownProperty().get()).as("nothing recorded to tear down").isFalse();
        assertThat(model.canRedeployProperty().get()).as("it was deployed once (and failed)").isTrue();
        select("team-hub");
        assertThat(model.canTearDownProperty().get()).isTrue();
    }

    @Test
    void newCreatesAProfileThatBuildsFromTheBundledHubImageAndOpensIt() throws Exception {
        dialogs.answer("lab-2025");

        model.newHub();

        assertThat(dialogs.last().body()).as("the suggested name, free").isEqualTo("team-hub-2");
        assertThat(Files.exists(store.fileOf("lab-2025"))).isTrue();
        Profile created = store.load("lab-2025");
        assertThat(created.hub().imageFolder()).as("the one that comes with the app, wherever it is").isEmpty();
        assertThat(created.aws().region()).isEqualTo("us-east-1");
        assertThat(created.names().repository()).isEqualTo("lab-2025");
        assertThat(actions.opened).containsExactly("lab-2025");
        assertThat(model.selectedProperty().get().name()).isEqualTo("lab-2025");
    }

    @Test
    void aNewNameMustBeAValidFileNameAndNotTakenInAnyLetterCase() {
        dialogs.answer(null);
        model.newHub();

        assertThat(dialogs.lastNameCheck.apply("bad name")).get().asString().contains("letters, digits");
        assertThat(dialogs.lastNameCheck.apply("Team-Hub")).get().asString().contains("already exists");
        assertThat(dialogs.lastNameCheck.apply("con")).get().asString().contains("Windows");
        assertThat(dialogs.lastNameCheck.apply("lab")).isEmpty();
        assertThat(actions.opened).as("cancelled").isEmpty();
    }

    @Test
    void duplicateCopiesTheSettingsUnderTheNewNameWithoutTheDeployment() throws Exception {
        select("team-hub");
        dialogs.answer("team-hub-copy");

        model.duplicate();

        assertThat(dialogs.last().body()).as("suggested").isEqualTo("team-hub-copy");
        Profile copy = store.load("team-hub-copy");
        assertThat(copy.task()).isEqualTo(store.load("team-hub").task());
        assertThat(copy.deployment().status()).isEqualTo(DeploymentStatus.NEW);
        assertThat(copy.names().cluster()).isEqualTo("team-hub-copy-cluster");
        assertThat(model.rows()).extracting(HubRow::name).contains("team-hub-copy");
    }

    @Test
    void deleteAsksFirstAndKeepsTheFileAsABackup() throws Exception {
        select("course-2025");
        dialogs.answer(false);
        model.delete();
        assertThat(Files.exists(store.fileOf("course-2025"))).as("cancelled").isTrue();
        assertThat(dialogs.last().body()).contains("Nothing in AWS is changed", "course-2025.yaml.bak");

        dialogs.answer(true);
        model.delete();

        assertThat(Files.exists(store.fileOf("course-2025"))).isFalse();
        assertThat(Files.exists(store.backupOf("course-2025"))).isTrue();
        assertThat(model.rows()).extracting(HubRow::name).doesNotContain("course-2025");
        assertThat(model.statusProperty().get()).contains("Deleted 'course-2025'");
    }

    @Test
    void deletingAHubThatStillHasResourcesOffersToTearItDownFirst() throws Exception {
        select("team-hub");
        dialogs.answer(StartViewModel.TEAR_DOWN_FIRST);

        model.delete();

        ScriptedDialogs.Question question = dialogs.last();
        assertThat(question.choices()).containsExactly(StartViewModel.TEAR_DOWN_FIRST, StartViewModel.DELETE_ANYWAY);
        assertThat(question.header()).contains("2 AWS resources");
        assertThat(question.body()).contains("only record", "Tear the hub down first");
        assertThat(actions.tornDown).containsExactly("team-hub");
        assertThat(Files.exists(store.fileOf("team-hub"))).isTrue();
    }

    @Test
    void deleteAnywayRemovesAHubThatStillHasResources() throws Exception {
        select("team-hub");
        dialogs.answer(StartViewModel.DELETE_ANYWAY);

        model.delete();

        assertThat(Files.exists(store.fileOf("team-hub"))).isFalse();
        assertThat(actions.tornDown).isEmpty();
    }

    @Test
    void aBrokenFileCanBeDeleted() throws Exception {
        select(SampleHubs.BROKEN);
        dialogs.answer(true);

        model.delete();

        assertThat(dialogs.last().body()).contains("cannot be read");
        assertThat(Files.exists(store.fileOf(SampleHubs.BROKEN))).isFalse();
    }

    @Test
    void redeployWarnsAndRedeploysOnlyWhenTheUserAgrees() {
        select("team-hub");
        dialogs.answer(false);
        model.redeploy();
        assertThat(actions.redeployed).isEmpty();
        assertThat(dialogs.last().body()).contains("The address changes", "http://18.194.27.161:8000 stops working");

        dialogs.answer(true);
        model.redeploy();

        assertThat(actions.redeployed).containsExactly("team-hub");
    }

    @Test
    void aDeployThatStoppedHalfWaySaysWhatItLeftInAwsAndWhatThatCosts() throws Exception {
        store.save(SampleHubs.interrupted("lab"));
        Profile half = SampleHubs.interrupted("lab-2");
        store.save(half.withDeployment(new DeploymentState(DeploymentStatus.DEPLOYING, half.deployment().resources(),
                "", "", "", "", "", null)));
        model.reload();

        HubRow lab = model.rows().stream().filter(r -> r.name().equals("lab")).findFirst().orElseThrow();
        String inAws = ResourcesInAws.of(store.load("lab"), COSTS).text();
        assertThat(inAws).startsWith("12 resources in AWS, about $");
        assertThat(lab.state()).isEqualTo("Interrupted");
        assertThat(lab.inAws()).isEqualTo(inAws);
        assertThat(lab.stateDetail()).contains(inAws, "Resume", "Tear down");
        assertThat(lab.lastDeployed()).isEqualTo("Never");
        assertThat(model.interruptedRows()).extracting(HubRow::name).containsExactly("lab", "lab-2");

        model.resume(lab);
        assertThat(actions.deployed).containsExactly("lab");

        dialogs.answer(true);
        model.tearDown(model.interruptedRows().get(1));
        assertThat(dialogs.last().body()).contains("12 AWS resources");
        assertThat(actions.tornDown).containsExactly("lab-2");
    }

    @Test
    void aHubWithNothingInAwsIsDeployedAfterSayingWhatItCostsAndIsNotRedeployed() throws Exception {
        store.save(SampleHubs.valid("fresh"));
        store.save(SampleHubs.valid("gone").withDeployment(new DeploymentState(DeploymentStatus.TORN_DOWN, List.of(),
                "", "", "", "", "", SampleHubs.NOW.minus(Duration.ofDays(9)))));
        model.reload();

        for (String name : List.of("fresh", "gone")) {
            select(name);
            assertThat(model.canDeployProperty().get()).as(name).isTrue();
            assertThat(model.canRedeployProperty().get()).as(name + ": nothing to redeploy").isFalse();
        }
        select("team-hub");
        assertThat(model.canDeployProperty().get()).as("it runs: redeploy it").isFalse();

        select("gone");
        dialogs.answer(false).answer(true);
        model.deploy();
        assertThat(actions.deployed).as("cancelled").isEmpty();
        model.deploy();

        assertThat(actions.deployed).containsExactly("gone");
        assertThat(dialogs.last().header()).isEqualTo("Deploy the hub 'gone' to AWS?");
        assertThat(dialogs.last().body()).contains("tests it on this computer", "eu-central-1",
                COSTS.estimate(store.load("gone")).summary());
    }

    @Test
    void aHubWhosePreflightAloneFailedReadsLikeAnyHubNeverDeployed() throws Exception {
        store.save(SampleHubs.valid("checked").withDeployment(new DeploymentState(DeploymentStatus.FAILED, List.of(),
                "", "", "", "", "", null)));
        store.save(SampleHubs.valid("untouched"));
        model.reload();

        List<HubRow> never = model.rows().stream().filter(r -> List.of("checked", "untouched").contains(r.name()))
                .toList();
        assertThat(never).extracting(HubRow::state).containsExactly("Not deployed yet", "Not deployed yet");
        assertThat(never).extracting(HubRow::standing).containsOnly(HubStanding.NOT_DEPLOYED);
        assertThat(model.interruptedRows()).isEmpty();
    }

    @Test
    void theRedeployWarningSaysWhatIsLostGivenTheOptions() {
        Profile bare = SampleHubs.valid("x").withOptions(Options.NONE);
        assertThat(StartViewModel.redeployWarning(bare)).contains("The address changes", "users' home folders are lost");
        assertThat(StartViewModel.redeployHeader(bare)).contains("new address", "files are lost");

        Profile stable = bare.withOptions(new Options(true, "", false));
        assertThat(StartViewModel.redeployWarning(stable)).doesNotContain("address changes").contains("are lost");

        Profile keeps = bare.withOptions(new Options(false, "", true));
        assertThat(StartViewModel.redeployWarning(keeps)).contains("address changes").doesNotContain("are lost");

        Profile both = bare.withOptions(new Options(true, "hub.example.org", true));
        assertThat(StartViewModel.redeployWarning(both)).contains("stay as they are");
    }

    @Test
    void tearDownAsksFirst() {
        select("team-hub");
        dialogs.answer(false).answer(true);
        model.tearDown();
        assertThat(actions.tornDown).isEmpty();
        model.tearDown();
        assertThat(actions.tornDown).containsExactly("team-hub");
        assertThat(dialogs.last().body()).contains("2 AWS resources", "The profile stays");
    }

    @Test
    void aFailureIsExplainedAndTheListReloaded() throws Exception {
        select("course-2025");
        Files.delete(store.fileOf("course-2025")); // gone behind the app's back
        dialogs.answer(true);

        model.delete();

        assertThat(dialogs.problems).singleElement().satisfies(p -> assertThat(p.what()).contains("course-2025"));
        assertThat(model.rows()).extracting(HubRow::name).doesNotContain("course-2025");
    }

    @Test
    void theUrlOpensInTheBrowser() {
        model.openUrl(model.rows().get(2));
        model.openUrl(model.rows().get(0)); // no URL: nothing to open
        assertThat(urls).containsExactly("http://18.194.27.161:8000");
    }

    @Test
    void anEmptyFolderListsNothing() throws Exception {
        StartViewModel empty = new StartViewModel(new ProfileStore(home.resolve("none")), actions, dialogs,
                BackgroundWork.onCallingThread(), SampleHubs.clock(), () -> COSTS, urls::add);
        empty.reload();
        assertThat(empty.rows()).isEmpty();
        assertThat(empty.selectedProperty().get()).isNull();
        assertThat(empty.listProblemProperty().get()).isEmpty();
    }

    @Test
    void statesAndTimesAreSaidInWords() {
        Instant now = SampleHubs.NOW;
        ZoneId utc = ZoneId.of("UTC");
        assertThat(RelativeTime.describe(now.minusSeconds(20), now, utc)).isEqualTo("just now");
        assertThat(RelativeTime.describe(now.plusSeconds(20), now, utc)).isEqualTo("just now");
        assertThat(RelativeTime.describe(now.minus(Duration.ofMinutes(1)), now, utc)).isEqualTo("1 minute ago");
        assertThat(RelativeTime.describe(now.minus(Duration.ofMinutes(59)), now, utc)).isEqualTo("59 minutes ago");
        assertThat(RelativeTime.describe(now.minus(Duration.ofHours(5)), now, utc)).isEqualTo("5 hours ago");
        assertThat(RelativeTime.describe(now.minus(Duration.ofHours(30)), now, utc)).isEqualTo("yesterday");
        assertThat(RelativeTime.describe(now.minus(Duration.ofDays(3)), now, utc)).isEqualTo("3 days ago");
        assertThat(RelativeTime.describe(now.minus(Duration.ofDays(40)), now, utc)).isEqualTo("2 Feb 2025");
        assertThat(HubRow.words(HubStanding.NOT_DEPLOYED)).isEqualTo("Not deployed yet");
        assertThat(HubRow.words(HubStanding.TORN_DOWN)).isEqualTo("Torn down");
        HubRow never = HubRow.of(new dev.hubwizard.profile.ProfileEntry.Loaded("x", Path.of("x.yaml"),
                Profile.named("x").withDeployment(DeploymentState.NEW), 2), now, utc, COSTS);
        assertThat(never.lastDeployed()).isEqualTo("Never");
        assertThat(never.lastDeployedExact()).isEmpty();
    }
}
