package dev.hubwizard.ui.wizard;

import dev.hubwizard.engine.Problem;
import dev.hubwizard.engine.RunResult;
import dev.hubwizard.engine.StepEvent;
import dev.hubwizard.engine.StepState;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.ObjectBinding;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The wizard's state and commands: which page is showing, what Back / Next / Run / Cancel do and
 * whether they may, the status line (what runs now, or what the run waits for), and a notice about
 * what a stopped deploy left in AWS. No controls here: tested without a window.
 */
public final class WizardViewModel {

    private final ObservableList<PageModel> pages;
    private final DeployController deploy;
    private final IntegerProperty index = new SimpleIntegerProperty(0);
    private final ObjectProperty<PageModel> page = new SimpleObjectProperty<>();
    private final StringProperty status = new SimpleStringProperty("Ready");
    private final StringProperty awaiting = new SimpleStringProperty("");
    private final ObjectProperty<Notice> notice = new SimpleObjectProperty<>();
    private final ObjectProperty<Problem> problem = new SimpleObjectProperty<>();
    private final ObjectProperty<PageModel> failedPage = new SimpleObjectProperty<>();
    private final ObjectBinding<Problem> pageProblem;
    private final Map<String, PageModel> pageOfStep = new HashMap<>();
    private final Map<String, Duration> stepDurations = new HashMap<>();
    private final BooleanBinding canGoBack;
    /** Whether the view moves along with a running deploy; the user's own navigation ends it. */
    private boolean following;
    private String failedStep;
    private boolean resetWhenDone;
    /** What the last started run was asked to do, for its status line until a step runs. */
    private String runningWhat = "";
    /** What exists in AWS now, in words ("12 resources in AWS, about $38.12 a month"); empty when nothing. */
    private Supplier<Optional<String>> inAws = Optional::empty;
    /** The actions a notice about what is in AWS offers (Resume, Tear down), when the wizard has them. */
    private List<Notice.Action> inAwsActions = List.of();
    private Consumer<Runnable> signIn;
    private final BooleanBinding canGoNext;
    private final BooleanBinding canRun;

    public WizardViewModel(List<PageModel> pages, DeployController deploy) {
        this.pages = FXCollections.observableArrayList(pages);
        this.deploy = deploy;
        pages.forEach(p -> p.stepIds().forEach(id -> pageOfStep.put(id, p)));
        Map<String, String> logGroups = new HashMap<>();
        pageOfStep.forEach((stepId, owner) -> logGroups.put(stepId, owner.id()));
        deploy.groupLogs(logGroups);
        page.bind(Bindings.valueAt(this.pages, index));
        pageProblem = Bindings.createObjectBinding(() -> page.get() == failedPage.get() ? problem.get() : null,
                page, failedPage, problem);
        canGoBack = index.greaterThan(0);
        // Read through the select binding, not the page: a binding that is not read after it changes stays
        // invalid and never reports the next change, so Next would miss a page turning invalid again.
        BooleanBinding pageValid = Bindings.selectBoolean(page, "valid");
        canGoNext = Bindings.createBooleanBinding(() -> index.get() < pages.size() - 1 && pageValid.get(),
                index, pageValid);
        canRun = Bindings.createBooleanBinding(
                () -> page.get().runsSteps() && !deploy.runningProperty().get() && pageValid.get(),
                page, deploy.runningProperty(), pageValid);
        deploy.onStepEvent(this::stepChanged);
        awaiting.addListener((obs, old, now) -> showRunning());
        deploy.onProgress((stepId, progress) -> {
            PageModel owner = pageOfStep.get(stepId);
            if (owner != null) {
                owner.progressProperty().set(progress.isDeterminate() ? progress.fraction() : -1);
                owner.progressTextProperty().set(progress.message());
            }
        });
        deploy.lastResultProperty().addListener((obs, old, result) -> finished(result));
        page.addListener((obs, old, now) -> now.shown());
        page.get().shown();
    }

    public ObservableList<PageModel> pages() {
        return pages;
    }

    public ReadOnlyObjectProperty<PageModel> pageProperty() {
        return page;
    }

    public IntegerProperty indexProperty() {
        return index;
    }

    public DeployController deploy() {
        return deploy;
    }

    public StringProperty statusProperty() {
        return status;
    }

    /**
     * What the run waits for the person to do ("open the hub on this computer, then press Looks good");
     * shown as the status while set. Empty when the run waits for nobody.
     */
    public StringProperty awaitingProperty() {
        return awaiting;
    }

    /** Something to know about the hub before going on, with what to do about it; null when there is none. */
    public ObjectProperty<Notice> noticeProperty() {
        return notice;
    }

    /**
     * Tells the wizard how to find out what exists in AWS, so that a cancelled run says what it left and
     * what that costs, with these actions.
     */
    public void describeInAws(Supplier<Optional<String>> whatIsInAws, List<Notice.Action> actions) {
        this.inAws = whatIsInAws;
        this.inAwsActions = List.copyOf(actions);
    }

    /** The last failure while the page whose step failed is shown; null elsewhere, and when nothing failed. */
    public ObjectBinding<Problem> pageProblemProperty() {
        return pageProblem;
    }

    /** The last failure, explained; null when there is none to show. */
    public ObjectProperty<Problem> problemProperty() {
        return problem;
    }

    public BooleanBinding canGoBackProperty() {
        return canGoBack;
    }

    public BooleanBinding canGoNextProperty() {
        return canGoNext;
    }

    public BooleanBinding canRunProperty() {
        return canRun;
    }

    public void back() {
        if (canGoBack.get()) {
            moveTo(index.get() - 1);
        }
    }

    public void next() {
        if (canGoNext.get()) {
            moveTo(index.get() + 1);
        }
    }

    /** Shows a page the user picked; the view stops following a running deploy. */
    public void show(PageModel target) {
        int at = pages.indexOf(target);
        if (at >= 0 && at != index.get()) {
            moveTo(at);
        }
    }

    /**
     * Lets the page being left finish what it must (the settings save), then moves if the user is still on
     * it; a page that cannot be left (settings with a problem) keeps the wizard where it is and says why.
     */
    private void moveTo(int target) {
        int from = index.get();
        PageModel leaving = page.get();
        leaving.beforeLeave(() -> {
            if (index.get() == from) {
                if (target > from) {
                    markSeen(leaving);
                }
                following = false;
                index.set(target);
            }
        });
    }

    /** Leaves the wizard (All hubs, closing the window) once the page has kept what it must. */
    public void leave(Runnable then) {
        page.get().beforeLeave(then);
    }

    private void goTo(PageModel target) {
        int at = pages.indexOf(target);
        if (at >= 0) {
            index.set(at);
        }
    }

    /**
     * Runs the current page's steps (and whatever they need that has not run yet). A page that runs
     * the whole deploy (the plan page's Deploy) makes the view follow it from page to page.
     */
    public void run() {
        if (!canRun.get()) {
            return;
        }
        PageModel current = page.get();
        following = current.stepIds().isEmpty();
        markSeen(current);
        start(current.runTargets(), current.stepIds().isEmpty() ? "the deploy" : current.title());
    }

    /**
     * A page without steps of its own (settings, plan) is done once the user has moved past it, so the
     * step list does not show it as "not run yet" beside a finished deploy.
     */
    private static void markSeen(PageModel page) {
        if (page.stepIds().isEmpty()) {
            page.stateProperty().set(PageState.DONE);
        }
    }

    /** Runs the deploy from start to end, following it; for the one-click redeploy. */
    public void runAll(List<String> targets) {
        following = true;
        pages.forEach(WizardViewModel::markSeen);
        start(targets, "the deploy");
    }

    /**
     * Back to "nothing has run" after the profile changed: every page's steps must run again. During a run
     * (the preflight checks on sight) that happens when it ends.
     */
    public void reset() {
        if (deploy.runningProperty().get()) {
            resetWhenDone = true;
            return;
        }
        resetWhenDone = false;
        deploy.forget();
        stepDurations.clear();
        problem.set(null);
        failedPage.set(null);
        failedStep = null;
        for (PageModel p : pages) {
            // The settings changed: the plan must be looked at again, like every step run again.
            p.stateProperty().set(PageState.IDLE);
            if (!p.stepIds().isEmpty()) {
                p.durationProperty().set(Duration.ZERO);
                p.progressProperty().set(0);
                p.progressTextProperty().set("");
            }
        }
    }

    /**
     * How "Sign in again" signs in: it is given what to do once signed in (retry). Set by the app; without
     * it the problem panel offers Retry only.
     */
    public void signInWith(Consumer<Runnable> signIn) {
        this.signIn = signIn;
    }

    public boolean canSignIn() {
        return signIn != null;
    }

    /** Signs in to AWS again (the page only when the person is needed), then retries the failed step. */
    public void signInAgain() {
        if (signIn != null) {
            signIn.accept(this::retry);
        }
    }

    /** Runs the step that failed again (and whatever it needs that has not run yet). */
    public void retry() {
        if (failedStep != null && !deploy.runningProperty().get()) {
            start(List.of(failedStep), pageOfStep.containsKey(failedStep) ? pageOfStep.get(failedStep).title()
                    : failedStep);
        }
    }

    private void start(List<String> targets, String what) {
        problem.set(null);
        failedPage.set(null);
        notice.set(null);
        failedStep = null;
        runningWhat = what;
        status.set("Running: " + what);
        deploy.run(targets);
    }

    /**
     * While a run goes on the status says what it waits for, or which pages run now: steps run side by side,
     * and the page Run was pressed on is long done by the last of them.
     */
    private void showRunning() {
        if (!deploy.runningProperty().get()) {
            return;
        }
        if (!awaiting.get().isEmpty()) {
            status.set(awaiting.get());
            return;
        }
        List<String> runningPages = pages.stream().filter(p -> p.stateProperty().get() == PageState.RUNNING)
                .map(PageModel::title).toList();
        status.set("Running: " + (runningPages.isEmpty() ? runningWhat : String.join(", ", runningPages)));
    }

    /** The page whose step failed last, for "Retry step"; empty when nothing failed. */
    public java.util.Optional<PageModel> failedPage() {
        return java.util.Optional.ofNullable(failedStep).map(pageOfStep::get);
    }

    public void cancel() {
        if (deploy.runningProperty().get()) {
            status.set("Cancelling…");
            deploy.cancel();
        }
    }

    private void stepChanged(StepEvent event) {
        PageModel owner = pageOfStep.get(event.stepId());
        if (owner == null) {
            return;
        }
        if (event.state().isFinished()) {
            stepDurations.put(event.stepId(), event.elapsed());
        }
        List<StepState> states = owner.stepIds().stream().map(deploy::state).filter(s -> s != null).toList();
        owner.stateProperty().set(PageState.of(states));
        owner.durationProperty().set(owner.stepIds().stream().map(id -> stepDurations.getOrDefault(id, Duration.ZERO))
                .reduce(Duration.ZERO, Duration::plus));
        PageState now = owner.stateProperty().get();
        if (now == PageState.DONE) {
            owner.progressProperty().set(1);
        } else if (now == PageState.RUNNING && owner.progressProperty().get() == 0) {
            // A step that does not say how far it is: the bar moves, so nobody takes it for stuck.
            owner.progressProperty().set(-1);
        } else if (now != PageState.RUNNING && owner.progressProperty().get() < 0) {
            // A step that stopped is not busy any more: no moving bar beside "Failed".
            owner.progressProperty().set(0);
        }
        if (event.problem() != null) {
            failedStep = event.stepId();
            failedPage.set(owner);
            problem.set(event.problem());
            if (following) {
                goTo(owner);
            }
        }
        if (following && event.state() == StepState.RUNNING) {
            // Steps run side by side; the view shows the earliest running page of the guide.
            pages.stream().filter(p -> p.stateProperty().get() == PageState.RUNNING).findFirst().ifPresent(this::goTo);
        }
        showRunning();
    }

    private void finished(RunResult result) {
        if (result == null) {
            return;
        }
        awaiting.set("");
        if (resetWhenDone) {
            reset();
            status.set("The settings changed while the preflight ran: it checks again when you open it.");
            return;
        }
        for (PageModel p : pages) {
            if (p.progressProperty().get() < 0) {
                p.progressProperty().set(0);
            }
        }
        if (result.succeeded()) {
            status.set("Done in " + seconds(result.wallTime()));
            if (following) {
                goTo(pages.get(pages.size() - 1));
            }
            following = false;
        } else if (result.cancelled()) {
            Optional<String> left = inAws.get();
            status.set("Cancelled. " + left.map(what -> "In AWS now: " + what + ". ").orElse("")
                    + "Nothing is left half-recorded: Run continues where it stopped.");
            left.ifPresent(what -> notice.set(new Notice("Cancelled: " + what,
                    "The deploy stopped before the hub was ready; what it created so far is recorded and keeps"
                            + " running in AWS. Resume continues where it stopped; Tear down removes all of it.",
                    inAwsActions)));
        } else {
            status.set(result.firstFailure().map(f -> "Failed: " + f.problem().what()).orElse("Failed"));
        }
    }

    static String seconds(Duration duration) {
        return String.format(java.util.Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }
}
