package dev.hubwizard.ui;

import dev.hubwizard.cost.CostEstimator;
import dev.hubwizard.cost.PriceList;
import dev.hubwizard.deploy.DeployTestBed;
import dev.hubwizard.deploy.CloudFrontEdge;
import dev.hubwizard.deploy.DeployTools;
import dev.hubwizard.deploy.EventBridgeStandIn;
import dev.hubwizard.deploy.FargateStandIn;
import dev.hubwizard.deploy.LocalTestCheck;
import dev.hubwizard.docker.LiveContainers;
import dev.hubwizard.engine.Runner;
import dev.hubwizard.engine.StepEvent;
import dev.hubwizard.hub.HubCheck;
import dev.hubwizard.profile.HubSettings;
import dev.hubwizard.profile.NetworkSettings;
import dev.hubwizard.profile.Options;
import dev.hubwizard.profile.Profile;
import dev.hubwizard.profile.ResourceNames;
import dev.hubwizard.profile.ServerPlacement;
import dev.hubwizard.profile.UserServers;
import dev.hubwizard.testbed.Folders;
import dev.hubwizard.ui.localtest.LocalTestPage;
import dev.hubwizard.ui.plan.PlanPage;
import dev.hubwizard.ui.preferences.Preferences;
import dev.hubwizard.ui.preferences.PreferencesFile;
import dev.hubwizard.ui.preferences.WindowBounds;
import dev.hubwizard.ui.wizard.PageModel;
import dev.hubwizard.ui.wizard.PageState;
import dev.hubwizard.ui.wizard.WizardViewModel;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollPane;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The README's visual tour, made by the app itself: the wizard deploys a real hub against the test
 * bed (moto, the local registry, the Docker Engine, {@link FargateStandIn} playing Fargate — all on
 * loopback), and every page is captured as it happens, light and dark, plus the teardown
 * confirmation. Run it under a display with the test class path (see {@link DocScreenshots}):
 *
 * <pre>
 * xvfb-run -a -s "-screen 0 1600x1200x24" java -Daws.disableEc2Metadata=true \
 *     -cp target/test-classes:target/classes:$(cat target/test.classpath) dev.hubwizard.ui.DocTour [test-local] [OUT_DIR]
 * </pre>
 * With {@code test-local} it shows the local test page only: its checks running, all passed (light and dark),
 * and failed on an image whose accounts cannot be created. With {@code https}, a new hub's plan and finish pages
 * with the HTTPS address on AWS, its edge played by {@link CloudFrontEdge}. With {@code users-servers}, the plan of a
 * new hub for a class of 30 whose servers each run in their own Fargate task: its users' image, the users' task
 * definition and the hub's private name, then its cost (nothing is deployed).
 */
public final class DocTour {

    private static final double WIDTH = 1100;
    private static final double HEIGHT = 760;
    /** The plan with the HTTPS address: its CloudFront rows and the cost in one picture. */
    private static final double PLAN_HEIGHT = 1000;

    private final Path out;
    private final Stage stage;
    private final AppWindow window;

    private DocTour(Path out, Stage stage, AppWindow window) {
        this.out = out;
        this.stage = stage;
        this.window = window;
    }

    public static void main(String[] args) throws Exception {
        boolean localTestOnly = args.length > 0 && args[0].equals("test-local");
        boolean https = args.length > 0 && args[0].equals("https");
        boolean usersServers = args.length > 0 && args[0].equals("users-servers");
        int outArg = localTestOnly || https || usersServers ? 1 : 0;
        Path out = Path.of(args.length > outArg ? args[outArg] : "docs");
        Files.createDirectories(out);
        Path home = Files.createTempDirectory("hubwizard-tour");
        Platform.startup(() -> { });
        Platform.setImplicitExit(false);
        ExecutorService fargateThread = Executors.newSingleThreadExecutor();
        try (DeployTestBed bed = DeployTestBed.start(home.resolve("profiles"));
             Runner runner = Runner.withBackgroundThreads()) {
            bed.reset(); // an empty emulator, whose tasks keep running as ECS's do
            // Its own name for the local test alone: a tour of the whole deploy may run meanwhile.
            Profile made = bed.profile(localTestOnly ? "lab-hub" : "team-hub", List.of("ada"),
                    List.of("ada", "grace", "alan"));
            // As a new hub is made on the start screen: users' files (and the hub's state) kept.
            Profile profile = made.withOptions(made.options().withKeepUserFiles(true));
            bed.store().saveSettings(profile);
            LiveContainers containers = new LiveContainers(bed.docker());
            DeployTools tools = DeployTools.withDefaultWaits(bed.docker(), containers, Path.of("hub-image"));
            CostEstimator costs = new CostEstimator(PriceList.bundled());
            BackgroundWork background = BackgroundWork.daemonThreads();
            Services services = new Services(bed.store(), () -> costs, SampleHubs.lookups(), url -> { }, background,
                    Clock.systemDefaultZone(), Path.of("hub-image"), runner, () -> tools, home.resolve("logs"));
            Stage stage = onFx(Stage::new);
            AppWindow window = onFx(() -> new AppWindow(stage, new PreferencesFile(home.resolve("settings.yaml")),
                    new Preferences(Theme.LIGHT, WindowBounds.sized(WIDTH, HEIGHT)), background));
            Navigator navigator = new Navigator(window, services);
            if (localTestOnly) {
                new DocTour(out, stage, window).localTest(navigator, profile, bed);
            } else if (usersServers) {
                // A teacher's new hub for 30 people, each server in its own task, with a folder everyone reads.
                Profile classHub = profile.withName("class-2025").withNames(ResourceNames.derivedFrom("class-2025"))
                        .withOptions(Options.NEW_HUB.withKeepUserFiles(true))
                        .withHub(profile.hub().withExpectedUsers(30))
                        .withTask(UserServers.HUB_ALONE)
                        .withServers(UserServers.DEFAULT.withPlacement(ServerPlacement.FARGATE).withSharedFolder(true));
                bed.store().saveSettings(classHub);
                new DocTour(out, stage, window).usersServersPlan(navigator, classHub);
            } else if (https) {
                // A new hub as the start screen makes it: HTTPS on an AWS address, CloudFront played by nginx.
                // Open to anyone (0.0.0.0/0).
                Profile newHub = profile.withOptions(Options.NEW_HUB.withKeepUserFiles(true)).withNetwork(new NetworkSettings(
                        profile.network().mode(), "", List.of(), NetworkSettings.ANYWHERE));
                try (CloudFrontEdge edge = CloudFrontEdge.start(bed.aws(), home)) {
                    FargateStandIn fargate = bed.fargate(newHub).behindSecurityGroups(
                            new EventBridgeStandIn(bed.aws()));
                    new DocTour(out, stage, window).httpsAddress(navigator, newHub, fargate, fargateThread);
                    if (!edge.problems().isEmpty()) {
                        throw new IllegalStateException("the edge stand-in saw problems: " + edge.problems());
                    }
                }
            } else {
                FargateStandIn fargate = bed.fargate(profile);
                new DocTour(out, stage, window).deploy(navigator, profile, fargate, fargateThread);
            }
            containers.removeAll();
        } finally {
            fargateThread.shutdownNow();
            Platform.exit();
        }
        System.exit(0);
    }

    private void deploy(Navigator navigator, Profile profile, FargateStandIn fargate, ExecutorService fargateThread)
            throws Exception {
        WizardViewModel model = onFx(() -> navigator.showWizard(profile, false));
        // Fargate is played off the FX thread: it starts containers.
        model.deploy().onStepEvent((StepEvent event) -> fargateThread.execute(() -> fargate.stateChanged(event)));

        waitFor(() -> page(model, "preflight").stateProperty().get() == PageState.DONE, 60);
        both("preflight");
        show(model, "settings");
        both("settings");
        nextToPlan(model);
        both("plan");

        onFx(() -> {
            model.run();
            return null;
        });
        PageModel build = page(model, "build");
        waitFor(() -> build.stateProperty().get() == PageState.DONE || build.progressProperty().get() > 0.3, 120);
        shoot("build-running");
        LocalTestPage localTest = (LocalTestPage) page(model, "test-local");
        waitFor(() -> localTest.waitingAtProperty().get() != null, 180);
        PageModel push = page(model, "push");
        onFx(() -> {
            localTest.looksGood();
            return null;
        });
        waitFor(() -> push.stateProperty().get() != PageState.IDLE && push.stateProperty().get() != PageState.WAITING,
                120);
        show(model, "push");
        shoot("push");
        waitFor(() -> !model.deploy().runningProperty().get(), 600);
        if (!model.deploy().lastResultProperty().get().succeeded()) {
            throw new IllegalStateException("the tour's deploy failed: " + model.statusProperty().get());
        }
        for (String id : List.of("hub-url", "build", "test-local", "repository", "network", "task-definition",
                "service")) {
            show(model, id);
            both(id);
        }
        show(model, "push");
        shoot("push-dark", Theme.DARK);

        Window firstLook = teardownConfirmation(navigator, profile, "teardown-confirm");
        onFx(() -> {
            firstLook.hide(); // the user thinks again: nothing happens
            return null;
        });
        onFx(() -> {
            window.themeProperty().set(Theme.DARK);
            return null;
        });
        Window confirmation = teardownConfirmation(navigator, profile, "teardown-confirm-dark");
        onFx(() -> {
            window.themeProperty().set(Theme.LIGHT);
            return null;
        });
        onFx(() -> {
            ((Button) confirmation.getScene().lookup("#dialog-choice-0")).fire(); // "Tear down everything"
            return null;
        });
        waitFor(() -> stage.getTitle().endsWith("tear down")
                && ((Labeled) stage.getScene().lookup("#status")).getText().startsWith("Done"), 300);
        both("teardown");
    }

    /**
     * A new hub's plan page and finish page with the HTTPS address on AWS ({@code plan-https} from its CloudFront rows,
     * {@code plan-https-cost} its cost, {@code hub-url-https}, light and dark); then it is torn down as a person
     * would.
     */
    private void httpsAddress(Navigator navigator, Profile profile, FargateStandIn fargate,
                              ExecutorService fargateThread) throws Exception {
        WizardViewModel model = onFx(() -> navigator.showWizard(profile, false));
        model.deploy().onStepEvent((StepEvent event) -> fargateThread.execute(() -> fargate.stateChanged(event)));
        // The plan is longer than the window: shown from its HTTPS address rows down to the cost, in a taller one.
        double height = showPlanTall(model);
        scrollPlanTo("HTTPS address");
        both("plan-https");
        scrollPlanTo("Cost");
        both("plan-https-cost");
        onFx(() -> {
            stage.setHeight(height);
            return null;
        });
        onFx(() -> {
            model.run();
            return null;
        });
        LocalTestPage localTest = (LocalTestPage) page(model, "test-local");
        waitFor(() -> localTest.waitingAtProperty().get() != null, 300);
        onFx(() -> {
            localTest.looksGood();
            return null;
        });
        waitFor(() -> !model.deploy().runningProperty().get(), 600);
        if (!model.deploy().lastResultProperty().get().succeeded()) {
            throw new IllegalStateException("the tour's deploy failed: " + model.statusProperty().get());
        }
        show(model, "hub-url");
        both("hub-url-https");

        Window confirmation = teardownConfirmation(navigator, profile, null);
        onFx(() -> {
            ((Button) confirmation.getScene().lookup("#dialog-choice-0")).fire(); // "Tear down everything"
            return null;
        });
        waitFor(() -> stage.getTitle().endsWith("tear down")
                && ((Labeled) stage.getScene().lookup("#status")).getText().startsWith("Done"), 600);
    }

    /**
     * A new hub's plan with each person's server in its own task ({@code plan-users-servers} from the hub's private
     * name down to its users' image, {@code plan-users-servers-cost} its cost: the hub always on, people's servers
     * by the hour), light and dark.
     */
    private void usersServersPlan(Navigator navigator, Profile profile) throws Exception {
        WizardViewModel model = onFx(() -> navigator.showWizard(profile, false));
        showPlanTall(model);
        scrollPlanTo("The hub's private name");
        both("plan-users-servers");
        scrollPlanTo("Cost");
        both("plan-users-servers-cost");
    }

    /**
     * Goes on from the settings to the plan as a person would, once the preflight has passed, waits for the plan's
     * previews and makes the window taller for it; returns the height it had.
     */
    private double showPlanTall(WizardViewModel model) throws Exception {
        waitFor(() -> page(model, "preflight").stateProperty().get() == PageState.DONE, 60);
        show(model, "settings");
        nextToPlan(model);
        double height = onFx(stage::getHeight);
        onFx(() -> {
            stage.setHeight(PLAN_HEIGHT);
            return null;
        });
        settle();
        return height;
    }

    /** Next, as a person would: the settings page saves the profile and the plan page follows, with its previews. */
    private void nextToPlan(WizardViewModel model) throws Exception {
        PlanPage plan = (PlanPage) page(model, "plan");
        onFx(() -> {
            model.next();
            return null;
        });
        waitFor(() -> model.pageProperty().get() == plan, 30);
        waitFor(() -> plan.previewsProperty().get() != null, 60);
    }

    /**
     * Scrolls the plan so that the step or section whose title starts with {@code title} is at the top, or as near
     * as the plan's end allows. The plan's own scroll pane sits in the wizard's: each is scrolled, the inner one
     * first, and measured again after each scroll, as the taller window's layout may come late.
     */
    private void scrollPlanTo(String title) throws Exception {
        for (int pass = 0; pass < 6; pass++) {
            boolean there = onFx(() -> {
                Node content = stage.getScene().lookup("#plan-intents").getParent();
                Node heading = java.util.stream.Stream.concat(content.lookupAll(".plan-step").stream(),
                                content.lookupAll(".section-title").stream())
                        .filter(n -> ((Labeled) n).getText().startsWith(title)).findFirst().orElseThrow(() ->
                                new IllegalStateException("the plan has no heading starting with " + title));
                boolean still = true;
                for (Node parent = heading.getParent(); parent != null; parent = parent.getParent()) {
                    if (parent instanceof ScrollPane scroll) {
                        double below = heading.localToScene(0, 0).getY() - scroll.localToScene(0, 0).getY() - 8;
                        double range = scroll.getContent().getLayoutBounds().getHeight()
                                - scroll.getViewportBounds().getHeight();
                        double wanted = range <= 0 ? 0 : Math.max(0, Math.min(1, scroll.getVvalue() + below / range));
                        still &= Math.abs(wanted - scroll.getVvalue()) < 0.002;
                        scroll.setVvalue(wanted);
                        scroll.layout();
                    }
                }
                return still;
            });
            settle();
            if (there) {
                return;
            }
        }
    }

    /**
     * The local test page alone: the build and the local test run from it (Run), shot while the server starts,
     * once every check passed, and for a second hub whose image cannot create accounts, once it failed.
     */
    private void localTest(Navigator navigator, Profile profile, DeployTestBed bed) throws Exception {
        LocalTestPage page = runLocalTest(navigator, profile);
        waitFor(() -> page.checks().get(HubCheck.SERVER_STARTED.ordinal()).status() == LocalTestCheck.Status.RUNNING
                || page.waitingAtProperty().get() != null, 180);
        shoot("test-local-running");
        waitFor(() -> page.waitingAtProperty().get() != null, 180);
        both("test-local");
        onFx(() -> {
            page.looksGood();
            return null;
        });
        waitFor(() -> page.stateProperty().get() == PageState.DONE, 60);

        Path broken = Files.createTempDirectory("hubwizard-tour-broken");
        Folders.copy(Path.of("hub-image"), broken);
        Files.writeString(broken.resolve("Dockerfile"), "RUN rm /usr/sbin/useradd\n", StandardOpenOption.APPEND);
        Profile brokenHub = bed.profile("broken-hub", List.of("ada"), List.of("ada", "grace"));
        brokenHub = brokenHub.withHub(new HubSettings(broken.toString(), brokenHub.hub().admins(),
                brokenHub.hub().allowedUsers(), brokenHub.hub().signIn(), brokenHub.hub().cognito(),
                brokenHub.hub().localPort(), brokenHub.hub().hostNetwork()));
        bed.store().saveSettings(brokenHub);
        LocalTestPage failing = runLocalTest(navigator, brokenHub);
        waitFor(() -> failing.stateProperty().get() == PageState.FAILED, 300);
        both("test-local-failed");
    }

    private LocalTestPage runLocalTest(Navigator navigator, Profile profile) throws Exception {
        WizardViewModel model = onFx(() -> navigator.showWizard(profile, false));
        // The wizard checks the machine first (the preflight runs as it opens); Run waits for that.
        waitFor(() -> page(model, "preflight").stateProperty().get() == PageState.DONE
                && !model.deploy().runningProperty().get(), 60);
        LocalTestPage page = (LocalTestPage) show(model, "test-local");
        onFx(() -> {
            model.run();
            return null;
        });
        return page;
    }

    /** Opens the teardown confirmation from the start screen, as its button does, and saves a picture of it. */
    /** The teardown's confirmation, saved as {@code name}.png unless {@code name} is null. */
    private Window teardownConfirmation(Navigator navigator, Profile profile, String name) throws Exception {
        onFx(() -> {
            navigator.showStart();
            return null;
        });
        settle();
        Platform.runLater(() -> navigator.tearDown(profile));
        Window dialog = waitForWindow("Tear down team-hub");
        settle();
        if (name != null) {
            DocScreenshots.write(onFx(() -> dialog.getScene().snapshot(null)), out.resolve(name + ".png"));
            System.out.println("saved " + name + ".png");
        }
        return dialog;
    }

    private static PageModel page(WizardViewModel model, String id) {
        return model.pages().stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow();
    }

    private static PageModel show(WizardViewModel model, String id) throws Exception {
        PageModel page = page(model, id);
        onFx(() -> {
            model.show(page);
            return null;
        });
        return page;
    }

    private void both(String name) throws Exception {
        shoot(name, Theme.LIGHT);
        shoot(name + "-dark", Theme.DARK);
    }

    private void shoot(String name) throws Exception {
        shoot(name, Theme.LIGHT);
    }

    private void shoot(String name, Theme theme) throws Exception {
        onFx(() -> {
            window.themeProperty().set(theme);
            stage.getScene().getRoot().requestFocus();
            return null;
        });
        settle();
        Scene scene = stage.getScene();
        DocScreenshots.write(onFx(() -> scene.snapshot(null)), out.resolve(name + ".png"));
        System.out.println("saved " + name + ".png");
        onFx(() -> {
            window.themeProperty().set(Theme.LIGHT);
            return null;
        });
    }

    private static Window waitForWindow(String title) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            Window found = onFx(() -> Window.getWindows().stream()
                    .filter(w -> w instanceof Stage s && title.equals(s.getTitle())).findFirst().orElse(null));
            if (found != null) {
                return found;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("no window titled " + title);
    }

    private static void waitFor(BooleanSupplier condition, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!onFx(condition::getAsBoolean)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the tour waited " + seconds + " s in vain");
            }
            Thread.sleep(100);
        }
    }

    private static void settle() throws Exception {
        DocScreenshots.settle();
    }

    private static <T> T onFx(DocScreenshots.Callable<T> work) throws Exception {
        return DocScreenshots.onFx(work);
    }
}
