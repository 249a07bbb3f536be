package dev.hubwizard.ui.settings;

import dev.hubwizard.cost.CostEstimator;
import dev.hubwizard.cost.PriceList;
import dev.hubwizard.engine.Plan;
import dev.hubwizard.ui.wizard.DeploySource;
import dev.hubwizard.engine.Journal;
import dev.hubwizard.engine.JournalStore;
import dev.hubwizard.engine.Runner;
import dev.hubwizard.engine.Session;
import dev.hubwizard.profile.FargateSizes;
import dev.hubwizard.profile.Profile;
import dev.hubwizard.profile.ProfileStore;
import dev.hubwizard.profile.ServerSize;
import dev.hubwizard.ui.BackgroundWork;
import dev.hubwizard.ui.PageViews;
import dev.hubwizard.ui.ProblemDecoration;
import dev.hubwizard.ui.SampleHubs;
import dev.hubwizard.ui.Theme;
import dev.hubwizard.ui.wizard.DeployController;
import dev.hubwizard.ui.wizard.PageModel;
import dev.hubwizard.ui.wizard.WizardView;
import dev.hubwizard.ui.wizard.WizardViewModel;
import javafx.scene.Scene;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** The settings page in the wizard, headless: checking as the user types, Next, and saving. */
@ExtendWith(ApplicationExtension.class)
class SettingsViewTest {

    @TempDir
    Path home;

    private ProfileStore store;
    private Runner runner;
    private SettingsPage settings;
    private WizardViewModel wizard;
    private final List<Profile> saved = new CopyOnWriteArrayList<>();
    /** What the folder dialog answers, and where it was asked to open. */
    private volatile Path chosenFolder;
    private final List<Path> folderDialogStarts = new CopyOnWriteArrayList<>();

    @Start
    void start(Stage stage) throws Exception {
        store = new ProfileStore(home.resolve("profiles"));
        store.save(SampleHubs.deployed("team-hub"));
        runner = Runner.withBackgroundThreads();
        settings = new SettingsPage(store.load("team-hub"), store, new CostEstimator(PriceList.bundled()),
                BackgroundWork.daemonThreads(), SampleHubs.lookups(), saved::add);
        DeployController deploy = new DeployController(DeploySource.of(runner, SettingsViewTest::session,
                () -> new Plan("test", List.of())), home.resolve("logs"), "team-hub");
        wizard = new WizardViewModel(List.of(settings,
                new PageModel("build", "Build the image", "Builds it.", List.of("build"))), deploy);
        FolderChooser folders = (owner, start) -> {
            folderDialogStarts.add(start);
            return java.util.Optional.ofNullable(chosenFolder);
        };
        Scene scene = new Scene(new WizardView(wizard, page -> page instanceof SettingsPage s ? new SettingsView(s,
                folders) : PageViews.of(page, url -> { }), () -> { }, new Label(), url -> { }), 1100, 800);
        Theme.LIGHT.applyTo(scene);
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void stop() {
        runner.close();
    }

    private static Session session() {
        try {
            return new Session(new Journal(JournalStore.inMemory()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void waitUntil(BooleanSupplier condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, condition::getAsBoolean);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Waits for the look-ups (the page starts them in the background) to have answered. */
    private void ready() throws TimeoutException {
        waitUntil(() -> settings.detectionProperty().get() == SettingsPage.Detection.FOUND
                && settings.validProperty().get());
    }

    private SettingsView view(FxRobot robot) {
        return robot.lookup("#settings-view").queryAs(SettingsView.class);
    }

    /** Whether the node and every parent of it are visible. */
    private static boolean shown(javafx.scene.Node node) {
        for (javafx.scene.Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }

    private static boolean decorated(Control control) {
        return control.getStyleClass().contains(ProblemDecoration.ERROR_CLASS);
    }

    private void assertBlocked(FxRobot robot, String reason) {
        assertThat(robot.lookup("#next").queryButton().isDisabled()).as("Next").isTrue();
        Label blocked = robot.lookup("#blocked-reason").queryAs(Label.class);
        assertThat(blocked.isVisible()).isTrue();
        assertThat(blocked.getText()).startsWith(reason);
    }

    private void assertNextEnabled(FxRobot robot) {
        assertThat(robot.lookup("#next").queryButton().isDisabled()).as("Next").isFalse();
        assertThat(robot.lookup("#blocked-reason").queryAs(Label.class).isVisible()).isFalse();
    }

    /** Gives the control the focus, which scrolls the form to it, and presses Space: a keyboard user's click. */
    private static void press(FxRobot robot, String query) {
        robot.interact(() -> robot.lookup(query).query().requestFocus());
        new dev.hubwizard.ui.Keyboard().press(javafx.scene.input.KeyCode.SPACE);
    }

    private static void type(FxRobot robot, TextInputControl field, String text) {
        robot.interact(() -> {
            field.requestFocus();
            field.setText(text);
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void anInvalidRepositoryNameDisablesNextAndMarksTheFieldUntilFixed(FxRobot robot) throws Exception {
        ready();
        TextField repository = robot.lookup("#repository").queryAs(TextField.class);
        assertNextEnabled(robot);

        type(robot, repository, "Team Hub");

        assertBlocked(robot, "Repository: an ECR repository name uses lower-case letters");
        assertThat(decorated(repository)).isTrue();
        assertThat(view(robot).validation().getHighestMessage(repository)).get()
                .satisfies(m -> assertThat(m.getText()).contains("'Team Hub' does not fit"));
        assertThat(repository.getTooltip().getText()).contains("'Team Hub' does not fit");
        assertThat(robot.lookup("#problem-repository").queryAs(Label.class).isVisible()).isTrue();

        type(robot, repository, "team/jupyterhub");

        assertNextEnabled(robot);
        assertThat(decorated(repository)).isFalse();
        assertThat(robot.lookup("#problem-repository").queryAs(Label.class).isVisible()).isFalse();
    }

    @Test
    void anInvalidUserNameTypedInTheAdminsDisablesNext(FxRobot robot) throws Exception {
        ready();
        TextArea admins = robot.lookup("#admins").queryAs(TextArea.class);

        robot.clickOn(admins).type(javafx.scene.input.KeyCode.END).type(javafx.scene.input.KeyCode.ENTER).write("bad name");
        WaitForAsyncUtils.waitForFxEvents();

        assertBlocked(robot, "Admins: 'bad name' may only contain");
        assertThat(decorated(admins)).isTrue();

        type(robot, admins, "ana\nbo");
        assertNextEnabled(robot);
        assertThat(decorated(admins)).isFalse();
    }

    @Test
    void anInvalidAddressRangeDisablesNextWithTheReason(FxRobot robot) throws Exception {
        ready();
        TextField cidr = robot.lookup("#custom-cidr").queryAs(TextField.class);
        assertThat(cidr.isDisabled()).as("only for 'These addresses'").isTrue();
        robot.interact(() -> robot.lookup("#access-custom").queryAs(RadioButton.class).fire());

        type(robot, cidr, "10.1.2.3/16");

        assertBlocked(robot, "Who may reach the hub: '10.1.2.3/16' has host bits set");
        assertThat(decorated(cidr)).isTrue();
        type(robot, cidr, "10.1.0.0/16");
        assertNextEnabled(robot);
        assertThat(decorated(cidr)).isFalse();
    }

    @Test
    void fargateServersShowTheirSettingsAndAWrongSizeBlocksNext(FxRobot robot) throws Exception {
        ready();
        TextArea sizes = robot.lookup("#server-sizes").queryAs(TextArea.class);
        assertThat(shown(sizes)).as("only with Fargate servers").isFalse();

        press(robot, "#servers-on-fargate");
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(shown(sizes)).isTrue();
        assertThat(sizes.getText()).startsWith("Small: 0.5 vCPU, 1 GB\n");
        assertThat(robot.lookup("#cull-idle-minutes").queryAs(TextField.class).getText()).isEqualTo("60");
        @SuppressWarnings("unchecked")
        ComboBox<Integer> cpu = robot.lookup("#cpu").queryAs(ComboBox.class);
        assertThat(cpu.getValue()).as("the hub alone").isEqualTo(512);
        assertNextEnabled(robot);

        type(robot, sizes, "Small: 0.5 vCPU, 1 GB\nBig: 4 vCPU, 4 GB");

        assertBlocked(robot, "Server sizes: size Big: With 4.0 vCPU Fargate allows 8.0 to 30.0 GB");
        assertThat(decorated(sizes)).isTrue();
        assertThat(robot.lookup("#problem-server-sizes").queryAs(Label.class).isVisible()).isTrue();

        type(robot, sizes, "Small: 0.5 vCPU, 1 GB\nBig: 4 vCPU, 16 GB");
        type(robot, robot.lookup("#cull-idle-minutes").queryAs(TextField.class), "45");

        assertNextEnabled(robot);
        assertThat(settings.edited().servers().sizes()).extracting(ServerSize::name).containsExactly("Small", "Big");
        assertThat(settings.edited().servers().cullIdleMinutes()).isEqualTo(45);
    }

    @Test
    void theSharedFolderCanBeChosenOnlyWithKeptFiles(FxRobot robot) throws Exception {
        ready();
        press(robot, "#servers-on-fargate");
        javafx.scene.control.CheckBox keep = robot.lookup("#keep-user-files").queryAs(javafx.scene.control.CheckBox.class);
        javafx.scene.control.CheckBox shared = robot.lookup("#shared-folder").queryAs(javafx.scene.control.CheckBox.class);
        robot.interact(() -> keep.setSelected(false));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(shared.isDisabled()).isTrue();
        assertThat(robot.lookup(".hint").queryAllAs(Label.class)).extracting(Label::getText)
                .contains("Needs \"Keep users' files\" under Team options: the folder lives on that file system.");

        robot.interact(() -> keep.setSelected(true));
        press(robot, "#shared-folder");
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(shared.isSelected()).isTrue();
        assertThat(settings.edited().servers().sharedFolder()).isTrue();
    }

    @Test
    void anywhereOnTheInternetShowsAWarning(FxRobot robot) throws Exception {
        ready();
        Label warning = robot.lookup("#anywhere-warning").queryAs(Label.class);
        assertThat(warning.isVisible()).isFalse();

        robot.interact(() -> robot.lookup("#access-anywhere").queryAs(RadioButton.class).fire());

        assertThat(warning.isVisible()).isTrue();
        assertThat(settings.edited().network().ingressCidr()).isEqualTo("0.0.0.0/0");
        assertThat(robot.lookup("#detected-ip").queryAs(Label.class).getText()).isEqualTo("203.0.113.7/32");
    }

    @Test
    void memoryChoicesFollowTheCpu(FxRobot robot) throws Exception {
        ready();
        @SuppressWarnings("unchecked")
        ComboBox<Integer> cpu = robot.lookup("#cpu").queryAs(ComboBox.class);
        @SuppressWarnings("unchecked")
        ComboBox<Integer> memory = robot.lookup("#memory").queryAs(ComboBox.class);
        assertThat(memory.getItems()).isEqualTo(FargateSizes.memoryChoices(1024));

        robot.interact(() -> cpu.getSelectionModel().select(Integer.valueOf(4096)));

        assertThat(memory.getItems()).isEqualTo(FargateSizes.memoryChoices(4096));
        assertThat(memory.getValue()).as("the smallest allowed size above 4 GB").isEqualTo(8192);
        assertThat(memory.getConverter().toString(8192)).isEqualTo("8 GB");
        assertThat(cpu.getConverter().toString(256)).isEqualTo("0.25 vCPU");
        assertNextEnabled(robot);
    }

    @Test
    void cognitoCanBeChosenOnlyWithAStableHttpsAddress(FxRobot robot) throws Exception {
        ready();
        RadioButton cognito = robot.lookup("#sign-in-cognito").queryAs(RadioButton.class);
        assertThat(cognito.isDisabled()).isTrue();

        robot.interact(() -> robot.lookup("#stable-address").queryAs(CheckBox.class).setSelected(true));
        type(robot, robot.lookup("#domain-name").queryAs(TextField.class), "hub.example.org");

        assertThat(cognito.isDisabled()).isFalse();
        assertThat(robot.lookup("#stable-address-cost").queryAs(Label.class).getText()).startsWith("+$");
    }

    @Test
    void theAwsHttpsAddressLetsCognitoBeChosenAndGivesWayToADomain(FxRobot robot) throws Exception {
        ready();
        RadioButton cognito = robot.lookup("#sign-in-cognito").queryAs(RadioButton.class);
        CheckBox https = robot.lookup("#https-address").queryAs(CheckBox.class);
        assertThat(cognito.isDisabled()).isTrue();

        robot.interact(() -> https.setSelected(true));

        assertThat(cognito.isDisabled()).isFalse();
        assertThat(robot.lookup("#https-address-cost").queryAs(Label.class).getText()).isEqualTo("+$0.00 a month");

        robot.interact(() -> robot.lookup("#stable-address").queryAs(CheckBox.class).setSelected(true));
        type(robot, robot.lookup("#domain-name").queryAs(TextField.class), "hub.example.org");

        assertThat(https.isDisabled()).as("the hub keeps its own name").isTrue();
        assertThat(cognito.isDisabled()).isFalse();
    }

    @Test
    void leavingThePageWithNextSavesTheProfile(FxRobot robot) throws Exception {
        ready();
        type(robot, robot.lookup("#repository").queryAs(TextField.class), "team/jupyterhub");
        type(robot, robot.lookup("#admins").queryAs(TextArea.class), "ana\nDee@Example.org");
        robot.interact(() -> robot.lookup("#arch-arm").queryAs(RadioButton.class).fire());

        robot.clickOn("#next");

        waitUntil(() -> wizard.indexProperty().get() == 1);
        Profile onDisk = store.load("team-hub");
        assertThat(onDisk.names().repository()).isEqualTo("team/jupyterhub");
        assertThat(onDisk.hub().admins()).containsExactly("ana", "dee_example_org");
        assertThat(onDisk.task().architecture()).isEqualTo(dev.hubwizard.profile.Architecture.ARM64);
        assertThat(onDisk).isEqualTo(settings.edited());
        assertThat(onDisk.deployment().resources()).as("the journal is kept").hasSize(2);
        assertThat(saved).containsExactly(onDisk);
    }

    @Test
    void leavingByTheStepListSavesTheChangesBeforeAnyRunCanUseThem(FxRobot robot) throws Exception {
        ready();
        type(robot, robot.lookup("#repository").queryAs(TextField.class), "team/jupyterhub");

        robot.clickOn("2  Build the image");

        waitUntil(() -> wizard.indexProperty().get() == 1);
        assertThat(store.load("team-hub").names().repository()).isEqualTo("team/jupyterhub");
        assertThat(saved).singleElement().satisfies(p -> assertThat(p.names().repository())
                .isEqualTo("team/jupyterhub"));
    }

    @Test
    void settingsWithAProblemKeepTheWizardOnThePageAndSayWhyUntilFixedOrUndone(FxRobot robot) throws Exception {
        ready();
        type(robot, robot.lookup("#admins").queryAs(TextArea.class), "");

        robot.clickOn("2  Build the image");
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(wizard.indexProperty().get()).as("still on the settings").isZero();
        @SuppressWarnings("unchecked")
        javafx.scene.control.ListView<PageModel> steps = robot.lookup("#step-list").queryAs(
                javafx.scene.control.ListView.class);
        waitUntil(() -> steps.getSelectionModel().getSelectedIndex() == 0);
        Label problem = robot.lookup("#save-problem").queryAs(Label.class);
        assertThat(problem.isVisible()).isTrue();
        assertThat(problem.getText()).startsWith("The settings were not saved: Admins: name at least one admin");
        assertThat(store.load("team-hub").hub().admins()).as("nothing half-saved").containsExactly("ana");

        robot.clickOn("#undo-changes");

        assertThat(robot.lookup("#admins").queryAs(TextArea.class).getText()).isEqualTo("ana");
        assertNextEnabled(robot);
        assertThat(problem.isVisible()).isFalse();
    }

    @Test
    void theHubImageFolderIsChosenInAFolderDialogAndChecked(FxRobot robot) throws Exception {
        ready();
        Path folder = java.nio.file.Files.createDirectories(home.resolve("my-hub-image"));
        java.nio.file.Files.writeString(folder.resolve("Dockerfile"), "FROM scratch\n");
        chosenFolder = folder;
        robot.interact(() -> robot.lookup("#advanced").queryAs(javafx.scene.control.TitledPane.class)
                .setExpanded(true));

        press(robot, "#choose-image-folder");

        assertThat(folderDialogStarts).as("the folder the profile names").containsExactly(Path.of("hub-image"));
        TextField field = robot.lookup("#image-folder").queryAs(TextField.class);
        assertThat(field.getText()).isEqualTo(folder.toString());
        waitUntil(() -> robot.lookup("#problem-image-folder").queryAs(Label.class).isVisible());
        assertThat(robot.lookup("#problem-image-folder").queryAs(Label.class).getText())
                .contains("has no file jupyterhub_config.py");
        assertBlocked(robot, "Hub image folder: " + folder + " has no file jupyterhub_config.py");

        java.nio.file.Files.writeString(folder.resolve("jupyterhub_config.py"), "c = get_config()\n");
        press(robot, "#choose-image-folder");
        waitUntil(() -> !robot.lookup("#next").queryButton().isDisabled());

        press(robot, "#bundled-image-folder");
        assertThat(field.getText()).as("back to the one that comes with Hub Wizard").isEmpty();
    }

    @Test
    void aSettingAPreflightCheckPointsToGetsTheFocus(FxRobot robot) throws Exception {
        ready();
        javafx.scene.control.TitledPane advanced = robot.lookup("#advanced").queryAs(
                javafx.scene.control.TitledPane.class);
        assertThat(advanced.isExpanded()).isFalse();

        robot.interact(() -> settings.focus("hub.localPort"));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(advanced.isExpanded()).isTrue();
        waitUntil(() -> robot.lookup("#local-port").query().isFocused());
    }

    @Test
    void firstUsePasswordsSayThatWhoeverSignsInFirstOwnsTheName(FxRobot robot) throws Exception {
        ready();
        Label note = robot.lookup("#first-use-note").queryAs(Label.class);

        assertThat(note.isVisible()).isTrue();
        assertThat(note.getText()).contains("Whoever signs in first with an allowed name sets its password",
                "Send each person the hub's address as soon as it runs");
    }

    @Test
    void anAdvancedProblemOpensTheAdvancedSection(FxRobot robot) throws Exception {
        ready();
        javafx.scene.control.TitledPane advanced = robot.lookup("#advanced").queryAs(javafx.scene.control.TitledPane.class);
        assertThat(advanced.isExpanded()).isFalse();

        robot.interact(() -> settings.localPortProperty().set("eighty"));

        assertThat(advanced.isExpanded()).isTrue();
        assertBlocked(robot, "Local test port: 'eighty' is not a number");
    }
}
