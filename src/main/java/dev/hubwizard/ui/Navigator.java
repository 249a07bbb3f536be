package dev.hubwizard.ui;

import dev.hubwizard.deploy.Deployment;
import dev.hubwizard.deploy.HubUrlStep;
import dev.hubwizard.deploy.LocalTestApproval;
import dev.hubwizard.deploy.PreflightStep;
import dev.hubwizard.deploy.ResourcesInAws;
import dev.hubwizard.deploy.TeardownChoices;
import dev.hubwizard.deploy.TeardownPlan;
import dev.hubwizard.engine.Intent;
import dev.hubwizard.engine.Plan;
import dev.hubwizard.engine.Preview;
import dev.hubwizard.engine.Problem;
import dev.hubwizard.engine.ProblemException;
import dev.hubwizard.engine.Run;
import dev.hubwizard.engine.RunListener;
import dev.hubwizard.engine.Session;
import dev.hubwizard.engine.Step;
import dev.hubwizard.ui.wizard.DeploySource;
import dev.hubwizard.ui.wizard.StepPageView;
import dev.hubwizard.engine.RunResult;
import dev.hubwizard.profile.HubStanding;
import dev.hubwizard.profile.Profile;
import dev.hubwizard.ui.finish.FinishPage;
import dev.hubwizard.ui.hublog.HubLogWindow;
import dev.hubwizard.ui.log.LogViewer;
import dev.hubwizard.ui.localtest.LocalTestPage;
import dev.hubwizard.ui.plan.PlanPage;
import dev.hubwizard.ui.preflight.PreflightPage;
import dev.hubwizard.ui.settings.SettingsPage;
import dev.hubwizard.ui.settings.AwsRegion;
import dev.hubwizard.ui.start.StartActions;
import dev.hubwizard.ui.start.StartView;
import dev.hubwizard.ui.start.StartViewModel;
import dev.hubwizard.ui.users.ProfileUsers;
import dev.hubwizard.ui.users.UsersEditor;
import dev.hubwizard.ui.users.UsersWindow;
import dev.hubwizard.aws.signin.AwsSignIn;
import dev.hubwizard.aws.signin.MfaCodePrompt;
import dev.hubwizard.ui.signin.DialogMfaCodePrompt;
import dev.hubwizard.ui.signin.SignInLauncher;
import dev.hubwizard.ui.signin.SignInWindow;
import dev.hubwizard.ui.wizard.DeployController;
import dev.hubwizard.ui.wizard.Notice;
import dev.hubwizard.ui.wizard.PageModel;
import dev.hubwizard.ui.wizard.WizardPages;
import dev.hubwizard.ui.wizard.WizardView;
import dev.hubwizard.ui.wizard.WizardViewModel;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.stage.WindowEvent;
import org.controlsfx.control.Notifications;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Moves the window between the start screen and a profile's wizard, and does what the start screen
 * asks ({@link StartActions}). Each opened profile gets a wizard of its own: its settings page, a
 * deploy controller whose runs go through the profile's Deployment, and its name in the title.
 * Nothing is lost on the way: leaving a wizard lets its page save first, and closing the window while
 * a run goes on asks first.
 */
public final class Navigator implements StartActions {

    /** A deploy this long that ends while the window is in the background earns a notification. */
    private static final Duration LONG_RUN = Duration.ofSeconds(30);

    private final AppWindow window;
    private final Services services;
    private final SignInLauncher signIn;
    private final MfaCodePrompt mfaCodes;
    private static final String TEAR_DOWN_ALL = "Delete everything";
    private static final String TEAR_DOWN_KEEP_IMAGES = "Delete all but the images";
    private static final String TEAR_DOWN_FILES_TOO = "Also delete the users' files";

    /** What the window has open (a profile's wizard, a teardown): closed when the window moves on. */
    private AutoCloseable open;
    /** The wizard on screen; null on the start screen. */
    private WizardViewModel wizard;
    private final LogViewer logViewer;
    private final UsersWindow usersWindow;
    private final HubLogWindow hubLogs;

    public Navigator(AppWindow window, Services services) {
        this.window = window;
        this.services = services;
        this.signIn = new SignInWindow(window::stage, window.themeProperty()::get, AwsSignIn::forThisMachine,
                services.background(), services.openUrl(), () -> services.lookups().regions().get().stream()
                .map(AwsRegion::id).toList());
        this.mfaCodes = new DialogMfaCodePrompt(window.dialogs(), Platform::runLater);
        this.logViewer = new LogViewer(window::stage, window.themeProperty()::get, services.background(),
                services.openUrl());
        this.usersWindow = new UsersWindow(window::stage, window.themeProperty()::get, services.background(),
                profile -> new ProfileUsers(services.profiles(), profile, mfaCodes), services.clock());
        this.hubLogs = new HubLogWindow(window::stage, window.themeProperty()::get, services.background());
        window.stage().setOnCloseRequest(this::closeRequested);
    }

    @Override
    public void editUsers(Profile profile) {
        usersWindow.show(profile);
    }

    @Override
    public String usersPickedUp(Profile profile) throws Exception {
        return UsersEditor.words(services.operations().userLists(profile), java.time.Instant.now());
    }

    public void showStart() {
        closeOpenHub();
        StartViewModel model = new StartViewModel(services.profiles(), this, window.dialogs(), services.background(),
                services.clock(), services.costs(), services.openUrl(), services.operations());
        window.show(new StartView(model, window.themeSwitch()), HubWizardApp.TITLE);
        model.reload();
    }

    @Override
    public void showLogs(Profile profile) {
        hubLogs.show(profile.name(), services.operations().logs(profile));
    }

    @Override
    public void open(Profile profile) {
        showWizard(profile, false);
    }

    /**
     * The wizard opens and runs the whole deploy, following it to the hub's address; the person looks at
     * the local test. Its preflight, which the wizard runs on sight, is the run's first step.
     */
    @Override
    public void deploy(Profile profile) {
        WizardViewModel model = showWizard(profile, false);
        model.runAll(List.of(HubUrlStep.ID));
    }

    /** One click: the wizard opens and runs the whole deploy, following it to the hub's address. */
    @Override
    public void redeploy(Profile profile) {
        WizardViewModel model = showWizard(profile, true);
        model.runAll(List.of(HubUrlStep.ID));
    }

    /**
     * Closing the window: during a run, only after asking (quitting stops the run; what it created stays
     * recorded, to resume or tear down); otherwise once the page has kept what it must.
     */
    void closeRequested(WindowEvent event) {
        WizardViewModel model = wizard;
        if (model == null) {
            return;
        }
        event.consume();
        if (model.deploy().runningProperty().get()) {
            if (window.dialogs().confirm("Quit Hub Wizard", "A run is still going: stop it and quit?",
                    "Quitting stops the running steps. What they created in AWS so far stays recorded in the hub's"
                            + " profile, and keeps running (and costing) in AWS: the next time, the list of hubs offers"
                            + " to resume the deploy or to tear the hub down.", "Stop and quit")) {
                model.deploy().runningProperty().addListener((obs, was, now) -> {
                    if (!now) {
                        window.stage().close();
                    }
                });
                model.cancel();
            }
            return;
        }
        leave(model, () -> window.stage().close());
    }

    /**
     * Leaves the wizard once its page has kept what it must; settings with a problem cannot be saved, so
     * the person is asked whether to leave them behind.
     */
    private void leave(WizardViewModel model, Runnable then) {
        PageModel page = model.pageProperty().get();
        Optional<String> lost = page.wouldLose();
        if (lost.isPresent()) {
            if (window.dialogs().confirm("Leave without saving", "Leave without saving the settings?",
                    "The settings have a problem, so they were not saved: " + lost.get() + ".\n\nLeaving now keeps"
                            + " the settings as they were last saved.", "Leave without saving")) {
                page.discard();
                then.run();
            }
            return;
        }
        model.leave(then);
    }

    /**
     * Shows what the profile's journal says it created, asks (delete everything, or keep the images),
     * then runs the teardown in a wizard of its own, page by step.
     */
    @Override
    public void tearDown(Profile profile) {
        Deployment deployment = new Deployment(profile, services.profiles(), services.tools().get(), mfaCodes);
        services.background().run(() -> TeardownPlan.previewSteps(
                deployment.teardownPlan(TeardownChoices.DELETE_EVERYTHING), deployment.session()),
                previews -> confirmTeardown(profile, deployment, previews), failure -> {
                    deployment.close();
                    window.dialogs().showProblem(ProblemException.of(failure));
                });
    }

    private void confirmTeardown(Profile profile, Deployment deployment, List<Preview.StepPreview> previews) {
        List<Intent> intents = previews.stream().flatMap(p -> p.intents().stream()).toList();
        List<Intent> deletions = intents.stream().filter(i -> i.action() == Intent.Action.DELETE).toList();
        if (deletions.isEmpty()) {
            deployment.close();
            window.dialogs().showProblem(new Problem("Nothing to tear down",
                    profile.name() + " records no AWS resources it created",
                    "There is nothing to delete; Delete removes the profile itself"));
            return;
        }
        String list = String.join("\n", intents.stream().filter(i -> i.action() != Intent.Action.RUN)
                .map(i -> (i.action() == Intent.Action.DELETE ? "Delete  " : "Keep    ") + i.kind() + "  "
                        + shortId(i.name())).toList());
        boolean keptFiles = intents.stream().anyMatch(i -> i.action() == Intent.Action.KEEP);
        List<String> choices = keptFiles ? List.of(TEAR_DOWN_ALL, TEAR_DOWN_KEEP_IMAGES, TEAR_DOWN_FILES_TOO)
                : List.of(TEAR_DOWN_ALL, TEAR_DOWN_KEEP_IMAGES);
        Optional<String> choice = window.dialogs().choose("Tear down " + profile.name(),
                "Delete the " + deletions.size() + " resources " + profile.name() + " created in "
                        + profile.aws().region() + "?",
                list + "\n\nThe hub stops at once. Nothing this hub did not create is touched. Keeping the images "
                        + "keeps the ECR repository (a few cents a month)." + (keptFiles ? " The users' files are "
                        + "kept unless you choose to delete them too, which asks you to type the hub's name." : ""),
                choices);
        if (choice.isEmpty()) {
            deployment.close();
            return;
        }
        TeardownChoices chosen = choice.get().equals(TEAR_DOWN_KEEP_IMAGES) ? TeardownChoices.KEEP_IMAGES
                : TeardownChoices.DELETE_EVERYTHING;
        if (choice.get().equals(TEAR_DOWN_FILES_TOO)) {
            Optional<String> typed = window.dialogs().askName("Delete the users' files",
                    "Every file in the users' homes on " + profile.name() + " will be deleted for good.",
                    "Type the hub's name to confirm.", "",
                    text -> TeardownChoices.fileSystemConfirmationProblem(profile.name(), text));
            if (typed.isEmpty()) {
                deployment.close();
                return;
            }
            chosen = chosen.deletingFileSystem(profile.name(), typed.get());
        }
        showTeardown(profile, deployment, chosen, previews);
    }

    /**
     * The teardown as a wizard of its own, run at once and followed to the end: a page per step that has
     * something to delete or keep (the others run all the same, with nothing to do), and the final check.
     */
    private void showTeardown(Profile profile, Deployment deployment, TeardownChoices choices,
                              List<Preview.StepPreview> previews) {
        closeOpenHub();
        open = deployment;
        Plan plan = deployment.teardownPlan(choices);
        DeploySource source = new DeploySource() {
            @Override
            public Session session() throws Exception {
                return deployment.session();
            }

            @Override
            public Plan plan() {
                return plan;
            }

            @Override
            public Run start(Plan toRun, RunListener listener) throws Exception {
                return deployment.start(services.runner(), toRun, listener);
            }
        };
        DeployController deploy = new DeployController(source, services.logDirectory(), profile.name() + "-teardown");
        WizardViewModel model = new WizardViewModel(WizardPages.forPlan(plan, previews), deploy);
        wizard = model;
        model.signInWith(afterwards -> signIn.open(profile.aws().profileName(), true, name -> {
            deployment.aws().signedIn();
            afterwards.run();
        }));
        window.show(new WizardView(model, StepPageView::new, this::showStart, window.themeSwitch(),
                logViewer::show), title(profile) + " — tear down");
        model.runAll(plan.steps().stream().map(Step::id).toList());
    }

    /**
     * Shows the profile's wizard on its first page.
     *
     * @param unattended approve the local test as soon as the hub answers (the one-click redeploy)
     */
    public WizardViewModel showWizard(Profile profile, boolean unattended) {
        closeOpenHub();
        WizardViewModel[] wizard = new WizardViewModel[1];
        LocalTestPage localTest = new LocalTestPage(() -> {
            wizard[0].show(wizard[0].pages().filtered(p -> p.id().equals(LocalTestPage.ID)).get(0));
            wizard[0].awaitingProperty().set("Every check passed: open the hub on this computer if you like, then press"
                    + " Looks good");
        });
        localTest.waitingAtProperty().addListener((obs, old, now) -> {
            if (now == null) {
                wizard[0].awaitingProperty().set("");
            }
        });
        OpenHub hub = new OpenHub(profile, services.profiles(), services.tools(), services.runner(),
                unattended ? LocalTestApproval.WHEN_CHECKED : localTest.approval(), mfaCodes);
        open = hub;
        DeployController deploy = new DeployController(hub, services.logDirectory(), profile.name());
        SettingsPage settings = new SettingsPage(profile, services.profiles(), services.costs().get(),
                services.background(), services.lookups(), saved -> {
                    boolean changed = !saved.equals(hub.profile());
                    hub.saved(saved);
                    if (changed) {
                        wizard[0].reset();
                    }
                    window.setTitle(title(saved));
                });
        // Settings changed during a run would not be the ones it uses: they wait until it ends. The preflight,
        // which runs on sight, checks what it finds and creates nothing: the settings stay open meanwhile.
        settings.lockedProperty().bind(Bindings.createBooleanBinding(() -> deploy.runningProperty().get()
                && !deploy.askedProperty().get().equals(List.of(PreflightStep.ID)), deploy.runningProperty(),
                deploy.askedProperty()));
        settings.signInWith(signIn);
        PreflightPage preflight = new PreflightPage(deploy);
        preflight.onOpenSetting(key -> {
            wizard[0].show(settings);
            settings.focus(key);
        });
        WizardViewModel model = new WizardViewModel(WizardPages.guide(preflight, settings,
                new PlanPage(deploy, hub::profile, services.costs()), localTest,
                new FinishPage(deploy, hub::profile, services.costs(), hub, window.dialogs(), services.background(),
                        () -> editUsers(hub.profile()), () -> usersPickedUp(hub.profile()))),
                deploy);
        wizard[0] = model;
        this.wizard = model;
        // Signing in from the preflight or "Sign in again": new AWS clients for the next run, which then goes on.
        model.signInWith(afterwards -> signIn.open(hub.profile().aws().profileName(), true, name -> {
            hub.signedIn();
            afterwards.run();
        }));
        preflight.signInWith(() -> signIn.open(hub.profile().aws().profileName(), false, name -> {
            hub.signedIn();
            String chosen = hub.profile().aws().profileName();
            if (name.equals(chosen) || chosen.isBlank() && name.equals("default")) {
                deploy.run(List.of(PreflightStep.ID));
            } else {
                // Another profile than the hub's: the settings page takes it, and saves it with Next.
                settings.awsProfileProperty().set(name);
                model.show(settings);
                model.statusProperty().set("Signed in to AWS as profile '" + name + "': press Next to use it");
            }
        }));
        deploy.lastResultProperty().addListener((obs, old, result) -> notifyIfAway(result, hub.profile()));
        List<Notice.Action> inAwsActions = List.of(
                // From the settings page too: what the page shows is saved first, so the run uses it.
                new Notice.Action("Resume", () -> model.leave(() -> model.runAll(List.of(HubUrlStep.ID)))),
                new Notice.Action("Tear down…", () -> leave(model, () -> tearDown(hub.profile()))));
        model.describeInAws(() -> {
            ResourcesInAws inAws = ResourcesInAws.of(hub.profile(), deploy.recorded(), services.costs().get());
            return inAws.isEmpty() ? Optional.empty() : Optional.of(inAws.text());
        }, inAwsActions);
        if (HubStanding.of(profile.deployment()) == HubStanding.INTERRUPTED) {
            model.noticeProperty().set(new Notice("Interrupted: "
                    + ResourcesInAws.of(profile, services.costs().get()).text(),
                    "The last deploy of this hub stopped before the hub ran: the app was closed, the deploy was"
                            + " cancelled, or a step failed. What it created keeps running, and costing, in AWS."
                            + " Resume continues where it stopped; Tear down removes all of it.", inAwsActions));
        }
        window.show(new WizardView(model, page -> PageViews.of(page, services.openUrl()),
                () -> leave(model, this::showStart), window.themeSwitch(), logViewer::show), title(profile));
        return model;
    }

    /** A long deploy that ended while the user looked elsewhere: say so outside the window. */
    private void notifyIfAway(RunResult result, Profile profile) {
        if (result == null || window.stage().isFocused() || result.wallTime().compareTo(LONG_RUN) < 0) {
            return;
        }
        Notifications note = Notifications.create().title(title(profile)).owner(window.stage());
        if (result.succeeded()) {
            note.text("The run is done after " + result.wallTime().toMinutes() + " min.").showInformation();
        } else {
            note.text(result.firstFailure().map(f -> "Stopped: " + f.problem().what()).orElse("Stopped."))
                    .showWarning();
        }
    }

    private void closeOpenHub() {
        wizard = null;
        if (open != null) {
            try {
                open.close();
            } catch (Exception ignored) {
                // Closing AWS clients on the way out of a screen: nothing the user can act on.
            }
            open = null;
        }
    }

    /** An ARN's resource part ({@code service/team-hub-cluster/team-hub-service}): the rest is the same for all. */
    static String shortId(String id) {
        if (!id.startsWith("arn:")) {
            return id;
        }
        String[] parts = id.split(":", 6); // arn:partition:service:region:account:resource
        return parts.length == 6 ? parts[5] : id;
    }

    static String title(Profile profile) {
        return HubWizardApp.TITLE + " — " + profile.name();
    }
}
