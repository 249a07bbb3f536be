package dev.hubwizard.ui.start;

import dev.hubwizard.cost.CostEstimator;
import dev.hubwizard.engine.Problem;
import dev.hubwizard.engine.ProblemException;
import dev.hubwizard.deploy.ResourcesInAws;
import dev.hubwizard.deploy.SummaryWriter;
import dev.hubwizard.operate.HubOperations;
import dev.hubwizard.operate.HubStatus;
import dev.hubwizard.operate.HubStatusReader;
import dev.hubwizard.profile.DeploymentStatus;
import dev.hubwizard.profile.CognitoSettings;
import dev.hubwizard.profile.HubSettings;
import dev.hubwizard.profile.HubStanding;
import dev.hubwizard.profile.Options;
import dev.hubwizard.profile.Profile;
import dev.hubwizard.profile.ProfileEntry;
import dev.hubwizard.profile.ProfileStore;
import dev.hubwizard.profile.ProfileValidator;
import dev.hubwizard.profile.SignIn;
import dev.hubwizard.ui.BackgroundWork;
import dev.hubwizard.ui.Dialogs;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableSet;
import javafx.collections.transformation.FilteredList;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The start screen's state and commands: the saved hubs, which one is selected, and New, Open,
 * Duplicate, Delete, Deploy, Redeploy and Tear down; hubs whose deploy stopped half-way, with what they
 * left in AWS and what it costs, to resume or tear down. Reading and writing profiles runs in the
 * background; questions go through {@link Dialogs}. No controls here: tested without a window.
 */
public final class StartViewModel {

    static final String TEAR_DOWN_FIRST = "Tear down first";
    static final String DELETE_ANYWAY = "Delete anyway";
    private static final String NAME_HINT = "Letters, digits, '-' and '_'. The name is also the profile's file name"
            + " and names the hub's AWS resources.";

    private final ProfileStore store;
    private final StartActions actions;
    private final Dialogs dialogs;
    private final BackgroundWork background;
    private final Clock clock;
    private final Supplier<CostEstimator> costs;
    private final Consumer<String> openUrl;
    private final HubOperations operations;
    /** Hubs whose live status is being read now (FX thread): a slow look is not asked again meanwhile. */
    private final Set<String> looking = new HashSet<>();
    /** Hubs being paused or resumed now (FX thread). */
    private final ObservableSet<String> busy = FXCollections.observableSet();
    private final ObservableList<HubRow> rows = FXCollections.observableArrayList();
    private final FilteredList<HubRow> brokenRows = new FilteredList<>(rows, HubRow::isBroken);
    private final FilteredList<HubRow> interruptedRows = new FilteredList<>(rows, HubRow::isInterrupted);
    private final ObjectProperty<HubRow> selected = new SimpleObjectProperty<>();
    private final BooleanProperty loading = new SimpleBooleanProperty();
    private final StringProperty status = new SimpleStringProperty("");
    private final StringProperty usersPickedUp = new SimpleStringProperty("");
    private final StringProperty listProblem = new SimpleStringProperty("");
    private final BooleanBinding canOpen;
    private final BooleanBinding canDelete;
    private final BooleanBinding canDeploy;
    private final BooleanBinding canRedeploy;
    private final BooleanBinding canTearDown;
    private final BooleanBinding canPause;
    private final BooleanBinding canResume;
    private final BooleanBinding canShowLogs;

    /**
     * @param costs   what a hub, or what a deploy left of one, costs a month; made on first use
     * @param openUrl opens a hub's URL in the browser
     */
    public StartViewModel(ProfileStore store, StartActions actions, Dialogs dialogs, BackgroundWork background,
                          Clock clock, Supplier<CostEstimator> costs, Consumer<String> openUrl) {
        this(store, actions, dialogs, background, clock, costs, openUrl, HubOperations.OFFLINE);
    }

    /** @param operations live status, pause and resume of deployed hubs */
    public StartViewModel(ProfileStore store, StartActions actions, Dialogs dialogs, BackgroundWork background,
                          Clock clock, Supplier<CostEstimator> costs, Consumer<String> openUrl,
                          HubOperations operations) {
        this.store = store;
        this.operations = operations;
        this.actions = actions;
        this.dialogs = dialogs;
        this.background = background;
        this.clock = clock;
        this.costs = costs;
        this.openUrl = openUrl;
        canOpen = selectedProfileMatches(p -> true);
        canDelete = selected.isNotNull().and(loading.not());
        // A hub with nothing in AWS is deployed, not redeployed: a redeploy warns about an address and files
        // that do not exist yet.
        canDeploy = selectedProfileMatches(p -> !HubStanding.of(p.deployment()).canRedeploy()
                && ProfileValidator.validate(p).isEmpty());
        canRedeploy = selectedProfileMatches(p -> HubStanding.of(p.deployment()).canRedeploy());
        canTearDown = selectedProfileMatches(p -> !p.deployment().resources().isEmpty());
        canShowLogs = selectedProfileMatches(HubStatusReader::hasService);
        canPause = Bindings.createBooleanBinding(() -> !loading.get() && selected.get() != null
                        && selected.get().profile().filter(HubStatusReader::hasService).isPresent()
                        && !selected.get().isPaused() && !busy.contains(selected.get().name()),
                selected, loading, busy);
        canResume = Bindings.createBooleanBinding(() -> !loading.get() && selected.get() != null
                        && selected.get().profile().filter(HubStatusReader::hasService).isPresent()
                        && selected.get().isPaused() && !busy.contains(selected.get().name()),
                selected, loading, busy);
        selected.addListener((obs, old, now) -> lookUpUsersPickedUp(now == null ? null
                : now.profile().orElse(null)));
    }

    private BooleanBinding selectedProfileMatches(Predicate<Profile> test) {
        return Bindings.createBooleanBinding(() -> !loading.get() && selectedProfile().filter(test).isPresent(),
                selected, loading);
    }

    public ObservableList<HubRow> rows() {
        return rows;
    }

    /** The files that could not be read, for the list of problems under the table. */
    public ObservableList<HubRow> brokenRows() {
        return brokenRows;
    }

    /** The hubs whose deploy stopped half-way, leaving resources in AWS. */
    public ObservableList<HubRow> interruptedRows() {
        return interruptedRows;
    }

    public ObjectProperty<HubRow> selectedProperty() {
        return selected;
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading;
    }

    /** What the last command did, in a sentence. */
    public StringProperty statusProperty() {
        return status;
    }

    /** When the selected hub last picked up its lists of users; empty for a hub not deployed. */
    public StringProperty usersPickedUpProperty() {
        return usersPickedUp;
    }

    /** Opens the selected deployed hub's users editor. */
    public void editUsers() {
        selectedProfile().filter(p -> HubStanding.of(p.deployment()).canRedeploy()).ifPresent(actions::editUsers);
    }

    /** Asks AWS, in the background, when the selected deployed hub last picked up its lists. */
    private void lookUpUsersPickedUp(Profile profile) {
        usersPickedUp.set("");
        if (profile == null || !HubStanding.of(profile.deployment()).canRedeploy()) {
            return;
        }
        background.run(() -> actions.usersPickedUp(profile), words -> {
            if (selectedProfile().filter(p -> p.name().equals(profile.name())).isPresent()) {
                usersPickedUp.set("Users: " + words);
            }
        }, failure -> usersPickedUp.set("Users: " + ProblemException.of(failure).what()));
    }

    /** Why the profiles could not be listed at all; empty when they could. */
    public StringProperty listProblemProperty() {
        return listProblem;
    }

    public BooleanBinding canOpenProperty() {
        return canOpen;
    }

    public BooleanBinding canDuplicateProperty() {
        return canOpen;
    }

    public BooleanBinding canDeleteProperty() {
        return canDelete;
    }

    /** Whether the selected hub has nothing in AWS and settings that can be deployed. */
    public BooleanBinding canDeployProperty() {
        return canDeploy;
    }

    public BooleanBinding canRedeployProperty() {
        return canRedeploy;
    }

    public BooleanBinding canTearDownProperty() {
        return canTearDown;
    }

    /** Whether the selected hub runs (or should run) in AWS, so that it can be paused. */
    public BooleanBinding canPauseProperty() {
        return canPause;
    }

    /** Whether the selected hub has a service in AWS, whose log can be read. */
    public BooleanBinding canShowLogsProperty() {
        return canShowLogs;
    }

    /** Opens the selected hub's own log, as it writes it to CloudWatch Logs. */
    public void showLogs() {
        selectedProfile().filter(HubStatusReader::hasService).ifPresent(actions::showLogs);
    }

    /** Whether the selected hub is paused, so that it can be resumed. */
    public BooleanBinding canResumeProperty() {
        return canResume;
    }

    /**
     * Asks AWS, in the background, where each deployed hub stands now; each row shows its answer as it comes.
     * A hub still being looked at from the last time is not asked again.
     */
    public void refreshLive() {
        for (HubRow row : List.copyOf(rows)) {
            Optional<Profile> profile = row.profile().filter(HubStatusReader::hasService);
            if (profile.isEmpty() || !looking.add(row.name())) {
                continue;
            }
            background.run(() -> operations.status(profile.get()), live -> {
                looking.remove(row.name());
                showLive(row.name(), live);
            }, failure -> looking.remove(row.name()));
        }
    }

    /** Asks Cost Explorer once per hub (each request costs $0.01): what AWS billed this month. */
    private void refreshSpending() {
        for (HubRow row : List.copyOf(rows)) {
            Optional<Profile> profile = row.profile().filter(HubStatusReader::hasService);
            if (profile.isEmpty() || row.spent() != null) {
                continue;
            }
            background.run(() -> operations.spending(profile.get()), spent -> update(row.name(), r -> r.withSpent(spent)),
                    failure -> { });
        }
    }

    private void showLive(String name, HubStatus live) {
        update(name, r -> r.withLive(live));
    }

    private void update(String name, java.util.function.UnaryOperator<HubRow> change) {
        for (int i = 0; i < rows.size(); i++) {
            HubRow row = rows.get(i);
            if (row.name().equals(name)) {
                HubRow fresh = change.apply(row);
                boolean wasSelected = selected.get() == row;
                rows.set(i, fresh);
                if (wasSelected) {
                    selected.set(fresh);
                }
                return;
            }
        }
    }

    /**
     * Pauses the selected hub after saying what that means for its users and what still costs: its service runs
     * no task until resumed.
     */
    public void pause() {
        HubRow row = selected.get();
        Optional<Profile> profile = row == null ? Optional.empty() : row.profile();
        if (profile.isEmpty()) {
            return;
        }
        Profile p = profile.get();
        String whilePaused = ResourcesInAws.of(p.withDeployment(SummaryWriter.withStatus(p.deployment(),
                DeploymentStatus.PAUSED)), costs.get()).text();
        String body = "The hub's task stops: everyone's notebook servers stop, and work not saved in them is lost."
                + (p.options().keepUserFiles() ? " Users' files stay on the file system." : " Files in users'"
                + " home folders are lost: they live inside the task.")
                + "\n\nWhile paused, Fargate bills nothing for the hub's task; " + whilePaused + " (what does not"
                + " stop with the task: " + stillBilled(p) + ")."
                + "\n\nResume starts it again in a few minutes" + (p.options().stableAddress()
                ? ", at the same address." : ", at a new address (the task gets a new public IP).");
        if (!dialogs.confirm("Pause '" + p.name() + "'", "Pause the hub '" + p.name() + "'?", body, "Pause")) {
            return;
        }
        power(p, "Pausing", operations::pause, outcome -> "Paused '" + p.name() + "'.");
    }

    /** Resumes the selected hub and waits until it answers, then says where. */
    public void resume() {
        HubRow row = selected.get();
        Optional<Profile> profile = row == null ? Optional.empty() : row.profile();
        profile.ifPresent(p -> power(p, "Resuming", operations::resume, outcome -> "'" + p.name()
                + "' answers again at " + outcome.url() + (p.options().stableAddress() || outcome.url()
                .equals(p.deployment().url()) ? "." : ": a new address, tell its users.")));
    }

    private interface Power {
        HubOperations.Outcome run(Profile profile) throws Exception;
    }

    private void power(Profile p, String doing, Power power, java.util.function.Function<HubOperations.Outcome,
            String> done) {
        busy.add(p.name());
        status.set(doing + " '" + p.name() + "'…");
        background.run(() -> power.run(p), outcome -> {
            busy.remove(p.name());
            if (outcome.done()) {
                status.set(done.apply(outcome));
            } else {
                status.set(outcome.problem().get().what() + " (log: " + outcome.log() + ")");
                dialogs.showProblem(outcome.problem().get());
            }
            reload(p.name());
        }, failure -> {
            busy.remove(p.name());
            failed(failure);
        });
    }

    /** What keeps costing while a hub is paused, in words. */
    private static String stillBilled(Profile p) {
        List<String> parts = new ArrayList<>();
        if (p.options().stableAddress()) {
            parts.add("the load balancer");
        }
        if (p.options().keepUserFiles()) {
            parts.add("users' files");
        }
        parts.add("logs and images");
        return String.join(", ", parts);
    }

    /** Lists the profiles again, keeping the selection where it was. */
    public void reload() {
        reload(selected.get() == null ? null : selected.get().name());
    }

    private void reload(String select) {
        loading.set(true);
        background.run(() -> {
            List<ProfileEntry> entries = store.list();
            CostEstimator estimator = costs.get();
            List<HubRow> fresh = new ArrayList<>();
            for (ProfileEntry entry : entries) {
                fresh.add(HubRow.of(entry, clock.instant(), clock.getZone(), estimator));
            }
            return fresh;
        }, entries -> {
            listProblem.set("");
            showEntries(entries, select);
        }, failure -> {
            listProblem.set(ProblemException.of(failure).text());
            showEntries(List.of(), null);
        });
    }

    private void showEntries(List<HubRow> read, String select) {
        // What AWS last said stays shown until it says something new: a reload must not flicker the states.
        java.util.Map<String, HubRow> before = new java.util.HashMap<>();
        rows.forEach(r -> before.put(r.name(), r));
        List<HubRow> fresh = read.stream().map(r -> {
            HubRow old = before.get(r.name());
            return old == null || r.profile().filter(HubStatusReader::hasService).isEmpty() ? r
                    : r.withLive(old.live()).withSpent(old.spent());
        }).toList();
        rows.setAll(fresh);
        selected.set(fresh.stream().filter(r -> r.name().equals(select)).findFirst()
                .orElse(fresh.isEmpty() ? null : fresh.get(0)));
        loading.set(false);
        refreshLive();
        refreshSpending();
    }

    /** Asks for a name, creates the profile with sensible defaults and opens it. */
    public void newHub() {
        Optional<String> name = dialogs.askName("New hub", "What should the new hub be called?", NAME_HINT,
                suggestedName(), this::problemWithNewName);
        if (name.isEmpty()) {
            return;
        }
        // No image folder of its own: the hub builds from the one that comes with the app, wherever the app is.
        // HTTPS on an AWS address from the start: people never type a password over plain HTTP.
        Profile profile = Profile.named(name.get()).withHub(new HubSettings("", List.of(), List.of(),
                SignIn.FIRST_USE_PASSWORD, CognitoSettings.NONE, HubSettings.PORT, false))
                // Users' files kept by default: the hub's state (first-use passwords) lives there too.
                .withOptions(Options.NEW_HUB.withKeepUserFiles(true));
        background.run(() -> {
            if (store.exists(profile.name())) {
                throw new ProblemException("'" + profile.name() + "' was not created", "a hub with that name exists",
                        "Choose another name");
            }
            store.save(profile);
            return profile;
        }, created -> {
            status.set("Created '" + created.name() + "' in " + store.directory().toAbsolutePath() + ".");
            reload(created.name());
            actions.open(created);
        }, this::failed);
    }

    public void open() {
        selectedProfile().ifPresent(actions::open);
    }

    /** Copies the selected hub's settings under a new name; the copy has no deployment of its own. */
    public void duplicate() {
        Optional<Profile> original = selectedProfile();
        if (original.isEmpty()) {
            return;
        }
        String from = original.get().name();
        Optional<String> name = dialogs.askName("Duplicate '" + from + "'", "What should the copy of '" + from
                        + "' be called?", "The copy has the same settings, its own AWS resources and no deployment"
                        + " yet. " + NAME_HINT, freeName(from + "-copy"), this::problemWithNewName);
        if (name.isEmpty()) {
            return;
        }
        background.run(() -> store.duplicate(from, name.get()), copy -> {
            status.set("Copied '" + from + "' to '" + copy.name() + "'.");
            reload(copy.name());
        }, this::failed);
    }

    /**
     * Deletes the selected profile after asking. A profile that still records AWS resources is the
     * only way to find and remove them, so the user is offered to tear it down first.
     */
    public void delete() {
        HubRow row = selected.get();
        if (row == null) {
            return;
        }
        String name = row.name();
        int resources = row.profile().map(p -> p.deployment().resources().size()).orElse(0);
        if (resources > 0) {
            Optional<String> choice = dialogs.choose("Delete '" + name + "'", "'" + name + "' still has "
                    + plural(resources, "AWS resource") + " running", "Hub Wizard does not delete a hub that still"
                    + " has AWS resources: its profile is the only record of what its deploys created, and without it"
                    + " nothing would find them to remove them. They would keep running, and costing money, until"
                    + " someone deletes them by hand in the AWS console.\n\nTear the hub down first, then delete it.",
                    List.of(TEAR_DOWN_FIRST, DELETE_ANYWAY));
            if (choice.filter(TEAR_DOWN_FIRST::equals).isPresent()) {
                row.profile().ifPresent(actions::tearDown);
            } else if (choice.filter(DELETE_ANYWAY::equals).isPresent()) {
                remove(name, () -> store.deleteEvenIfDeployed(name));
            }
            return;
        }
        String file = row.entry().file().getFileName().toString();
        String body = (row.isBroken() ? "The file cannot be read, so Hub Wizard cannot tell whether it records AWS"
                + " resources. " : "Nothing in AWS is changed. ")
                + "The file " + file + " is renamed to " + file + ".bak in " + store.directory().toAbsolutePath()
                + ", so you can get it back by renaming it.";
        if (dialogs.confirm("Delete '" + name + "'", "Delete the hub '" + name + "'?", body, "Delete")) {
            remove(name, () -> store.delete(name));
        }
    }

    private interface Removal {
        void run() throws Exception;
    }

    private void remove(String name, Removal removal) {
        background.run(() -> {
            removal.run();
            return name;
        }, removed -> {
            status.set("Deleted '" + removed + "'; its file is kept as " + removed + ".yaml.bak.");
            reload(null);
        }, this::failed);
    }

    /** Warns what a redeploy changes, then redeploys only if the user agrees. */
    public void redeploy() {
        Optional<Profile> profile = selectedProfile();
        if (profile.isEmpty()) {
            return;
        }
        Profile p = profile.get();
        if (dialogs.confirm("Redeploy '" + p.name() + "'", redeployHeader(p), redeployWarning(p), "Redeploy")) {
            actions.redeploy(p);
        }
    }

    /**
     * Deploys a hub with nothing in AWS, after saying what it will do and cost: the wizard runs the whole
     * deploy and follows it, stopping for the person's look at the local test.
     */
    public void deploy() {
        Optional<Profile> profile = selectedProfile();
        if (profile.isEmpty()) {
            return;
        }
        Profile p = profile.get();
        String body = "Hub Wizard builds the hub image and tests it on this computer (you say whether it looks"
                + " right), then creates the hub in AWS (" + p.aws().region() + ") and waits until it answers. While"
                + " it runs it costs " + costs.get().estimate(p).summary() + ". You can cancel at any time; what"
                + " was created by then is recorded, to resume or tear down.";
        if (dialogs.confirm("Deploy '" + p.name() + "'", "Deploy the hub '" + p.name() + "' to AWS?", body,
                "Deploy")) {
            actions.deploy(p);
        }
    }

    /** Finishes a deploy that stopped half-way: the whole deploy again, which reuses what exists. */
    public void resume(HubRow row) {
        row.profile().ifPresent(actions::deploy);
    }

    /** Tears down what a deploy that stopped half-way left in AWS, after asking. */
    public void tearDown(HubRow row) {
        selected.set(row);
        tearDown();
    }

    public void tearDown() {
        Optional<Profile> profile = selectedProfile();
        if (profile.isEmpty()) {
            return;
        }
        Profile p = profile.get();
        int count = p.deployment().resources().size();
        String body = "Hub Wizard deletes the " + plural(count, "AWS resource") + " this hub's deploys created, and"
                + " nothing else in the account. The hub stops and its address stops working"
                + (p.options().keepUserFiles() ? "." : "; files in users' home folders are lost.")
                + "\n\nThe profile stays, so you can deploy the hub again later.";
        if (dialogs.confirm("Tear down '" + p.name() + "'", "Tear down the hub '" + p.name() + "'?", body,
                "Tear down")) {
            actions.tearDown(p);
        }
    }

    /** Opens a hub's address in the browser. */
    public void openUrl(HubRow row) {
        if (!row.shownUrl().isBlank()) {
            openUrl.accept(row.shownUrl());
        }
    }

    static String redeployHeader(Profile profile) {
        boolean losesAddress = !profile.options().stableAddress();
        boolean losesFiles = !profile.options().keepUserFiles();
        if (losesAddress && losesFiles) {
            return "The hub gets a new address, and users' files are lost";
        }
        if (losesAddress) {
            return "The hub gets a new address";
        }
        if (losesFiles) {
            return "Users' files are lost";
        }
        return "The hub restarts with its current settings";
    }

    /** What a redeploy changes for the hub's users, given the profile's options. */
    static String redeployWarning(Profile profile) {
        List<String> points = new ArrayList<>();
        if (!profile.options().stableAddress()) {
            String url = profile.deployment().url();
            points.add("The address changes. The hub is reached at its task's public IP address, and a redeploy"
                    + " starts a new task with a new one: " + (url.isBlank() ? "the current address" : url)
                    + " stops working. Send your users the new address when the redeploy is done, or turn on"
                    + " \"Stable address\" in the settings.");
        }
        if (!profile.options().keepUserFiles()) {
            points.add("Files in users' home folders are lost. They live inside the running task, which the redeploy"
                    + " replaces. Ask your users to download what they want to keep first, or turn on \"Keep users'"
                    + " files\" in the settings.");
        }
        if (profile.deployment().status() == DeploymentStatus.PAUSED) {
            points.add("The hub is paused: a redeploy runs it again, and it costs as a running hub from then on.");
        }
        if (points.isEmpty()) {
            points.add("The address and the users' files stay as they are; the hub is unavailable for a few minutes"
                    + " while the new task starts.");
        }
        return String.join("\n\n", points);
    }

    /** The same rule the profile store applies, and no clash with a hub that exists (in any letter case). */
    Optional<String> problemWithNewName(String name) {
        Optional<String> problem = ProfileValidator.profileName(name);
        if (problem.isPresent()) {
            return problem;
        }
        boolean taken = rows.stream().anyMatch(r -> r.name().toLowerCase(Locale.ROOT)
                .equals(name.toLowerCase(Locale.ROOT)));
        return taken ? Optional.of("a hub named '" + name + "' already exists: choose another name") : Optional.empty();
    }

    private String suggestedName() {
        return freeName("team-hub");
    }

    private String freeName(String base) {
        String name = base;
        for (int i = 2; problemWithNewName(name).isPresent() && i < 1000; i++) {
            name = base + "-" + i;
        }
        return name;
    }

    private Optional<Profile> selectedProfile() {
        return selected.get() == null ? Optional.empty() : selected.get().profile();
    }

    private void failed(Exception failure) {
        Problem problem = ProblemException.of(failure);
        status.set(problem.what());
        dialogs.showProblem(problem);
        reload();
    }

    private static String plural(int count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }
}
