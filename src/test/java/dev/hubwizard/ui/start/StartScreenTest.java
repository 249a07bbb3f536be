package dev.hubwizard.ui.start;

import dev.hubwizard.profile.DeploymentStatus;
import dev.hubwizard.profile.ProfileStore;
import dev.hubwizard.ui.BackgroundWork;
import dev.hubwizard.ui.JavaFxDialogs;
import dev.hubwizard.ui.SampleHubs;
import dev.hubwizard.ui.Theme;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The start screen in a window, headless: its list, its dialogs and what they do to the files. */
@ExtendWith(ApplicationExtension.class)
class StartScreenTest {

    @TempDir
    Path home;

    private ProfileStore store;
    private final RecordingActions actions = new RecordingActions();
    private final List<String> urls = new CopyOnWriteArrayList<>();
    private StartViewModel model;
    private Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        store = new ProfileStore(home.resolve("profiles"));
        SampleHubs.populate(store);
        store.save(SampleHubs.interrupted("lab"));
        model = new StartViewModel(store, actions, new JavaFxDialogs(() -> stage, () -> Theme.LIGHT),
                BackgroundWork.daemonThreads(), SampleHubs.clock(), () -> StartViewModelTest.COSTS, urls::add);
        Scene scene = new Scene(new StartView(model, new Label()), 1100, 720);
        Theme.LIGHT.applyTo(scene);
        stage.setScene(scene);
        stage.show();
        model.reload();
    }

    private static void waitUntil(BooleanSupplier condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, condition::getAsBoolean);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @SuppressWarnings("unchecked")
    private TableView<HubRow> table(FxRobot robot) {
        return robot.lookup("#hub-table").queryAs(TableView.class);
    }

    private void listed(FxRobot robot, int rows) throws TimeoutException {
        waitUntil(() -> table(robot).getItems().size() == rows && !model.loadingProperty().get());
    }

    private static String texts(Node root) {
        return root.lookupAll(".label").stream().map(n -> ((Label) n).getText()).collect(Collectors.joining("\n"));
    }

    @Test
    void listsTheHubsAndABrokenFileWithWhatIsWrongWithIt(FxRobot robot) throws Exception {
        listed(robot, 4);

        assertThat(table(robot).getItems()).extracting(HubRow::name)
                .containsExactly("course-2025", "lab", SampleHubs.BROKEN, "team-hub");
        assertThat(robot.lookup("Deployed").tryQuery()).isPresent();
        assertThat(robot.lookup("Cannot be read").tryQuery()).isPresent();
        Node broken = robot.lookup("#broken-files").query();
        assertThat(broken.isVisible()).isTrue();
        assertThat(texts(broken)).contains("Profile file old-hub.yaml cannot be used", "old-hub.yaml line",
                "unknown key 'regoin'", "Fix it in a text editor");
    }

    @Test
    void theUrlOpensInTheBrowser(FxRobot robot) throws Exception {
        listed(robot, 4);

        robot.clickOn("http://18.194.27.161:8000");

        assertThat(urls).containsExactly("http://18.194.27.161:8000");
    }

    @Test
    void newAsksForAValidNameThenCreatesTheProfileAndOpensIt(FxRobot robot) throws Exception {
        listed(robot, 4);

        robot.clickOn("#new");
        TextField name = robot.lookup("#dialog-name").queryAs(TextField.class);
        assertThat(name.getText()).isEqualTo("team-hub-2");
        robot.clickOn(name);
        robot.interact(name::clear);
        robot.write("bad name");
        assertThat(robot.lookup("#dialog-confirm").queryButton().isDisabled()).isTrue();
        assertThat(robot.lookup("#dialog-problem").queryAs(Label.class).getText()).contains("letters, digits");
        robot.interact(name::clear);
        robot.write("Team-Hub");
        assertThat(robot.lookup("#dialog-problem").queryAs(Label.class).getText()).contains("already exists");
        robot.interact(name::clear);
        robot.write("lab-2025");
        assertThat(robot.lookup("#dialog-confirm").queryButton().isDisabled()).isFalse();
        robot.clickOn("#dialog-confirm");

        waitUntil(() -> actions.opened.contains("lab-2025"));
        assertThat(Files.exists(store.fileOf("lab-2025"))).isTrue();
        assertThat(store.load("lab-2025").hub().imageFolder()).as("the hub image that comes with the app").isEmpty();
        listed(robot, 5);
    }

    @Test
    void duplicateCopiesTheSelectedHubUnderTheNameGiven(FxRobot robot) throws Exception {
        listed(robot, 4);
        robot.clickOn("team-hub");

        robot.clickOn("#duplicate");
        assertThat(robot.lookup("#dialog-name").queryAs(TextField.class).getText()).isEqualTo("team-hub-copy");
        robot.clickOn("#dialog-confirm");

        listed(robot, 5);
        assertThat(store.load("team-hub-copy").deployment().status()).isEqualTo(DeploymentStatus.NEW);
        assertThat(model.selectedProperty().get().name()).isEqualTo("team-hub-copy");
    }

    @Test
    void deleteAsksFirstThenMovesTheFileToItsBackup(FxRobot robot) throws Exception {
        listed(robot, 4);
        robot.clickOn("course-2025");

        robot.clickOn("#delete");
        assertThat(robot.lookup("#dialog-body").queryAs(Label.class).getText()).contains("course-2025.yaml.bak");
        robot.clickOn("#dialog-cancel");
        assertThat(Files.exists(store.fileOf("course-2025"))).isTrue();

        robot.clickOn("#delete").clickOn("#dialog-confirm");

        listed(robot, 3);
        assertThat(Files.exists(store.fileOf("course-2025"))).isFalse();
        assertThat(Files.exists(store.backupOf("course-2025"))).isTrue();
    }

    @Test
    void deletingAHubWithAwsResourcesOffersToTearItDownFirst(FxRobot robot) throws Exception {
        listed(robot, 4);
        robot.clickOn("team-hub");

        robot.clickOn("#delete");
        Button first = robot.lookup("#dialog-choice-0").queryButton();
        assertThat(first.getText()).isEqualTo("Tear down first");
        assertThat(robot.lookup("#dialog-body").queryAs(Label.class).getText()).contains("only record");
        robot.clickOn(first);

        waitUntil(() -> !actions.tornDown.isEmpty());
        assertThat(actions.tornDown).containsExactly("team-hub");
        assertThat(Files.exists(store.fileOf("team-hub"))).isTrue();
    }

    @Test
    void redeployWarnsWhatChangesAndRedeploysOnlyAfterTheUserAgrees(FxRobot robot) throws Exception {
        listed(robot, 4);
        robot.clickOn("team-hub");

        robot.clickOn("#redeploy");
        String warning = robot.lookup("#dialog-body").queryAs(Label.class).getText();
        assertThat(warning).contains("The address changes", "http://18.194.27.161:8000 stops working")
                .as("the sample keeps users' files").doesNotContain("home folders are lost");
        robot.clickOn("#dialog-cancel");
        assertThat(actions.redeployed).isEmpty();

        robot.clickOn("#redeploy").clickOn("#dialog-confirm");

        waitUntil(() -> !actions.redeployed.isEmpty());
        assertThat(actions.redeployed).containsExactly("team-hub");
    }

    @Test
    void theNewHubDialogOpensWithTheFocusInTheNameSoTypingReplacesTheSuggestion(FxRobot robot) throws Exception {
        listed(robot, 4);

        robot.clickOn("#new");
        TextField name = robot.lookup("#dialog-name").queryAs(TextField.class);
        waitUntil(name::isFocused);
        // The headless screen gives a new window the keyboard only once it is clicked, as a desktop does at once;
        // the header takes no focus of its own.
        robot.clickOn(".header-panel");
        assertThat(name.getScene().getFocusOwner()).as("not OK: Space would create the suggested hub").isSameAs(name);
        robot.write("lab-9");
        assertThat(name.getText()).isEqualTo("lab-9");
        robot.type(KeyCode.ENTER);

        waitUntil(() -> actions.opened.contains("lab-9"));
        assertThat(Files.exists(store.fileOf("team-hub-2"))).as("no hub under the suggested name").isFalse();
    }

    @Test
    void aDialogIsCentredOnTheWindowAndGrowsSoItsButtonsStayInSight(FxRobot robot) throws Exception {
        listed(robot, 4);
        robot.interact(() -> {
            stage.setX(60);
            stage.setY(40);
        });

        robot.clickOn("#new");
        TextField name = robot.lookup("#dialog-name").queryAs(TextField.class);
        Window dialog = name.getScene().getWindow();
        waitUntil(name::isFocused);
        robot.clickOn(".header-panel");
        double ownerCentre = stage.getX() + stage.getWidth() / 2;
        assertThat(dialog.getX() + dialog.getWidth() / 2).as("centred on the window").isCloseTo(ownerCentre,
                org.assertj.core.data.Offset.offset(2.0));
        assertThat(dialog.getY()).isBetween(stage.getY(), stage.getY() + stage.getHeight() / 2);
        double before = dialog.getHeight();

        robot.write("a name with spaces that is far too long to be any hub's name at all, really");
        WaitForAsyncUtils.waitForFxEvents();

        Label problem = robot.lookup("#dialog-problem").queryAs(Label.class);
        assertThat(problem.isVisible()).isTrue();
        waitUntil(() -> dialog.getHeight() > before);
        Button cancel = robot.lookup("#dialog-cancel").queryButton();
        double cancelBottom = cancel.localToScene(cancel.getBoundsInLocal()).getMaxY();
        assertThat(cancelBottom).as("the buttons stay in the dialog").isLessThanOrEqualTo(dialog.getScene().getHeight());
        robot.clickOn(cancel);
    }

    @Test
    void anInterruptedHubShowsWhatItLeftInAwsWithResumeAndTearDown(FxRobot robot) throws Exception {
        listed(robot, 4);

        Node cards = robot.lookup("#interrupted-hubs").query();
        assertThat(cards.isVisible()).isTrue();
        assertThat(texts(cards)).contains("lab — Interrupted: 12 resources in AWS, about $", "keeps running, and costing");
        assertThat(robot.lookup("Interrupted").tryQuery()).as("the table says so too").isPresent();

        robot.clickOn("#resume-lab");

        waitUntil(() -> actions.deployed.contains("lab"));
        robot.clickOn("#tear-down-lab");
        assertThat(robot.lookup("#dialog-body").queryAs(Label.class).getText()).contains("12 AWS resources");
        robot.clickOn("#dialog-confirm");
        waitUntil(() -> actions.tornDown.contains("lab"));
    }

    @Test
    void aHubWithNothingInAwsIsDeployedNotRedeployed(FxRobot robot) throws Exception {
        listed(robot, 4);
        robot.clickOn("team-hub");
        assertThat(robot.lookup("#deploy").queryButton().isDisabled()).isTrue();
        assertThat(robot.lookup("#redeploy").queryButton().isDisabled()).isFalse();
        store.save(SampleHubs.valid("fresh"));
        robot.clickOn("#reload");
        listed(robot, 5);

        robot.clickOn("fresh");

        assertThat(robot.lookup("#redeploy").queryButton().isDisabled()).isTrue();
        robot.clickOn("#deploy");
        assertThat(robot.lookup("#dialog-body").queryAs(Label.class).getText()).contains("costs about $");
        robot.clickOn("#dialog-confirm");
        waitUntil(() -> actions.deployed.contains("fresh"));
    }

    @Test
    void enterOpensTheSelectedHub(FxRobot robot) throws Exception {
        listed(robot, 4);
        robot.clickOn("team-hub");

        robot.type(KeyCode.ENTER);

        waitUntil(() -> !actions.opened.isEmpty());
        assertThat(actions.opened).containsExactly("team-hub");
    }

    @Test
    void withNoHubsItInvitesToCreateTheFirst(FxRobot robot) throws Exception {
        listed(robot, 4);
        try (var files = Files.list(store.directory())) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }

        robot.clickOn("#reload");

        listed(robot, 0);
        Node empty = robot.lookup("#empty-state").query();
        assertThat(empty.isVisible()).isTrue();
        assertThat(texts(empty)).contains("No hubs yet — create your first");
        assertThat(robot.lookup("#broken-files").query().isVisible()).isFalse();
        robot.clickOn("#empty-new");
        assertThat(robot.lookup("#dialog-name").queryAs(TextField.class).getText()).isEqualTo("team-hub");
        robot.clickOn("#dialog-cancel");
        assertThat(actions.opened).isEmpty();
    }
}
