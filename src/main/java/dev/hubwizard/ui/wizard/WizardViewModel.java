package dev.hubwizard.ui.wizard;

import dev.hubwizard.engine.Problem;
import dev.hubwizard.engine.RunResult;
import dev.hubwizard.engine.StepEvent;
import dev.hubwizard.engine.StepState;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
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
import java.util.function.Consumer;

/**
 * The wizard's state and commands: which page is showing, what Back / Next / Run / Cancel do and
 * whether they may, and the status line. No controls here: tested without a window.
 */
public final class WizardViewModel {

    private final ObservableList<PageModel> pages;
    private final DeployController deploy;
    private final IntegerProperty index = new SimpleIntegerProperty(0);
    private final ObjectProperty<PageModel> page = new SimpleObjectProperty<>();
    private final StringProperty status = new SimpleStringProperty("Ready");
    private final ObjectProperty<Problem> problem = new SimpleObjectProperty<>();
    private final Map<String, PageModel> pageOfStep = new HashMap<>();
    private final Map<String, Duration> stepDurations = new HashMap<>();
    private final BooleanBinding canGoBack;
    /** Whether the view moves along with a running deploy; the user's own navigation ends it. */
    private boolean following;
    private String failedStep;
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
            following = false;
            index.set(index.get() - 1);
        }
    }

    /** Lets the page finish what it must (settings save), then moves on if the user is still there. */
    public void next() {
        if (canGoNext.get()) {
            int from = index.get();
            PageModel leaving = page.get();
            leaving.beforeNext(() -> {
                if (index.get() == from) {
                    markSeen(leaving);
                    following = false;
                    index.set(from + 1);
                }
            });
        }
    }

    /** Shows a page the user picked; the view stops following a running deploy. */
    public void show(PageModel target) {
        following = false;
        goTo(target);
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
        start(current.runTargets(), current.title());
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
        start(targets, "Redeploy");
    }

    /** Back to "nothing has run" after the profile changed: every page's steps must run again. */
    public void reset() {
        if (deploy.runningProperty().get()) {
            return;
        }
        deploy.forget();
        stepDurations.clear();
        problem.set(null);
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
            start(List.of(failedStep), "Retry");
        }
    }

    private void start(List<String> targets, String what) {
        problem.set(null);
        failedStep = null;
        status.set("Running: " + what);
        deploy.run(targets);
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
        if (event.state() == StepState.DONE && owner.stateProperty().get() == PageState.DONE) {
            owner.progressProperty().set(1);
        }
        if (event.problem() != null) {
            failedStep = event.stepId();
            problem.set(event.problem());
            if (following) {
                goTo(owner);
            }
        }
        if (following && event.state() == StepState.RUNNING) {
            // Steps run side by side; the view shows the earliest running page of the guide.
            pages.stream().filter(p -> p.stateProperty().get() == PageState.RUNNING).findFirst().ifPresent(this::goTo);
        }
    }

    private void finished(RunResult result) {
        if (result == null) {
            return;
        }
        if (result.succeeded()) {
            status.set("Done in " + seconds(result.wallTime()));
            if (following) {
                goTo(pages.get(pages.size() - 1));
            }
            following = false;
        } else if (result.cancelled()) {
            status.set("Cancelled. Nothing is left half-recorded: press Run to continue where it stopped.");
        } else {
            status.set(result.firstFailure().map(f -> "Failed: " + f.problem().what()).orElse("Failed"));
        }
    }

    static String seconds(Duration duration) {
        return String.format(java.util.Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }
}
