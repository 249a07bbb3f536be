package dev.hubwizard.ui;

import dev.hubwizard.cost.CostEstimator;
import dev.hubwizard.cost.PriceList;
import dev.hubwizard.engine.Intent;
import dev.hubwizard.engine.Journal;
import dev.hubwizard.engine.JournalStore;
import dev.hubwizard.engine.LogLevel;
import dev.hubwizard.engine.LogLine;
import dev.hubwizard.engine.Plan;
import dev.hubwizard.engine.ProblemException;
import dev.hubwizard.engine.Runner;
import dev.hubwizard.engine.Session;
import dev.hubwizard.engine.Step;
import dev.hubwizard.engine.StepContext;
import dev.hubwizard.profile.Profile;
import dev.hubwizard.ui.log.LogViewer;
import dev.hubwizard.ui.plan.PlanPage;
import dev.hubwizard.ui.wizard.DeployController;
import dev.hubwizard.ui.wizard.DeploySource;
import dev.hubwizard.ui.wizard.PageModel;
import dev.hubwizard.ui.wizard.PageState;
import dev.hubwizard.ui.wizard.WizardView;
import dev.hubwizard.ui.wizard.WizardViewModel;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.GridPane;
import javafx.stage.Stage;
import javafx.stage.Window;
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
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The wizard as a person uses it, headless: the plan page lists what the engine's steps say they will
 * do, a failed step explains itself and Retry runs it again, and every page can be walked with the
 * keyboard alone.
 */
@ExtendWith(ApplicationExtension.class)
class WizardFlowTest {

    @TempDir
    static Path logs;

    private final AtomicInteger attempts = new AtomicInteger();
    private volatile boolean brokenPlan;
    private volatile boolean noCredentials;
    private final CountDownLatch buildMayFinish = new CountDownLatch(1);
    private volatile boolean slowBuild;
    private Runner runner;
    private WizardViewModel model;

    /** Creates a VPC on paper; fails its first run the way an expired sign-in would. */
    private final class NetworkStep implements Step {
        @Override
        public String id() {
            return "network";
        }

        @Override
        public String title() {
            return "Network";
        }

        @Override
        public void run(StepContext context) throws Exception {
            if (attempts.incrementAndGet() == 1) {
                throw new ProblemException("Your AWS sign-in has expired", "AWS rejected the temporary credentials",
                        "Sign in again, then press Retry");
            }
            context.log().info("VPC ready");
        }

        @Override
        public List<Intent> preview(StepContext context) throws ProblemException {
            if (noCredentials) {
                throw NO_CREDENTIALS.get();
            }
            return List.of(Intent.create("VPC", "team-hub-vpc", "10.0.0.0/16 with two public subnets"),
                    Intent.reuse("ECS cluster", "team-hub-cluster", "exists already"));
        }
    }

    private static final java.util.function.Supplier<ProblemException> NO_CREDENTIALS = () -> new ProblemException(
            "No AWS credentials found", "Hub Wizard found no usable credentials", "Sign in, then press Retry");

    private final class Build implements Step {
        @Override
        public String id() {
            return "build";
        }

        @Override
        public String title() {
            return "Build";
        }

        @Override
        public Set<String> dependsOn() {
            return Set.of();
        }

        @Override
        public void run(StepContext context) throws Exception {
            while (slowBuild && !buildMayFinish.await(20, TimeUnit.MILLISECONDS)) {
                context.throwIfCancelled();
            }
            context.log().info("built");
        }

        @Override
        public List<Intent> preview(StepContext context) throws ProblemException {
            if (noCredentials) {
                throw NO_CREDENTIALS.get();
            }
            return List.of(Intent.run("Build the image"));
        }
    }

    @Start
    void start(Stage stage) {
        runner = Runner.withBackgroundThreads();
        Plan plan = new Plan("deploy", List.of(new Build(), new NetworkStep()));
        DeployController deploy = new DeployController(DeploySource.of(runner, WizardFlowTest::session, () -> {
            if (brokenPlan) {
                throw new IllegalStateException(new ProblemException("No AWS credentials", "none were found",
                        "Add a profile"));
            }
            return plan;
        }), logs, "flow");
        Profile profile = Profile.named("team-hub");
        CostEstimator costs = new CostEstimator(PriceList.bundled());
        model = new WizardViewModel(List.of(
                new PageModel("settings", "Settings", "Edit.", List.of()),
                new PlanPage(deploy, () -> profile, () -> costs),
                new PageModel("build", "Build the image", "Builds.", List.of("build")),
                new PageModel("network", "Network and cluster", "Creates the network.", List.of("network"))), deploy);
        model.pages().get(2).typically("Builds take a while: usually 2 to 5 minutes the first time.");
        LogViewer logs = new LogViewer(() -> stage, () -> Theme.LIGHT, BackgroundWork.daemonThreads(), url -> { });
        Scene scene = new Scene(new WizardView(model, page -> PageViews.of(page, url -> { }), () -> { }, new Label(),
                logs::show), 1100, 760);
        Theme.LIGHT.applyTo(scene);
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void stop() {
        buildMayFinish.countDown();
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

    private static List<String> texts(Node root) {
        return root.lookupAll(".label").stream().map(n -> ((Label) n).getText()).toList();
    }

    private static List<String> texts(GridPane grid) {
        return grid.getChildren().stream().filter(n -> n instanceof Label).map(n -> ((Label) n).getText()).toList();
    }

    @Test
    void thePlanPageListsWhatTheStepsThemselvesSayTheyWillDoAndTheCost(FxRobot robot) throws TimeoutException {
        robot.clickOn("#next");

        GridPane intents = robot.lookup("#plan-intents").queryAs(GridPane.class);
        waitUntil(() -> texts(intents).contains("VPC team-hub-vpc"));
        assertThat(texts(intents)).contains("Network", "Create", "VPC team-hub-vpc",
                "10.0.0.0/16 with two public subnets", "Reuse", "ECS cluster team-hub-cluster", "Build", "Run");
        assertThat(robot.lookup("#plan-total").queryAs(Label.class).getText()).startsWith("In all: about $");
        assertThat(robot.lookup("#run").queryButton().getText()).isEqualTo("Deploy");
        assertThat(attempts).as("a preview changes nothing").hasValue(0);
    }

    @Test
    void aFailedStepSaysWhatWhyAndWhatNextAndRetryRunsItAgain(FxRobot robot) throws TimeoutException {
        robot.clickOn("4  Network and cluster");
        robot.clickOn("#run");

        waitUntil(() -> model.pages().get(3).stateProperty().get() == PageState.FAILED);
        Node panel = robot.lookup("#problem-panel").query();
        assertThat(panel.isVisible()).isTrue();
        assertThat(robot.lookup("#problem-what").queryAs(Label.class).getText())
                .isEqualTo("Your AWS sign-in has expired");
        assertThat(robot.lookup("#problem-why").queryAs(Label.class).getText())
                .isEqualTo("Why: AWS rejected the temporary credentials");
        assertThat(robot.lookup("#problem-next").queryAs(Label.class).getText())
                .isEqualTo("What to do: Sign in again, then press Retry");

        robot.clickOn("#retry");

        waitUntil(() -> model.pages().get(3).stateProperty().get() == PageState.DONE);
        assertThat(panel.isVisible()).isFalse();
        assertThat(attempts).hasValue(2);
    }

    @Test
    void aRunThatCannotStartSaysWhyOnTheFirstStepsPage(FxRobot robot) throws TimeoutException {
        brokenPlan = true;
        robot.clickOn("4  Network and cluster");
        robot.clickOn("#run");

        waitUntil(() -> model.pages().get(3).stateProperty().get() == PageState.FAILED);
        assertThat(robot.lookup("#problem-what").queryAs(Label.class).getText()).isEqualTo("No AWS credentials");
        assertThat(robot.lookup("#status").queryAs(Label.class).getText()).isEqualTo("Failed: No AWS credentials");
        assertThat(robot.lookup("#run").queryButton().isDisabled()).as("ready for another try").isFalse();
    }

    @Test
    void aProblemThatKeptSeveralStepsFromLookingIsSaidOnceOnThePlan(FxRobot robot) throws TimeoutException {
        noCredentials = true;
        robot.clickOn("#next");

        waitUntil(() -> robot.lookup("#plan-shared-problem").tryQuery().isPresent());
        Node card = robot.lookup("#plan-shared-problem").query();
        assertThat(texts(card)).contains("Could not ask AWS what exists: No AWS credentials found",
                "What to do: Sign in, then press Retry", "Not checked: Build, Network.");
        GridPane intents = robot.lookup("#plan-intents").queryAs(GridPane.class);
        assertThat(intents.lookupAll(".label").stream().map(n -> ((Label) n).getText())
                .filter(t -> t.contains("No AWS credentials found"))).as("said once").hasSize(1);
    }

    @Test
    void showDetailsOpensTheRunsFullLogInTheAppAtTheFailure(FxRobot robot) throws Exception {
        robot.clickOn("4  Network and cluster");
        robot.clickOn("#run");
        waitUntil(() -> model.pages().get(3).stateProperty().get() == PageState.FAILED);

        robot.clickOn("#show-details");

        waitUntil(() -> robot.lookup("#log-view-pane").tryQuery().isPresent());
        @SuppressWarnings("unchecked")
        ListView<LogLine> log = robot.lookup("#log-view-pane").queryAs(ListView.class);
        waitUntil(() -> !log.getItems().isEmpty());
        assertThat(log.getItems()).extracting(LogLine::text).contains("step running")
                .anySatisfy(text -> assertThat(text).startsWith("step failed after"));
        assertThat(log.getSelectionModel().getSelectedItem().level()).as("it opens on the failure")
                .isEqualTo(LogLevel.ERROR);
        assertThat(log.getSelectionModel().getSelectedItem().text()).contains("Your AWS sign-in has expired");
        Window viewer = log.getScene().getWindow();
        assertThat(((Stage) viewer).getTitle()).startsWith("Log — flow-");
        robot.clickOn("#log-view-close");
        assertThat(viewer.isShowing()).isFalse();
    }

    @Test
    void whileAStepRunsTheStatusNamesItAndAWaitSaysHowLongItUsuallyTakes(FxRobot robot) throws Exception {
        slowBuild = true;
        robot.clickOn("3  Build the image");
        robot.clickOn("#run");

        waitUntil(() -> model.pages().get(2).stateProperty().get() == PageState.RUNNING);
        assertThat(robot.lookup("#status").queryAs(Label.class).getText()).isEqualTo("Running: Build the image");
        assertThat(robot.lookup("#progress-text-build").queryAs(Label.class).getText())
                .isEqualTo("Builds take a while: usually 2 to 5 minutes the first time.");
        ProgressBar bar = robot.lookup("#progress-build").queryAs(ProgressBar.class);
        assertThat(bar.isIndeterminate()).as("moving, not an empty bar").isTrue();

        robot.clickOn("#cancel");

        waitUntil(() -> !model.deploy().runningProperty().get());
        assertThat(bar.isIndeterminate()).as("no moving bar beside a stopped step").isFalse();
        assertThat(robot.lookup("#progress-text-build").queryAs(Label.class).getText()).isEmpty();
        assertThat(robot.lookup("#status").queryAs(Label.class).getText()).startsWith("Cancelled.");
    }

    @Test
    void everyPageCanBeWalkedWithTheKeyboardAlone(FxRobot robot) throws TimeoutException {
        robot.interact(() -> robot.lookup("#next").query().requestFocus());
        for (int page = 1; page < model.pages().size(); page++) {
            // Enter is Next wherever the focus is, because Next is the default button.
            robot.type(KeyCode.ENTER);
            int expected = page;
            waitUntil(() -> model.indexProperty().get() == expected);
        }
        assertThat(robot.lookup("#page-title").queryAs(Label.class).getText()).isEqualTo("Network and cluster");

        robot.type(KeyCode.TAB);
        assertThat(robot.targetWindow().getScene().getFocusOwner()).as("Tab moves to a control").isNotNull();

        robot.interact(() -> robot.lookup("#back").query().requestFocus());
        robot.type(KeyCode.SPACE);
        waitUntil(() -> model.indexProperty().get() == 2);
        assertThat(robot.lookup("#page-title").queryAs(Label.class).getText()).isEqualTo("Build the image");
    }
}
