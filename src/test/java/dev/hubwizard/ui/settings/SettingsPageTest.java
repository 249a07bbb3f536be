package dev.hubwizard.ui.settings;

import dev.hubwizard.cost.CostEstimator;
import dev.hubwizard.cost.PriceList;
import dev.hubwizard.engine.ResourceRecord;
import dev.hubwizard.profile.Architecture;
import dev.hubwizard.profile.FargateSizes;
import dev.hubwizard.profile.JupyterHubVersion;
import dev.hubwizard.profile.NetworkMode;
import dev.hubwizard.profile.Options;
import dev.hubwizard.profile.Profile;
import dev.hubwizard.profile.ProfileStore;
import dev.hubwizard.profile.ProfileValidator;
import dev.hubwizard.profile.ServerPlacement;
import dev.hubwizard.profile.ServerSize;
import dev.hubwizard.profile.SignIn;
import dev.hubwizard.profile.UserServers;
import dev.hubwizard.ui.BackgroundWork;
import dev.hubwizard.ui.SampleHubs;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The settings page's state and rules, without a window: look-ups and saving run at once. */
class SettingsPageTest {

    private static final CostEstimator COSTS = new CostEstimator(PriceList.bundled());

    @TempDir
    Path home;

    private ProfileStore store;
    private final List<Profile> saved = new ArrayList<>();
    private SettingsPage page;

    @BeforeEach
    void setUp() throws Exception {
        store = new ProfileStore(home.resolve("profiles"));
        store.save(SampleHubs.deployed("team-hub"));
        page = page(store.load("team-hub"), SampleHubs.lookups());
    }

    private SettingsPage page(Profile profile, SettingsLookups lookups) {
        return new SettingsPage(profile, store, COSTS, BackgroundWork.onCallingThread(), lookups, saved::add);
    }

    @Test
    void showsTheProfileAndTheLookedUpChoices() {
        assertThat(page.adminsProperty().get()).isEqualTo("ana");
        assertThat(page.allowedUsersProperty().get()).isEqualTo("bo\ncarl_example_org");
        assertThat(page.awsProfiles()).containsExactly("default", "work-sso", "teaching");
        assertThat(page.awsProfileProperty().get()).isEqualTo("work-sso");
        assertThat(page.regionProperty().get()).isEqualTo(new AwsRegion("eu-central-1", "Europe (Frankfurt)"));
        assertThat(page.regionProperty().get().label()).isEqualTo("eu-central-1 — Europe (Frankfurt)");
        assertThat(page.cpuProperty().get()).isEqualTo(1024);
        assertThat(page.memoryProperty().get()).isEqualTo(4096);
        assertThat(page.accessProperty().get()).as("the saved address is this computer's")
                .isEqualTo(SettingsPage.Access.MY_ADDRESS);
        assertThat(page.detectedCidrProperty().get()).isEqualTo("203.0.113.7/32");
        assertThat(page.validProperty().get()).isTrue();
        assertThat(page.blockedReasonProperty().get()).isEmpty();
        assertThat(page.edited()).isEqualTo(load("team-hub"));
    }

    @Test
    void aRegionTheListDoesNotKnowStaysChoosable() {
        SettingsPage other = page(SampleHubs.valid("lab").withAws(new dev.hubwizard.profile.AwsTarget("", "xx-test-9")),
                SampleHubs.lookups());
        assertThat(other.regions().get(0)).isEqualTo(new AwsRegion("xx-test-9", ""));
        assertThat(other.regionProperty().get().id()).isEqualTo("xx-test-9");
        assertThat(other.regions()).hasSize(AwsRegion.COMMERCIAL.size() + 1);
    }

    @Test
    void memoryChoicesFollowTheCpuAndKeepTheMemoryWhereAllowed() {
        page.cpuProperty().set(512);
        assertThat(page.memoryChoices()).isEqualTo(FargateSizes.memoryChoices(512));
        assertThat(page.memoryProperty().get()).as("4 GB is allowed with 0.5 vCPU").isEqualTo(4096);

        page.cpuProperty().set(256);
        assertThat(page.memoryChoices()).containsExactly(512, 1024, 2048);
        assertThat(page.memoryProperty().get()).as("the largest there is").isEqualTo(2048);

        page.cpuProperty().set(4096);
        assertThat(page.memoryProperty().get()).as("the smallest allowed above 2 GB").isEqualTo(8192);
        assertThat(page.validProperty().get()).isTrue();
    }

    @Test
    void anInvalidRepositoryNameBlocksNextWithTheValidatorsMessage() {
        page.repositoryProperty().set("Team Hub");

        assertThat(page.validProperty().get()).isFalse();
        String expected = ProfileValidator.repositoryName("Team Hub").orElseThrow();
        assertThat(page.problemProperty(SettingsField.REPOSITORY).get()).isEqualTo(expected);
        assertThat(page.blockedReasonProperty().get()).isEqualTo("Repository: " + expected);

        page.repositoryProperty().set("team/jupyterhub");
        assertThat(page.validProperty().get()).isTrue();
        assertThat(page.problemProperty(SettingsField.REPOSITORY).get()).isEmpty();
    }

    @Test
    void theFirstProblemNamedIsTheFirstOnThePage() {
        page.taskFamilyProperty().set("");
        page.adminsProperty().set("");

        assertThat(page.blockedReasonProperty().get()).startsWith("Admins: name at least one admin");
        assertThat(page.fieldsWithProblemsProperty().get()).containsExactly(SettingsField.ADMINS,
                SettingsField.TASK_FAMILY);
    }

    @Test
    void userNamesAreCheckedAsTheHubWillWriteThem() {
        page.adminsProperty().set("Ana@Example.org\n# a comment\n\nbo");
        assertThat(page.validProperty().get()).isTrue();
        assertThat(page.adminsNoteProperty().get()).isEqualTo("Saved as the hub writes them: ana_example_org, bo");
        assertThat(page.edited().hub().admins()).containsExactly("ana_example_org", "bo");

        page.allowedUsersProperty().set("carl\nbad name");
        assertThat(page.blockedReasonProperty().get()).startsWith("Allowed users: 'bad name' may only contain");
    }

    @Test
    void whoMayReachTheHub() {
        page.accessProperty().set(SettingsPage.Access.ANYWHERE);
        assertThat(page.edited().network().ingressCidr()).isEqualTo("0.0.0.0/0");

        page.accessProperty().set(SettingsPage.Access.CUSTOM);
        page.customCidrProperty().set("10.1.2.3/16");
        assertThat(page.blockedReasonProperty().get()).isEqualTo("Who may reach the hub: "
                + ProfileValidator.ingressCidr("10.1.2.3/16").orElseThrow());
        page.customCidrProperty().set(" 10.1.0.0/16 ");
        assertThat(page.validProperty().get()).isTrue();
        assertThat(page.edited().network().ingressCidr()).isEqualTo("10.1.0.0/16");

        page.accessProperty().set(SettingsPage.Access.MY_ADDRESS);
        assertThat(page.edited().network().ingressCidr()).isEqualTo("203.0.113.7/32");
    }

    @Test
    void theJupyterHubVersionIsAChoiceTheHubImageIsWrittenFor() {
        assertThat(page.jupyterhubVersionProperty().get()).isEqualTo(JupyterHubVersion.PINNED);

        page.jupyterhubVersionProperty().set("7.0.0");
        assertThat(page.validProperty().get()).isFalse();
        assertThat(page.problemProperty(SettingsField.JUPYTERHUB_VERSION).get())
                .isEqualTo(JupyterHubVersion.problem("7.0.0").orElseThrow());

        page.jupyterhubVersionProperty().set("6.1.1");
        assertThat(page.problemProperty(SettingsField.JUPYTERHUB_VERSION).get()).isEmpty();
        assertThat(page.edited().advanced().jupyterhubVersion()).isEqualTo("6.1.1");
        assertThat(page.edited().advanced().baseImageReference()).isEqualTo("quay.io/jupyterhub/jupyterhub:6.1.1");
    }

    @Test
    void anAddressThatCannotBeFoundNeverStopsTheUserAndTheOtherChoicesAreOffered() {
        // A new hub as the start screen makes it: first-use passwords kept with users' files.
        Profile newHub = Profile.named("new-hub").withOptions(Options.NEW_HUB.withKeepUserFiles(true));
        SettingsPage offline = page(newHub, new SettingsLookups(List::of, List::of, Optional::empty,
                Path.of("hub-image")));
        assertThat(offline.detectionProperty().get()).isEqualTo(SettingsPage.Detection.NOT_FOUND);
        assertThat(offline.accessProperty().get()).isEqualTo(SettingsPage.Access.ANYWHERE);
        assertThat(offline.problemProperty(SettingsField.INGRESS).get()).isEmpty();
        assertThat(offline.reachNoteProperty().get()).contains("could not find this computer's address",
                "From anywhere", "Only from one network");
        assertThat(offline.edited().network().ingressCidr()).isEqualTo("0.0.0.0/0");
        offline.adminsProperty().set("ana");
        assertThat(offline.validProperty().get()).as("Next is not blocked").isTrue();

        SettingsPage failing = page(Profile.named("new-hub"), new SettingsLookups(List::of, List::of, () -> {
            throw new IllegalStateException("no network");
        }, Path.of("hub-image")));
        assertThat(failing.detectionProperty().get()).isEqualTo(SettingsPage.Detection.NOT_FOUND);
    }

    @Test
    void whileTheAddressIsLookedUpNextWaits() {
        BackgroundWork never = new BackgroundWork(work -> { }, Runnable::run);
        SettingsPage waiting = new SettingsPage(SampleHubs.valid("lab").withNetwork(null), store, COSTS, never,
                SampleHubs.lookups(), saved::add);
        assertThat(waiting.detectionProperty().get()).isEqualTo(SettingsPage.Detection.LOOKING);
        assertThat(waiting.blockedReasonProperty().get()).contains("still looking up");
    }

    @Test
    void cognitoNeedsAnHttpsAddress() {
        assertThat(page.cognitoAvailableProperty().get()).isFalse();
        page.signInProperty().set(SignIn.COGNITO);
        assertThat(page.problemProperty(SettingsField.SIGN_IN).get()).contains("needs an HTTPS address")
                .contains("HTTPS on an AWS address");

        page.stableAddressProperty().set(true);
        page.domainNameProperty().set("hub.example.org");
        page.userPoolNameProperty().set("team users");
        page.domainPrefixProperty().set("team-hub-login");

        assertThat(page.cognitoAvailableProperty().get()).isTrue();
        assertThat(page.validProperty().get()).isTrue();
        assertThat(page.edited().options().https()).isTrue();
    }

    @Test
    void theAwsHttpsAddressIsEnoughForCognitoAndIsSaved() {
        page.cloudFrontProperty().set(true);
        page.signInProperty().set(SignIn.COGNITO);
        page.userPoolNameProperty().set("team users");
        page.domainPrefixProperty().set("team-hub-login");

        assertThat(page.cognitoAvailableProperty().get()).isTrue();
        assertThat(page.validProperty().get()).isTrue();
        assertThat(page.edited().options().awsAddress()).isTrue();
        assertThat(page.cloudFrontCostProperty().get()).as("within CloudFront's free tier").isEqualTo("+$0.00 a month");
    }

    @Test
    void theDomainNameCountsOnlyWithTheStableAddress() {
        page.domainNameProperty().set("not a domain");
        assertThat(page.validProperty().get()).as("the field is off").isTrue();
        assertThat(page.edited().options().domainName()).isEmpty();
        page.stableAddressProperty().set(true);
        assertThat(page.blockedReasonProperty().get()).startsWith("Domain name: ");
    }

    @Test
    void eachOptionShowsWhatItAddsToTheMonthlyBill() {
        Profile base = page.edited();
        double without = COSTS.estimate(base.withOptions(new dev.hubwizard.profile.Options(false, "", true)))
                .monthlyTotal();
        double with = COSTS.estimate(base.withOptions(new dev.hubwizard.profile.Options(true, "", true)))
                .monthlyTotal();
        assertThat(page.stableAddressCostProperty().get())
                .isEqualTo("+" + dev.hubwizard.cost.CostEstimate.dollars(with - without) + " a month");
        assertThat(page.keepUserFilesCostProperty().get()).startsWith("+$");
        assertThat(page.monthlyCostProperty().get()).startsWith("About $");
        assertThat(page.costBasisProperty().get()).contains("eu-central-1");

        String before = page.monthlyCostProperty().get();
        page.architectureProperty().set(Architecture.ARM64);
        assertThat(page.monthlyCostProperty().get()).as("ARM is cheaper").isNotEqualTo(before);

        page.regionProperty().set(new AwsRegion("xx-test-9", ""));
        assertThat(page.stableAddressCostProperty().get()).isEqualTo("cost unknown in xx-test-9");
    }

    @Test
    void theLocalPortMustBeANumberFromOneTo65535() {
        page.localPortProperty().set("80x");
        assertThat(page.blockedReasonProperty().get()).startsWith("Local test port: '80x' is not a number");
        page.localPortProperty().set("0");
        assertThat(page.blockedReasonProperty().get()).startsWith("Local test port: a port is 1 to 65535");
        page.localPortProperty().set("8888");
        assertThat(page.validProperty().get()).isTrue();
        assertThat(page.edited().hub().localPort()).isEqualTo(8888);
    }

    @Test
    void anExistingVpcNeedsItsIds() {
        page.networkModeProperty().set(NetworkMode.EXISTING_VPC);
        assertThat(page.fieldsWithProblemsProperty().get()).contains(SettingsField.VPC_ID, SettingsField.SUBNET_IDS);
        page.vpcIdProperty().set("vpc-0123456789abcdef0");
        page.subnetIdsProperty().set("subnet-0123456789abcdef0,  subnet-0fedcba9876543210\n");
        assertThat(page.validProperty().get()).isTrue();
        assertThat(page.edited().network().subnetIds()).containsExactly("subnet-0123456789abcdef0",
                "subnet-0fedcba9876543210");

        page.networkModeProperty().set(NetworkMode.DEFAULT_VPC);
        assertThat(page.edited().network().vpcId()).as("only an existing VPC keeps its ids").isEmpty();
    }

    @Test
    void namesAreDerivedFromTheHubsNameUntilEdited() {
        assertThat(page.namesDerivedProperty().get()).isTrue();
        page.clusterProperty().set("shared-cluster");
        assertThat(page.namesDerivedProperty().get()).isFalse();
        page.useDerivedNames();
        assertThat(page.clusterProperty().get()).isEqualTo("team-hub-cluster");
        assertThat(page.namesDerivedProperty().get()).isTrue();
    }

    @Test
    void nextSavesTheSettingsAndKeepsTheDeploymentOnDisk() throws Exception {
        page.repositoryProperty().set("team/jupyterhub");
        page.cpuProperty().set(2048);
        // A deploy records a resource while the user edits: the save must not lose it.
        ResourceRecord recorded = new ResourceRecord("log-group", "/hubwizard/team-hub", "team-hub", Map.of(),
                "log-group", Instant.parse("2025-03-14T15:01:00Z"));
        store.update("team-hub", p -> p.withDeployment(p.deployment().withResources(
                append(p.deployment().resources(), recorded))));
        AtomicInteger moved = new AtomicInteger();

        page.beforeLeave(moved::incrementAndGet);

        assertThat(moved.get()).isEqualTo(1);
        Profile onDisk = store.load("team-hub");
        assertThat(onDisk.names().repository()).isEqualTo("team/jupyterhub");
        assertThat(onDisk.task().cpu()).isEqualTo(2048);
        assertThat(onDisk.task().memory()).isEqualTo(4096);
        assertThat(onDisk.deployment().resources()).contains(recorded).hasSize(3);
        assertThat(onDisk.withDeployment(null)).isEqualTo(page.edited().withDeployment(null));
        assertThat(saved).containsExactly(onDisk);
    }

    @Test
    void nextDoesNothingWhileThePageIsInvalid() throws Exception {
        byte[] before = Files.readAllBytes(store.fileOf("team-hub"));
        page.adminsProperty().set("");
        AtomicInteger moved = new AtomicInteger();

        page.beforeLeave(moved::incrementAndGet);

        assertThat(moved.get()).isZero();
        assertThat(Files.readAllBytes(store.fileOf("team-hub"))).isEqualTo(before);
    }

    @Test
    void aSaveThatFailsSaysWhyAndStaysOnThePage() throws Exception {
        Path notAFolder = Files.writeString(home.resolve("file"), "x");
        SettingsPage unsaveable = new SettingsPage(SampleHubs.valid("lab"), new ProfileStore(notAFolder.resolve("p")),
                COSTS, BackgroundWork.onCallingThread(), SampleHubs.lookups(), saved::add);
        unsaveable.clusterProperty().set("lab-cluster-2");
        AtomicInteger moved = new AtomicInteger();

        unsaveable.beforeLeave(moved::incrementAndGet);

        assertThat(moved.get()).isZero();
        assertThat(unsaveable.saveProblemProperty().get()).contains("was not saved");
        assertThat(unsaveable.validProperty().get()).as("the user may try again").isTrue();
    }

    @Test
    void leavingWithoutChangesWritesNothingAndLeavingWithChangesSavesThem() throws Exception {
        byte[] before = Files.readAllBytes(store.fileOf("team-hub"));
        AtomicInteger moved = new AtomicInteger();

        page.beforeLeave(moved::incrementAndGet);

        assertThat(moved.get()).isEqualTo(1);
        assertThat(Files.readAllBytes(store.fileOf("team-hub"))).isEqualTo(before);
        assertThat(saved).isEmpty();

        page.cpuProperty().set(2048);
        assertThat(page.changedProperty().get()).isTrue();
        page.beforeLeave(moved::incrementAndGet);

        assertThat(moved.get()).isEqualTo(2);
        assertThat(store.load("team-hub").task().cpu()).isEqualTo(2048);
        assertThat(page.changedProperty().get()).isFalse();
    }

    @Test
    void settingsWithAProblemAreNotSavedWhenLeavingAndTheChangesCanBeUndone() throws Exception {
        byte[] before = Files.readAllBytes(store.fileOf("team-hub"));
        page.adminsProperty().set("");
        AtomicInteger moved = new AtomicInteger();

        page.beforeLeave(moved::incrementAndGet);

        assertThat(moved.get()).as("the page stays").isZero();
        assertThat(page.saveProblemProperty().get()).startsWith("The settings were not saved: Admins: name at least"
                + " one admin").contains("undo your changes");
        assertThat(page.wouldLose()).get().asString().startsWith("Admins:");
        assertThat(Files.readAllBytes(store.fileOf("team-hub"))).isEqualTo(before);

        page.undoChanges();

        assertThat(page.adminsProperty().get()).isEqualTo("ana");
        assertThat(page.changedProperty().get()).isFalse();
        assertThat(page.saveProblemProperty().get()).isEmpty();
        assertThat(page.wouldLose()).isEmpty();
    }

    @Test
    void howManyPeopleSuggestsTheSizeAndForAClassLetsThemInFromAnywhere() {
        SettingsPage fresh = page(Profile.named("class"), SampleHubs.lookups());
        assertThat(fresh.accessProperty().get()).as("one person trying it out").isEqualTo(SettingsPage.Access.MY_ADDRESS);
        assertThat(fresh.sizeAdviceProperty().get()).contains("1 vCPU and 2 GB serve about 2 people",
                "Say above how many people");

        fresh.peopleProperty().set("25");

        assertThat(fresh.cpuProperty().get()).isEqualTo(4096);
        assertThat(fresh.memoryProperty().get()).isEqualTo(16384);
        assertThat(fresh.accessProperty().get()).as("students at home").isEqualTo(SettingsPage.Access.ANYWHERE);
        assertThat(fresh.sizeAdviceProperty().get()).contains("4 vCPU and 16 GB serve about 30 people",
                "Enough for the 25 people");
        assertThat(fresh.edited().hub().expectedUsers()).isEqualTo(25);

        fresh.cpuProperty().set(1024);
        assertThat(fresh.sizeAdviceProperty().get()).contains("For 25 people Hub Wizard suggests 4 vCPU and 16 GB");

        fresh.peopleProperty().set("twenty");
        assertThat(fresh.blockedReasonProperty().get()).startsWith("How many people: 'twenty' is not a number");
        fresh.peopleProperty().set("");
        assertThat(fresh.problemProperty(SettingsField.EXPECTED_USERS).get()).as("not said is fine").isEmpty();
    }

    @Test
    void theHubImageFolderMustHaveTheDockerfileAndTheHubsConfig() throws Exception {
        Path folder = Files.createDirectories(home.resolve("my-image"));
        Files.writeString(folder.resolve("Dockerfile"), "FROM scratch\n");

        page.imageFolderProperty().set(folder.toString());

        assertThat(page.problemProperty(SettingsField.IMAGE_FOLDER).get()).contains("no file jupyterhub_config.py",
                "choose the folder that has the Dockerfile and jupyterhub_config.py");
        assertThat(page.validProperty().get()).isFalse();

        Files.writeString(folder.resolve("jupyterhub_config.py"), "c = get_config()\n");
        page.imageFolderProperty().set(" " + folder + " ");
        assertThat(page.validProperty().get()).isTrue();
        assertThat(page.edited().hub().imageFolder()).isEqualTo(folder.toString());

        page.imageFolderProperty().set(home.resolve("nowhere").toString());
        assertThat(page.problemProperty(SettingsField.IMAGE_FOLDER).get()).contains("does not exist");
        page.imageFolderProperty().set("");
        assertThat(page.problemProperty(SettingsField.IMAGE_FOLDER).get()).as("the bundled one").isEmpty();
    }

    @Test
    void nearestMemory() {
        assertThat(SettingsPage.nearest(List.of(2048, 3072), null)).isEqualTo(2048);
        assertThat(SettingsPage.nearest(List.of(2048, 3072), 2500)).isEqualTo(3072);
        assertThat(SettingsPage.nearest(List.of(2048, 3072), 9000)).isEqualTo(3072);
        assertThat(SettingsPage.splitIds(" a, b\nc ,, a")).containsExactly("a", "b", "c");
    }

    @Test
    void choosingFargateServersShowsTheirSettingsAndShrinksTheHubsTask() {
        assertThat(page.placementProperty().get()).isEqualTo(ServerPlacement.HUB);
        assertThat(page.serverSizesProperty().get())
                .isEqualTo("Small: 0.5 vCPU, 1 GB\nMedium: 1 vCPU, 4 GB\nLarge: 4 vCPU, 16 GB");
        assertThat(page.cullIdleMinutesProperty().get()).isEqualTo("60");
        assertThat(page.hoursPerPersonPerWeekProperty().get()).isEqualTo("5");

        page.placementProperty().set(ServerPlacement.FARGATE);

        assertThat(page.cpuProperty().get()).as("the hub alone").isEqualTo(512);
        assertThat(page.memoryProperty().get()).isEqualTo(1024);
        assertThat(page.sizeAdviceProperty().get()).contains("the hub's task runs the hub alone");
        assertThat(page.edited().servers()).isEqualTo(UserServers.DEFAULT.withPlacement(ServerPlacement.FARGATE));
        assertThat(page.validProperty().get()).isTrue();

        page.placementProperty().set(ServerPlacement.HUB);
        assertThat(page.cpuProperty().get()).as("everyone's notebooks back in the hub's task").isEqualTo(1024);
        assertThat(page.memoryProperty().get()).isEqualTo(2048);
    }

    @Test
    void theSharedFolderIsKeptOnlyWithKeptFiles() {
        page.placementProperty().set(ServerPlacement.FARGATE);
        page.keepUserFilesProperty().set(true);
        page.sharedFolderProperty().set(true);
        assertThat(page.edited().servers().sharedFolder()).isTrue();

        page.keepUserFilesProperty().set(false);
        assertThat(page.edited().servers().sharedFolder()).as("no file system for it to live on").isFalse();
        page.keepUserFilesProperty().set(true);
        assertThat(page.edited().servers().sharedFolder()).as("the person's choice comes back with the files").isTrue();
    }

    @Test
    void serverSizesCullTimeoutAndHoursAreEditedAndChecked() throws Exception {
        page.placementProperty().set(ServerPlacement.FARGATE);

        page.serverSizesProperty().set("Tiny: 0.25 vCPU, 0.5 GB\n\nBig: 2 vcpu 8 GB\n");
        page.cullIdleMinutesProperty().set("30");
        page.hoursPerPersonPerWeekProperty().set("12");
        page.userImageProperty().set("quay.io/jupyter/scipy-notebook:2025-01-06");

        assertThat(page.validProperty().get()).isTrue();
        assertThat(page.edited().servers()).isEqualTo(new UserServers(ServerPlacement.FARGATE,
                List.of(new ServerSize("Tiny", 256, 512), new ServerSize("Big", 2048, 8192)), 30,
                "quay.io/jupyter/scipy-notebook:2025-01-06", 12));

        page.serverSizesProperty().set("Small: 0.5 vCPU, 1 GB\nHuge: lots");
        assertThat(page.problemProperty(SettingsField.SERVER_SIZES).get()).isEqualTo("line 2, 'Huge: lots', is not a"
                + " size: write one a line as a name, then vCPU and GB, such as 'Medium: 1 vCPU, 4 GB'");
        page.serverSizesProperty().set("Big: 4 vCPU, 4 GB");
        assertThat(page.problemProperty(SettingsField.SERVER_SIZES).get()).startsWith("size Big: With 4.0 vCPU");
        page.serverSizesProperty().set("Small: 0.5 vCPU, 1 GB");

        page.cullIdleMinutesProperty().set("an hour");
        assertThat(page.blockedReasonProperty().get()).isEqualTo("Stop idle servers after: 'an hour' is not a number:"
                + " write minutes, such as 60, or 0 to never stop idle servers");
        page.cullIdleMinutesProperty().set("0");
        page.hoursPerPersonPerWeekProperty().set("200");
        assertThat(page.problemProperty(SettingsField.HOURS_PER_WEEK).get()).contains("0 to 168");
        page.hoursPerPersonPerWeekProperty().set("5");
        page.userImageProperty().set("https://example.org/image");
        assertThat(page.problemProperty(SettingsField.USER_IMAGE).get()).contains("is not an image name");
        page.userImageProperty().set("");
        assertThat(page.validProperty().get()).isTrue();

        AtomicInteger moved = new AtomicInteger();
        page.beforeLeave(moved::incrementAndGet);
        assertThat(moved).hasValue(1);
        assertThat(load("team-hub").servers()).isEqualTo(new UserServers(ServerPlacement.FARGATE,
                List.of(new ServerSize("Small", 512, 1024)), 0, "", 5));
    }

    @Test
    void withFargateServersMorePeopleLeaveTheHubsTaskSmall() {
        page.placementProperty().set(ServerPlacement.FARGATE);
        page.peopleProperty().set("60");

        assertThat(page.cpuProperty().get()).isEqualTo(512);
        assertThat(page.memoryProperty().get()).isEqualTo(1024);
    }

    @Test
    void serverSettingsDoNotCountWhileServersRunInTheHub() {
        page.serverSizesProperty().set("nonsense");
        page.cullIdleMinutesProperty().set("x");

        assertThat(page.validProperty().get()).isTrue();
        assertThat(page.edited().servers()).isEqualTo(UserServers.DEFAULT);
    }

    private Profile load(String name) {
        try {
            return store.load(name);
        } catch (dev.hubwizard.profile.ProfileException e) {
            throw new AssertionError(e);
        }
    }

    private static <T> List<T> append(List<T> list, T item) {
        List<T> copy = new ArrayList<>(list);
        copy.add(item);
        return copy;
    }
}
