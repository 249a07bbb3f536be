package dev.hubwizard.ui;

import dev.hubwizard.engine.Journal;
import dev.hubwizard.engine.JournalStore;
import dev.hubwizard.engine.LogLine;
import dev.hubwizard.engine.Plan;
import dev.hubwizard.engine.Runner;
import dev.hubwizard.engine.Session;
import dev.hubwizard.engine.Step;
import dev.hubwizard.engine.StepContext;
import dev.hubwizard.ui.log.LogPane;
import dev.hubwizard.ui.wizard.DeployController;
import dev.hubwizard.ui.wizard.DeploySource;
import dev.hubwizard.ui.wizard.PageModel;
import dev.hubwizard.ui.wizard.PageState;
import dev.hubwizard.ui.wizard.StepPageView;
import dev.hubwizard.ui.wizard.WizardView;
import dev.hubwizard.ui.wizard.WizardViewModel;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** Clicks through the wizard window, headless, with steps that log and wait. */
@ExtendWith(ApplicationExtension.class)
class WizardWindowTest {

    @TempDir
    static Path logs;

    private final CountDownLatch release = new CountDownLatch(1);
    private Runner runner;
    private WizardViewModel model;

    record TestStep(String id, Set<String> dependsOn, int lines, CountDownLatch gate) implements Step {
        @Override
        public String title() {
            return id;
        }

        @Override
        public void run(StepContext context) throws Exception {
            for (int i = 1; i <= lines; i++) {
                context.log().info(id + " line " + i);
            }
            if (gate != null) {
                while (!gate.await(20, TimeUnit.MILLISECONDS)) {
                    context.throwIfCancelled();
                }
            }
        }
    }

    @Start
    void start(Stage stage) {
        runner = Runner.withBackgroundThreads();
        Plan plan = new Plan("test", List.of(
                new TestStep("one", Set.of(), 3, null),
                new TestStep("two", Set.of("one"), 2000, null),
                new TestStep("three", Set.of("two"), 1, release)));
        DeployController deploy = new DeployController(DeploySource.of(runner, WizardWindowTest::session, () -> plan), logs,
                "test");
        model = new WizardViewModel(List.of(
                new PageModel("one", "First page", "Does one.", List.of("one")),
                new PageModel("two", "Second page", "Does two.", List.of("two")),
                new PageModel("three", "Third page", "Does three and waits.", List.of("three"))), deploy);
        Scene scene = new Scene(new WizardView(model, StepPageView::new, () -> { }, new Label(), url -> { }), 1100, 720);
        Theme.LIGHT.applyTo(scene);
        stage.setScene(scene);
        stage.setTitle(HubWizardApp.TITLE);
        stage.show();
    }

    @AfterEach
    void stop() {
        release.countDown();
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

    @Test
    void runShowsTheStepsLogLinesAndItsStateInTheStepList(FxRobot robot) throws TimeoutException {
        assertThat(robot.lookup("#page-title").queryAs(Label.class).getText()).isEqualTo("First page");
        assertThat(robot.lookup("#back").queryButton().isDisabled()).isTrue();

        robot.clickOn("#run");

        waitUntil(() -> model.pages().get(0).stateProperty().get() == PageState.DONE);
        LogPane log = robot.lookup("#log-pane").queryAs(LogPane.class);
        assertThat(log.getItems()).extracting(LogLine::text).contains("one line 1", "one line 3");
        assertThat(robot.lookup("#status").queryAs(Label.class).getText()).startsWith("Done in");
    }

    @Test
    void nextAndBackMoveBetweenPagesAndRunTakesTheDependenciesAlong(FxRobot robot) throws TimeoutException {
        robot.clickOn("#next");
        assertThat(robot.lookup("#page-title").queryAs(Label.class).getText()).isEqualTo("Second page");

        robot.clickOn("#run");

        waitUntil(() -> model.pages().get(1).stateProperty().get() == PageState.DONE);
        assertThat(model.pages().get(0).stateProperty().get()).as("its dependency ran first").isEqualTo(PageState.DONE);
        LogPane log = robot.lookup("#log-pane").queryAs(LogPane.class);
        waitUntil(() -> log.getItems().size() >= 2000);
        assertThat(log.getItems().get(log.getItems().size() - 1).text()).isEqualTo("two line 2000");
        robot.clickOn("#back");
        assertThat(robot.lookup("#page-title").queryAs(Label.class).getText()).isEqualTo("First page");
    }

    @Test
    void cancelStopsTheRunningStepAndWritesTheFullLogToAFile(FxRobot robot) throws Exception {
        robot.clickOn("#next").clickOn("#next");
        robot.clickOn("#run");
        waitUntil(() -> model.pages().get(2).stateProperty().get() == PageState.RUNNING);
        Label elapsed = robot.lookup("#elapsed-three").queryAs(Label.class);
        waitUntil(() -> elapsed.getText().matches("0:0[1-9]"));
        Button cancel = robot.lookup("#cancel").queryButton();
        assertThat(cancel.isDisabled()).isFalse();
        assertThat(robot.lookup("#run").queryButton().isDisabled()).as("one run at a time").isTrue();

        robot.clickOn("#cancel");

        waitUntil(() -> model.pages().get(2).stateProperty().get() == PageState.CANCELLED);
        waitUntil(() -> !model.deploy().runningProperty().get());
        assertThat(robot.lookup("#status").queryAs(Label.class).getText()).startsWith("Cancelled");
        Path file = model.deploy().lastLogFileProperty().get();
        waitUntil(() -> {
            try {
                return Files.readString(file).contains("three line 1");
            } catch (IOException e) {
                return false;
            }
        });
        assertThat(Files.readString(file)).contains("two line 2000", "[three] step cancelled");
    }

    @Test
    void aWholeRunAskedForWhileAPageChecksOnSightRunsRightAfterItAsOneRun(FxRobot robot) throws Exception {
        java.util.List<dev.hubwizard.engine.RunResult> results = new java.util.concurrent.CopyOnWriteArrayList<>();
        model.deploy().lastResultProperty().addListener((obs, old, now) -> results.add(now));

        robot.interact(() -> {
            model.deploy().run(List.of("one")); // what a preflight page does when it is shown
            model.runAll(List.of("two"));       // the one-click redeploy, in the same breath
        });

        waitUntil(() -> model.pages().get(1).stateProperty().get() == PageState.DONE
                && !model.deploy().runningProperty().get());
        assertThat(results).singleElement().satisfies(result -> {
            assertThat(result.succeeded()).isTrue();
            assertThat(result.outcomes()).containsKey("two");
        });
        assertThat(model.indexProperty().get()).as("it followed the run to its end").isEqualTo(2);
        assertThat(robot.lookup("#status").queryAs(Label.class).getText()).startsWith("Done in");
    }

    @Test
    void whatTheRunWaitsForIsTheStatusOnlyUntilThePersonHasDoneIt(FxRobot robot) throws Exception {
        robot.clickOn("3  Third page");
        robot.clickOn("#run");
        waitUntil(() -> model.pages().get(2).stateProperty().get() == PageState.RUNNING);
        Label status = robot.lookup("#status").queryAs(Label.class);
        waitUntil(() -> status.getText().equals("Running: Third page"));

        robot.interact(() -> model.awaitingProperty().set("Waiting for you: press Looks good"));
        assertThat(status.getText()).isEqualTo("Waiting for you: press Looks good");

        robot.interact(() -> model.awaitingProperty().set(""));
        assertThat(status.getText()).as("pressed: back to what runs").isEqualTo("Running: Third page");
        release.countDown();
        waitUntil(() -> status.getText().startsWith("Done in"));
    }

    @Test
    void theStepListShowsEachPageAndClickingOneOpensIt(FxRobot robot) {
        robot.clickOn("3  Third page");

        assertThat(robot.lookup("#page-title").queryAs(Label.class).getText()).isEqualTo("Third page");
        assertThat(robot.lookup("#next").queryButton().isDisabled()).as("last page").isTrue();
    }
}
