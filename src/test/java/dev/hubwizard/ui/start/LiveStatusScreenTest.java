package dev.hubwizard.ui.start;

import dev.hubwizard.profile.DeploymentStatus;
import dev.hubwizard.profile.ProfileStore;
import dev.hubwizard.ui.BackgroundWork;
import dev.hubwizard.ui.JavaFxDialogs;
import dev.hubwizard.ui.SampleHubs;
import dev.hubwizard.ui.SampleOperations;
import dev.hubwizard.ui.Theme;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The start screen with deployed hubs' live states, headless: each state in the list as AWS tells it (played by
 * {@link SampleOperations}), the running cost, and Pause, Resume and Logs for the hub they fit.
 */
@ExtendWith(ApplicationExtension.class)
class LiveStatusScreenTest {

    @TempDir
    Path home;

    private ProfileStore store;
    private SampleOperations operations;
    private final RecordingActions actions = new RecordingActions();
    private final List<String> urls = new CopyOnWriteArrayList<>();
    private StartViewModel model;

    @Start
    void start(Stage stage) throws Exception {
        store = new ProfileStore(home.resolve("profiles"));
        operations = SampleOperations.populate(store);
        model = new StartViewModel(store, actions, new JavaFxDialogs(() -> stage, () -> Theme.LIGHT),
                BackgroundWork.daemonThreads(), SampleHubs.clock(), () -> StartViewModelTest.COSTS, urls::add,
                operations);
        Scene scene = new Scene(new StartView(model, new Label()), 1200, 720);
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

    private HubRow row(FxRobot robot, String name) {
        return table(robot).getItems().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }

    private void liveStatesShown(FxRobot robot) throws TimeoutException {
        waitUntil(() -> table(robot).getItems().size() == 4
                && table(robot).getItems().stream().allMatch(r -> r.live() != null));
    }

    private List<String> stateCells(FxRobot robot) {
        return robot.lookup(".hub-state").queryAllAs(Label.class).stream().map(Label::getText).toList();
    }

    @Test
    void eachHubShowsWhereItStandsInAwsWithWhyAndItsCost(FxRobot robot) throws Exception {
        liveStatesShown(robot);

        assertThat(stateCells(robot)).contains("Running", "Paused", "Stopped unexpectedly",
                "Deleted outside Hub Wizard");
        assertThat(row(robot, SampleOperations.CRASHED).shownDetail()).contains("Essential container in task exited",
                "exit code 137");
        assertThat(row(robot, SampleOperations.RUNNING).shownDetail()).contains("answers at",
                "sign in as an admin and open the Admin page");
        assertThat(robot.lookup(".state-live-stopped-unexpectedly").tryQuery()).isPresent();
        waitUntil(() -> row(robot, SampleOperations.PAUSED).spent() != null);
        assertThat(row(robot, SampleOperations.RUNNING).spent().text()).isEqualTo("$31.84");
        assertThat(row(robot, SampleOperations.PAUSED).spent().text()).isEqualTo("Tag not active");
        // Paused: the load balancer and the rest still cost; the task does not.
        dev.hubwizard.profile.Profile paused = store.load(SampleOperations.PAUSED);
        double whilePaused = dev.hubwizard.deploy.ResourcesInAws.of(paused, StartViewModelTest.COSTS).cost()
                .monthlyTotal();
        double running = dev.hubwizard.deploy.ResourcesInAws.of(paused.withDeployment(
                dev.hubwizard.deploy.SummaryWriter.withStatus(paused.deployment(), DeploymentStatus.DEPLOYED)),
                StartViewModelTest.COSTS).cost().monthlyTotal();
        assertThat(whilePaused).isGreaterThan(0).isLessThan(running);
        assertThat(row(robot, SampleOperations.PAUSED).cost())
                .isEqualTo(dev.hubwizard.cost.CostEstimate.dollars(whilePaused));
        assertThat(row(robot, SampleOperations.PAUSED).shownUrl()).as("a paused hub answers nowhere").isEmpty();
    }

    @Test
    void pauseAsksWhatItMeansThenPausesAndResumeSaysTheNewAddress(FxRobot robot) throws Exception {
        liveStatesShown(robot);
        robot.interact(() -> model.selectedProperty().set(row(robot, SampleOperations.RUNNING)));
        assertThat(robot.lookup("#resume").queryAs(Button.class).isDisabled()).isTrue();

        robot.clickOn("#pause");
        assertThat(robot.lookup("#dialog-body").queryAs(Label.class).getText())
                .contains("everyone's notebook servers stop", "While paused", "a new address");
        robot.clickOn("#dialog-confirm");

        waitUntil(() -> operations.paused.contains(SampleOperations.RUNNING)
                && model.statusProperty().get().startsWith("Paused"));
        waitUntil(() -> row(robot, SampleOperations.RUNNING).isPaused());
        robot.interact(() -> model.selectedProperty().set(row(robot, SampleOperations.RUNNING)));
        assertThat(robot.lookup("#resume").queryAs(Button.class).isDisabled()).isFalse();

        robot.clickOn("#resume");
        waitUntil(() -> model.statusProperty().get().contains("answers again"));
        assertThat(operations.resumed).containsExactly(SampleOperations.RUNNING);
        assertThat(model.statusProperty().get()).contains(SampleOperations.NEW_URL, "a new address, tell its users");
    }

    @Test
    void logsOpenTheSelectedHubsLog(FxRobot robot) throws Exception {
        liveStatesShown(robot);
        robot.interact(() -> model.selectedProperty().set(row(robot, SampleOperations.PAUSED)));

        robot.clickOn("#logs");

        assertThat(actions.logs).containsExactly(SampleOperations.PAUSED);
        assertThat(store.load(SampleOperations.PAUSED).deployment().status()).isEqualTo(DeploymentStatus.PAUSED);
    }
}
