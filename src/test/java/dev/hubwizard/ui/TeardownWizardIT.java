package dev.hubwizard.ui;

import dev.hubwizard.cost.CostEstimator;
import dev.hubwizard.cost.PriceList;
import dev.hubwizard.deploy.DeployTestBed;
import dev.hubwizard.deploy.Deployment;
import dev.hubwizard.deploy.FargateStandIn;
import dev.hubwizard.deploy.LocalTestApproval;
import dev.hubwizard.engine.LogFile;
import dev.hubwizard.engine.RunResult;
import dev.hubwizard.engine.Runner;
import dev.hubwizard.profile.Profile;
import dev.hubwizard.ui.preferences.Preferences;
import dev.hubwizard.ui.preferences.PreferencesFile;
import dev.hubwizard.ui.preferences.WindowBounds;
import dev.hubwizard.ui.wizard.PageModel;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
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
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The teardown as a user does it, in the window: a hub deployed for real on the test bed (Docker, the
 * registry, moto, the played Fargate task), then Tear down… on the start screen, the confirmation that
 * lists what the hub created, and the teardown's own wizard, which shows only the steps that have
 * something to delete and ends with AWS holding nothing of the hub.
 */
@ExtendWith(ApplicationExtension.class)
class TeardownWizardIT {

    private static final String NAME = "teardown-hub";

    @TempDir
    static Path home;

    private static DeployTestBed bed;
    private static Profile profile;

    private Stage stage;
    private Runner runner;

    @BeforeAll
    static void deployed() throws Exception {
        bed = DeployTestBed.start(home.resolve("profiles"));
        bed.reset();
        profile = bed.profile(NAME, List.of("ada"), List.of("ada", "grace"));
        FargateStandIn fargate = bed.fargate(profile);
        Deployment deployment = bed.deployment(profile);
        try {
            RunResult result = bed.run(deployment, deployment.deployPlan(LocalTestApproval.WHEN_CHECKED), fargate);
            assertThat(result.succeeded()).as(bed.failures(result) + "\nFargate: " + fargate.failures()).isTrue();
        } finally {
            deployment.close();
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (bed != null) {
            bed.close();
        }
    }

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        runner = Runner.withBackgroundThreads();
        BackgroundWork background = BackgroundWork.daemonThreads();
        CostEstimator costs = new CostEstimator(PriceList.bundled());
        Services services = new Services(bed.store(), () -> costs, SampleHubs.lookups(), url -> { }, background,
                Clock.systemDefaultZone(), Path.of("hub-image"), runner, bed::tools, home.resolve("logs"));
        AppWindow window = new AppWindow(stage, new PreferencesFile(home.resolve("settings.yaml")),
                new Preferences(Theme.LIGHT, WindowBounds.sized(1100, 760)), background);
        new Navigator(window, services).showStart();
    }

    @AfterEach
    void closeRunner() {
        runner.close();
    }

    @Test
    void tearDownFromTheStartScreenListsWhatGoesThenLeavesNothingInAws(FxRobot robot) throws Exception {
        waitUntil(() -> robot.lookup(NAME).tryQuery().isPresent(), 20);
        robot.clickOn(NAME).clickOn("#tear-down");

        // The start screen says what a teardown means; then the teardown's own preview lists each resource. Each
        // dialog is clicked once it is in its place on the screen (a click aimed earlier misses its button).
        assertThat(body(robot, 20)).contains("15 AWS resources");
        ShownDialogs.click(robot, "#dialog-confirm");
        String listed = body(robot, 60);
        assertThat(listed).contains("ECS service", "VPC", "security group", "ECR repository", "log group",
                "SSM parameter");
        assertThat(listed).as("nothing this profile never made").doesNotContain("load balancer", "user pool");
        ShownDialogs.click(robot, "#dialog-choice-0"); // Delete everything

        // A teardown that fails or stalls says where: the status line and the end of the run's own log.
        waitUntil(() -> stage.getTitle().endsWith("tear down") && status(robot).startsWith("Done"), 180,
                () -> "title: " + stage.getTitle() + "\nstatus: " + status(robot) + "\n"
                        + newestLog(home.resolve("logs")));

        @SuppressWarnings("unchecked")
        ListView<PageModel> steps = robot.lookup("#step-list").queryAs(ListView.class);
        List<String> shown = steps.getItems().stream().map(PageModel::id).toList();
        assertThat(shown).as("a page per step with something to delete, and the final check")
                .contains("delete-service", "delete-vpc", "delete-repository")
                .doesNotContain("delete-load-balancers", "delete-user-pools", "delete-file-systems")
                .last().isEqualTo("check-leftovers");
        assertThat(bed.store().load(NAME).deployment().resources()).as("the journal").isEmpty();
        // In ECS a deleted cluster is an INACTIVE one for a while; moto keeps listing it.
        assertThat(bed.aws().ecs().listClusters().clusterArns()).allSatisfy(arn -> assertThat(bed.aws().ecs()
                .describeClusters(r -> r.clusters(arn)).clusters().get(0).status()).isEqualTo("INACTIVE"));
        assertThat(bed.aws().ecr().describeRepositories().repositories()).isEmpty();
        assertThat(bed.aws().ec2().describeVpcs(r -> r.filters(f -> f.name("tag:hubwizard:profile").values(NAME)))
                .vpcs()).isEmpty();
    }

    private static String body(FxRobot robot, int seconds) throws TimeoutException {
        return ((Label) ShownDialogs.showing(robot, "#dialog-body", seconds)).getText();
    }

    private static String status(FxRobot robot) {
        return robot.lookup("#status").tryQueryAs(Label.class).map(Label::getText).orElse("(no status line)");
    }

    /** The end of the newest run log in the folder: the teardown's, once it has started. */
    private static String newestLog(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            Optional<Path> newest = files.max(Comparator.comparingLong(file -> file.toFile().lastModified()));
            if (newest.isEmpty()) {
                return "(no run log in " + directory + ")";
            }
            return newest.get().getFileName() + ":\n" + LogFile.read(newest.get(), 80).lines().stream()
                    .map(line -> line.level() + " [" + line.stepId() + "] " + line.text())
                    .collect(Collectors.joining("\n"));
        } catch (IOException e) {
            return "(no run log: " + e + ")";
        }
    }

    private static void waitUntil(BooleanSupplier condition, int seconds) throws Exception {
        waitUntil(condition, seconds, () -> "");
    }

    private static void waitUntil(BooleanSupplier condition, int seconds, Supplier<String> state) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition::getAsBoolean);
        } catch (TimeoutException e) {
            throw new AssertionError("Not so after " + seconds + " s. " + state.get(), e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }
}
