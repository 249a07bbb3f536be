package dev.hubwizard.ui.settings;

import dev.hubwizard.cost.CostEstimate;
import dev.hubwizard.cost.CostEstimator;
import dev.hubwizard.deploy.BuildImageStep;
import dev.hubwizard.docker.HubImageFolder;
import dev.hubwizard.engine.Problem;
import dev.hubwizard.engine.ProblemException;
import dev.hubwizard.profile.Advanced;
import dev.hubwizard.profile.Architecture;
import dev.hubwizard.profile.AwsTarget;
import dev.hubwizard.profile.CognitoSettings;
import dev.hubwizard.profile.FargateSizes;
import dev.hubwizard.profile.FieldProblem;
import dev.hubwizard.profile.HubSettings;
import dev.hubwizard.profile.HubSizing;
import dev.hubwizard.profile.JupyterHubVersion;
import dev.hubwizard.profile.NetworkMode;
import dev.hubwizard.profile.NetworkSettings;
import dev.hubwizard.profile.Options;
import dev.hubwizard.profile.Profile;
import dev.hubwizard.profile.ProfileStore;
import dev.hubwizard.profile.ProfileValidator;
import dev.hubwizard.profile.ResourceNames;
import dev.hubwizard.profile.ServerPlacement;
import dev.hubwizard.profile.SignIn;
import dev.hubwizard.profile.TaskSize;
import dev.hubwizard.profile.UserNames;
import dev.hubwizard.profile.UserServers;
import dev.hubwizard.ui.BackgroundWork;
import dev.hubwizard.ui.signin.SignInLauncher;
import dev.hubwizard.ui.wizard.PageModel;
import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The settings page's state: every setting of the profile as it is being edited, checked as the
 * user types with the same rules as {@link ProfileValidator} (Next stays disabled, naming the first
 * problem on the page, until there is none), the monthly cost of each option, and saving whenever the
 * user leaves the page (Next, Back, another step, All hubs), so that no run ever uses settings other
 * than those the page shows. How many people will use the hub drives the suggested size and who may
 * reach it. No controls here: tested without a window.
 */
public final class SettingsPage extends PageModel {

    public static final String ID = "settings";

    /** Who may reach the hub: the choices the page offers for the security group's source range. */
    public enum Access { MY_ADDRESS, ANYWHERE, CUSTOM }

    /** Where the look-up of this computer's public address stands. */
    public enum Detection { LOOKING, FOUND, NOT_FOUND }

    private final ProfileStore store;
    private final CostEstimator costs;
    private final BackgroundWork background;
    private final Consumer<Profile> onSaved;
    private final Path bundledHubImage;
    /** The profile as last loaded or saved: what the page's fields do not cover comes from here. */
    private Profile base;
    /** Set while the fields are filled from a profile: only the user's own edits derive other settings. */
    private boolean showing;
    /** Counts the hub image folder checks, so that an older answer never replaces a newer one. */
    private long folderChecks;

    private final StringProperty people = new SimpleStringProperty("");
    private final StringProperty reachNote = new SimpleStringProperty("");
    private final StringProperty sizeAdvice = new SimpleStringProperty("");
    private final StringProperty imageFolder = new SimpleStringProperty("");
    private final ObjectProperty<Optional<Problem>> imageFolderProblem = new SimpleObjectProperty<>(Optional.empty());
    private final BooleanProperty changed = new SimpleBooleanProperty();
    private final BooleanProperty locked = new SimpleBooleanProperty();
    private final ObjectProperty<SettingsField> focusRequest = new SimpleObjectProperty<>();

    private final StringProperty admins = new SimpleStringProperty("");
    private final StringProperty allowedUsers = new SimpleStringProperty("");
    private final ObjectProperty<SignIn> signIn = new SimpleObjectProperty<>(SignIn.FIRST_USE_PASSWORD);
    private final StringProperty userPoolName = new SimpleStringProperty("");
    private final StringProperty domainPrefix = new SimpleStringProperty("");

    private final StringProperty awsProfile = new SimpleStringProperty("");
    private final ObservableList<String> awsProfiles = FXCollections.observableArrayList();
    private final ObjectProperty<AwsRegion> region = new SimpleObjectProperty<>();
    private final ObservableList<AwsRegion> regions = FXCollections.observableArrayList();

    private final StringProperty repository = new SimpleStringProperty("");
    private final StringProperty cluster = new SimpleStringProperty("");
    private final StringProperty service = new SimpleStringProperty("");
    private final StringProperty taskFamily = new SimpleStringProperty("");

    private final ObservableList<Integer> cpuChoices = FXCollections.observableArrayList(FargateSizes.cpuChoices());
    private final ObjectProperty<Integer> cpu = new SimpleObjectProperty<>();
    private final ObservableList<Integer> memoryChoices = FXCollections.observableArrayList();
    private final ObjectProperty<Integer> memory = new SimpleObjectProperty<>();
    private final ObjectProperty<Architecture> architecture = new SimpleObjectProperty<>(Architecture.X86_64);

    private final ObjectProperty<NetworkMode> networkMode = new SimpleObjectProperty<>(NetworkMode.NEW_VPC);
    private final StringProperty vpcId = new SimpleStringProperty("");
    private final StringProperty subnetIds = new SimpleStringProperty("");
    private final ObjectProperty<Access> access = new SimpleObjectProperty<>(Access.MY_ADDRESS);
    private final StringProperty customCidr = new SimpleStringProperty("");
    private final ObjectProperty<Detection> detection = new SimpleObjectProperty<>(Detection.LOOKING);
    private final StringProperty detectedCidr = new SimpleStringProperty("");

    private final BooleanProperty stableAddress = new SimpleBooleanProperty();
    private final StringProperty domainName = new SimpleStringProperty("");
    private final BooleanProperty keepUserFiles = new SimpleBooleanProperty();
    private final BooleanProperty cloudFront = new SimpleBooleanProperty();

    private final ObjectProperty<ServerPlacement> placement = new SimpleObjectProperty<>(ServerPlacement.HUB);
    private final StringProperty serverSizes = new SimpleStringProperty("");
    private final StringProperty cullIdleMinutes = new SimpleStringProperty("");
    private final StringProperty hoursPerPersonPerWeek = new SimpleStringProperty("");
    private final StringProperty userImage = new SimpleStringProperty("");
    private final BooleanProperty sharedFolder = new SimpleBooleanProperty();

    private final StringProperty registryEndpoint = new SimpleStringProperty("");
    private final ObjectProperty<Integer> logRetentionDays = new SimpleObjectProperty<>(Advanced.DEFAULT.logRetentionDays());
    private final StringProperty baseImage = new SimpleStringProperty("");
    private final StringProperty jupyterhubVersion = new SimpleStringProperty(JupyterHubVersion.PINNED);
    private final StringProperty localPort = new SimpleStringProperty("");
    private final BooleanProperty hostNetwork = new SimpleBooleanProperty();

    private final StringProperty adminsNote = new SimpleStringProperty("");
    private final StringProperty allowedUsersNote = new SimpleStringProperty("");
    private final StringProperty stableAddressCost = new SimpleStringProperty("");
    private final StringProperty keepUserFilesCost = new SimpleStringProperty("");
    private final StringProperty cloudFrontCost = new SimpleStringProperty("");
    private final StringProperty monthlyCost = new SimpleStringProperty("");
    private final StringProperty costBasis = new SimpleStringProperty("");
    private final StringProperty costSources = new SimpleStringProperty("");
    private final BooleanBinding cognitoAvailable;
    private final BooleanBinding namesDerived;

    private final Map<SettingsField, StringProperty> problems = new EnumMap<>(SettingsField.class);
    private final ObjectProperty<List<SettingsField>> fieldsWithProblems = new SimpleObjectProperty<>(List.of());
    private final BooleanProperty saving = new SimpleBooleanProperty();
    private final StringProperty saveProblem = new SimpleStringProperty("");
    private final SettingsLookups lookups;
    private final BooleanProperty canSignIn = new SimpleBooleanProperty();
    private SignInLauncher signInLauncher;

    /**
     * Shows {@code profile} for editing and starts looking up the AWS profiles, the regions and this
     * computer's address in the background.
     *
     * @param onSaved told of the profile as saved, each time the user leaves the page with changes
     */
    public SettingsPage(Profile profile, ProfileStore store, CostEstimator costs, BackgroundWork background,
                        SettingsLookups lookups, Consumer<Profile> onSaved) {
        super(ID, "Settings", "Who will use the hub and from where, who may sign in, where in AWS it runs and how"
                + " big it is. Hub Wizard saves the settings when you leave this page.", List.of());
        this.store = store;
        this.costs = costs;
        this.background = background;
        this.onSaved = onSaved;
        this.bundledHubImage = lookups.bundledHubImage();
        this.base = profile;
        this.lookups = lookups;
        for (SettingsField field : SettingsField.values()) {
            problems.put(field, new SimpleStringProperty(""));
        }
        // Cognito sends people back over HTTPS only: the hub needs an HTTPS address, its own domain's or AWS's.
        BooleanBinding ownDomain = stableAddress.and(Bindings.createBooleanBinding(() -> !domainName.get().isBlank(),
                domainName));
        cognitoAvailable = ownDomain.or(cloudFront);
        namesDerived = Bindings.createBooleanBinding(() -> names().equals(ResourceNames.derivedFrom(base.name())),
                repository, cluster, service, taskFamily);
        show(profile);
        cpu.addListener((obs, old, now) -> cpuChanged(now));
        people.addListener((obs, old, now) -> peopleChanged());
        placement.addListener((obs, old, now) -> placementChanged(now));
        imageFolder.addListener((obs, old, now) -> checkImageFolder());
        InvalidationListener recheck = obs -> update();
        for (Observable input : List.of(people, admins, allowedUsers, signIn, userPoolName, domainPrefix, awsProfile,
                region, repository, cluster, service, taskFamily, cpu, memory, architecture, networkMode, vpcId,
                subnetIds, access, customCidr, detection, detectedCidr, stableAddress, domainName, keepUserFiles,
                cloudFront, placement, serverSizes, cullIdleMinutes, hoursPerPersonPerWeek, userImage, sharedFolder,
                imageFolder, imageFolderProblem, registryEndpoint, logRetentionDays, baseImage,
                jupyterhubVersion, localPort, hostNetwork, saving)) {
            input.addListener(recheck);
        }
        update();
        checkImageFolder();
        lookUp(lookups);
    }

    private void show(Profile profile) {
        showing = true;
        HubSettings hub = profile.hub();
        people.set(hub.expectedUsers() == 0 ? "" : String.valueOf(hub.expectedUsers()));
        imageFolder.set(hub.imageFolder());
        admins.set(String.join("\n", hub.admins()));
        allowedUsers.set(String.join("\n", hub.allowedUsers()));
        signIn.set(hub.signIn());
        userPoolName.set(hub.cognito().userPoolName());
        domainPrefix.set(hub.cognito().domainPrefix());
        awsProfile.set(profile.aws().profileName());
        AwsRegion current = profile.aws().region().isEmpty() ? null : new AwsRegion(profile.aws().region(), "");
        if (current != null) {
            regions.setAll(current);
        }
        region.set(current);
        ResourceNames names = profile.names();
        repository.set(names.repository());
        cluster.set(names.cluster());
        service.set(names.service());
        taskFamily.set(names.taskFamily());
        memoryChoices.setAll(FargateSizes.memoryChoices(profile.task().cpu()));
        cpu.set(profile.task().cpu());
        memory.set(profile.task().memory());
        architecture.set(profile.task().architecture());
        NetworkSettings network = profile.network();
        networkMode.set(network.mode());
        vpcId.set(network.vpcId());
        subnetIds.set(String.join(", ", network.subnetIds()));
        if (network.ingressCidr().isEmpty()) {
            access.set(hub.expectedUsers() > 1 ? Access.ANYWHERE : Access.MY_ADDRESS);
        } else if (network.isOpenToAnywhere()) {
            access.set(Access.ANYWHERE);
        } else {
            access.set(Access.CUSTOM);
            customCidr.set(network.ingressCidr());
        }
        stableAddress.set(profile.options().stableAddress());
        domainName.set(profile.options().domainName());
        keepUserFiles.set(profile.options().keepUserFiles());
        cloudFront.set(profile.options().cloudFront());
        UserServers servers = profile.servers();
        placement.set(servers.placement());
        serverSizes.set(ServerSizeLines.text(servers.sizes()));
        cullIdleMinutes.set(String.valueOf(servers.cullIdleMinutes()));
        hoursPerPersonPerWeek.set(String.valueOf(servers.hoursPerPersonPerWeek()));
        userImage.set(servers.image());
        sharedFolder.set(servers.sharedFolder());
        Advanced advanced = profile.advanced();
        registryEndpoint.set(advanced.registryEndpoint());
        logRetentionDays.set(advanced.logRetentionDays());
        baseImage.set(advanced.baseImage());
        jupyterhubVersion.set(advanced.jupyterhubVersion());
        localPort.set(String.valueOf(hub.localPort()));
        hostNetwork.set(hub.hostNetwork());
        showing = false;
    }

    /** Throws away what the user changed since the last save: the page shows the saved profile again. */
    public void undoChanges() {
        show(base);
        saveProblem.set("");
    }

    /**
     * A number of people typed by the user suggests the task's size and, for more than one person, that the
     * hub is reached from anywhere: people at home are not on this computer's network.
     */
    private void peopleChanged() {
        Optional<Integer> count = peopleCount();
        if (showing || count.isEmpty() || count.get() == 0
                || ProfileValidator.expectedUsers(count.get()).isPresent()) {
            return;
        }
        if (placement.get() == ServerPlacement.HUB) {
            TaskSize size = HubSizing.suggested(count.get(), architecture.get());
            cpu.set(size.cpu());
            memory.set(size.memory());
        }
        if (count.get() > 1 && access.get() == Access.MY_ADDRESS) {
            access.set(Access.ANYWHERE);
        }
    }

    /**
     * The hub's task follows where the servers run: alone it needs little ({@link UserServers#HUB_ALONE}); with
     * everyone's notebooks in it, the size the number of people suggests.
     */
    private void placementChanged(ServerPlacement now) {
        if (showing || now == null) {
            return;
        }
        TaskSize size = now == ServerPlacement.FARGATE ? UserServers.HUB_ALONE
                : HubSizing.suggested(Math.max(1, peopleCount().orElse(0)), architecture.get());
        cpu.set(size.cpu());
        memory.set(size.memory());
    }

    /** The people field as a number: empty is 0 (not said); empty optional when it is not a number. */
    private Optional<Integer> peopleCount() {
        String text = people.get().trim();
        if (text.isEmpty()) {
            return Optional.of(0);
        }
        try {
            return Optional.of(Integer.parseInt(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The folder the build would use, checked off the FX thread: it may be on a slow or absent disk. */
    private void checkImageFolder() {
        long check = ++folderChecks;
        Path folder = BuildImageStep.imageFolder(base.withHub(base.hub().withImageFolder(imageFolder.get().trim())),
                bundledHubImage);
        background.run(() -> HubImageFolder.problem(folder), problem -> {
            if (check == folderChecks) {
                imageFolderProblem.set(problem);
            }
        }, failure -> { });
    }

    /**
     * Where "Sign in to AWS…" beside the AWS profile field goes; the field takes the signed-in profile and
     * the list is looked up again. Set by whoever opens the page (the app's sign-in window).
     */
    public void signInWith(SignInLauncher launcher) {
        this.signInLauncher = launcher;
        canSignIn.set(launcher != null);
    }

    /** Whether the page can offer signing in (a launcher was given). */
    public ReadOnlyBooleanProperty canSignInProperty() {
        return canSignIn;
    }

    public void signIn() {
        if (signInLauncher == null) {
            return;
        }
        signInLauncher.open(awsProfile.get(), false, name -> {
            awsProfile.set(name);
            background.run(() -> lookups.awsProfiles().get(), found -> {
                awsProfiles.setAll(found);
                awsProfile.set(name);
            }, failure -> { });
        });
    }

    private void lookUp(SettingsLookups lookups) {
        background.run(() -> lookups.awsProfiles().get(), awsProfiles::setAll, failure -> awsProfiles.clear());
        background.run(() -> lookups.regions().get(), this::showRegions, failure -> { });
        background.run(() -> lookups.currentIp().get(), this::showCurrentIp, failure -> notFound());
    }

    private void showRegions(List<AwsRegion> known) {
        AwsRegion chosen = region.get();
        List<AwsRegion> all = new ArrayList<>(known);
        Optional<AwsRegion> named = chosen == null ? Optional.empty()
                : known.stream().filter(r -> r.id().equals(chosen.id())).findFirst();
        if (chosen != null && named.isEmpty()) {
            all.add(0, chosen); // a region the list does not know stays choosable: the profile names it
        }
        regions.setAll(all);
        region.set(named.orElse(chosen));
    }

    private void showCurrentIp(Optional<String> address) {
        String cidr = address.map(String::trim).map(a -> a.contains("/") ? a : a + "/32").orElse("");
        if (cidr.isEmpty() || ProfileValidator.ingressCidr(cidr).isPresent()) {
            notFound();
            return;
        }
        detectedCidr.set(cidr);
        detection.set(Detection.FOUND);
        if (access.get() == Access.CUSTOM && customCidr.get().trim().equals(cidr)) {
            access.set(Access.MY_ADDRESS);
        }
    }

    /**
     * Without this computer's address, "only this computer" cannot be saved: rather than stop the user there,
     * the page chooses "from anywhere" (people still need an allowed name to sign in) and says so.
     */
    private void notFound() {
        detection.set(Detection.NOT_FOUND);
        if (access.get() == Access.MY_ADDRESS) {
            access.set(Access.ANYWHERE);
            reachNote.set("Hub Wizard could not find this computer's address on the internet, so it chose \"From"
                    + " anywhere\". To let in only one network, such as your school's, choose \"Only from one"
                    + " network\" and enter its addresses.");
        }
    }

    /** Keeps the memory a size Fargate runs with the new CPU: the same if allowed, else the nearest. */
    private void cpuChanged(Integer now) {
        if (now == null) {
            return;
        }
        Integer previous = memory.get();
        List<Integer> choices = FargateSizes.memoryChoices(now);
        memoryChoices.setAll(choices);
        memory.set(nearest(choices, previous));
    }

    static Integer nearest(List<Integer> choices, Integer wanted) {
        if (choices.isEmpty()) {
            return wanted;
        }
        if (wanted == null) {
            return choices.get(0);
        }
        return choices.stream().filter(m -> m >= wanted).findFirst().orElse(choices.get(choices.size() - 1));
    }

    /** Resets the AWS resource names to the ones derived from the hub's name. */
    public void useDerivedNames() {
        ResourceNames derived = ResourceNames.derivedFrom(base.name());
        repository.set(derived.repository());
        cluster.set(derived.cluster());
        service.set(derived.service());
        taskFamily.set(derived.taskFamily());
    }

    private ResourceNames names() {
        return new ResourceNames(repository.get(), cluster.get(), service.get(), taskFamily.get());
    }

    /** The profile as edited so far. Fields that do not parse keep their last saved value. */
    public Profile edited() {
        HubSettings hub = base.hub();
        int port = port().orElse(hub.localPort());
        boolean existing = networkMode.get() == NetworkMode.EXISTING_VPC;
        return base.withAws(new AwsTarget(awsProfile.get(), region.get() == null ? "" : region.get().id()))
                .withNames(names())
                .withTask(new TaskSize(cpu.get() == null ? 0 : cpu.get(), memory.get() == null ? 0 : memory.get(),
                        architecture.get()))
                .withNetwork(new NetworkSettings(networkMode.get(), existing ? vpcId.get() : "",
                        existing ? splitIds(subnetIds.get()) : List.of(), ingressCidr()))
                .withHub(new HubSettings(imageFolder.get().trim(), UserNames.parseLines(admins.get()),
                        UserNames.parseLines(allowedUsers.get()), signIn.get(),
                        new CognitoSettings(userPoolName.get(), domainPrefix.get()), port, hostNetwork.get(),
                        peopleCount().orElse(hub.expectedUsers())))
                .withOptions(new Options(stableAddress.get(), stableAddress.get() ? domainName.get() : "",
                        keepUserFiles.get(), cloudFront.get()))
                .withServers(servers())
                .withAdvanced(new Advanced(registryEndpoint.get(), logRetentionDays.get() == null ? 0
                        : logRetentionDays.get(), baseImage.get(), jupyterhubVersion.get()));
    }

    /** The servers as edited; what does not parse keeps its last saved value. */
    private UserServers servers() {
        UserServers saved = base.servers();
        ServerSizeLines.Reading sizes = ServerSizeLines.read(serverSizes.get());
        return new UserServers(placement.get(), sizes.problem().isPresent() ? saved.sizes() : sizes.sizes(),
                whole(cullIdleMinutes).orElse(saved.cullIdleMinutes()), userImage.get(),
                whole(hoursPerPersonPerWeek).orElse(saved.hoursPerPersonPerWeek()),
                // The shared folder lives on the kept files' file system: without it there is none to have.
                sharedFolder.get() && keepUserFiles.get());
    }

    private static Optional<Integer> whole(StringProperty text) {
        try {
            return Optional.of(Integer.parseInt(text.get().trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private String ingressCidr() {
        return switch (access.get()) {
            case MY_ADDRESS -> detectedCidr.get();
            case ANYWHERE -> NetworkSettings.ANYWHERE;
            case CUSTOM -> customCidr.get().trim();
        };
    }

    private Optional<Integer> port() {
        try {
            return Optional.of(Integer.parseInt(localPort.get().trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    static List<String> splitIds(String text) {
        return Arrays.stream(text.split("[\\s,]+")).filter(s -> !s.isEmpty()).distinct().toList();
    }

    /** Re-checks every field and recomputes the costs; cheap enough for every keystroke. */
    private void update() {
        Profile profile = edited();
        Map<SettingsField, String> found = new EnumMap<>(SettingsField.class);
        uiProblems(found);
        for (FieldProblem problem : ProfileValidator.validate(profile)) {
            SettingsField.ofKey(problem.field()).ifPresent(field -> found.putIfAbsent(field, message(field, problem)));
        }
        problems.forEach((field, text) -> text.set(found.getOrDefault(field, "")));
        fieldsWithProblems.set(List.copyOf(found.keySet()));

        adminsNote.set(normalisationNote(admins.get()));
        allowedUsersNote.set(normalisationNote(allowedUsers.get()));
        showCosts(profile);
        sizeAdvice.set(sizeAdvice(profile));
        changed.set(!profile.withDeployment(null).equals(base.withDeployment(null)));

        Optional<Map.Entry<SettingsField, String>> first = found.entrySet().stream().findFirst();
        validProperty().set(first.isEmpty() && !saving.get());
        blockedReasonProperty().set(saving.get() ? "Saving the settings…"
                : first.map(e -> e.getKey().label() + ": " + e.getValue()).orElse(""));
    }

    /** Problems only the page can have: text that is not a number yet, an address still being looked up. */
    private void uiProblems(Map<SettingsField, String> found) {
        Optional<Integer> count = peopleCount();
        if (count.isEmpty()) {
            found.put(SettingsField.EXPECTED_USERS, "'" + people.get().trim() + "' is not a number: write how many"
                    + " people will use the hub, such as 25, or leave it empty");
        }
        if (access.get() == Access.MY_ADDRESS && detection.get() == Detection.LOOKING) {
            found.put(SettingsField.INGRESS, "still looking up this computer's public IP address…");
        }
        imageFolderProblem.get().ifPresent(problem -> found.put(SettingsField.IMAGE_FOLDER, problem.why()
                + ": choose the folder that has the Dockerfile and " + HubImageFolder.CONFIG + ", or use the one"
                + " that comes with Hub Wizard"));
        if (placement.get() == ServerPlacement.FARGATE) {
            ServerSizeLines.read(serverSizes.get()).problem()
                    .ifPresent(problem -> found.put(SettingsField.SERVER_SIZES, problem));
            if (whole(cullIdleMinutes).isEmpty()) {
                found.put(SettingsField.CULL_IDLE, "'" + cullIdleMinutes.get().trim() + "' is not a number: write"
                        + " minutes, such as 60, or 0 to never stop idle servers");
            }
            if (whole(hoursPerPersonPerWeek).isEmpty()) {
                found.put(SettingsField.HOURS_PER_WEEK, "'" + hoursPerPersonPerWeek.get().trim() + "' is not a"
                        + " number: write whole hours, such as 5");
            }
        }
        Optional<Integer> port = port();
        if (port.isEmpty()) {
            found.put(SettingsField.LOCAL_PORT, "'" + localPort.get().trim() + "' is not a number: a port is 1 to"
                    + " 65535; the hub's usual port is " + HubSettings.PORT);
        } else {
            // HubSettings reads 0 as "the default port", so check the number as typed.
            ProfileValidator.localPort(port.get()).ifPresent(m -> found.put(SettingsField.LOCAL_PORT, m));
        }
    }

    /** The validator's message, except where it names profile-file keys the page shows by other names. */
    private static String message(SettingsField field, FieldProblem problem) {
        if (field == SettingsField.SIGN_IN) {
            return "Cognito sign-in needs an HTTPS address: turn on \"HTTPS on an AWS address\" (or \"Stable address\""
                    + " with a domain name) under Team options, or choose passwords set at first sign-in";
        }
        return problem.message();
    }

    /**
     * How well the chosen size fits the people who will use the hub. This is where a choice between one shared
     * task and a server per person would be suggested, once a hub can start a server per person.
     */
    private static String sizeAdvice(Profile profile) {
        TaskSize task = profile.task();
        if (profile.servers().onFargate()) {
            return "Each person's server runs in a task of its own, of the size they choose: the hub's task runs the"
                    + " hub alone, and " + number(UserServers.HUB_ALONE.vcpu()) + " vCPU and "
                    + number(UserServers.HUB_ALONE.memoryGb()) + " GB are enough for it.";
        }
        int suits = HubSizing.suits(task.cpu(), task.memory());
        String size = number(task.vcpu()) + " vCPU and " + number(task.memoryGb()) + " GB";
        int expected = profile.hub().expectedUsers();
        String serves = "The hub and every notebook share one task: " + size + " serve about " + suits
                + (suits == 1 ? " person" : " people") + " working at once.";
        if (expected == 0) {
            return serves + " Say above how many people will use the hub, and Hub Wizard suggests a size.";
        }
        if (HubSizing.tooManyForOneTask(expected)) {
            return serves + " " + expected + " people are more than one task serves well: expect it to be slow"
                    + " when many work at the same time.";
        }
        TaskSize suggested = HubSizing.suggested(expected, task.architecture());
        if (suits >= expected) {
            return serves + " Enough for the " + expected + " people you expect.";
        }
        return serves + " For " + expected + " people Hub Wizard suggests " + number(suggested.vcpu()) + " vCPU and "
                + number(suggested.memoryGb()) + " GB.";
    }

    private static String number(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

    private static String normalisationNote(String text) {
        List<String> typed = new ArrayList<>(new LinkedHashSet<>(text.lines()
                .map(line -> line.contains("#") ? line.substring(0, line.indexOf('#')) : line)
                .map(String::trim).filter(s -> !s.isEmpty()).toList()));
        List<String> saved = UserNames.parseLines(text);
        return typed.equals(saved) || saved.isEmpty() ? "" : "Saved as the hub writes them: " + String.join(", ", saved);
    }

    private void showCosts(Profile profile) {
        CostEstimate estimate = costs.estimate(profile);
        monthlyCost.set(estimate.known() ? "About " + CostEstimate.dollars(estimate.monthlyTotal()) + " a month"
                : estimate.summary());
        costBasis.set(estimate.known() ? "List prices in US dollars for " + estimate.region() + " as of "
                + estimate.priceDate() + "; taxes not included, free tiers only where a line says so." : "");
        costSources.set(estimate.known() ? estimate.attribution() : "");
        Options options = profile.options();
        stableAddressCost.set(extraCost(profile,
                new Options(true, options.domainName(), options.keepUserFiles(), options.cloudFront()),
                new Options(false, "", options.keepUserFiles(), options.cloudFront())));
        keepUserFilesCost.set(extraCost(profile, options.withKeepUserFiles(true), options.withKeepUserFiles(false)));
        cloudFrontCost.set(extraCost(profile, options.withCloudFront(true), options.withCloudFront(false)));
    }

    private String extraCost(Profile profile, Options with, Options without) {
        CostEstimate on = costs.estimate(profile.withOptions(with));
        if (!on.known()) {
            return "cost unknown in " + profile.aws().region();
        }
        double extra = on.monthlyTotal() - costs.estimate(profile.withOptions(without)).monthlyTotal();
        return "+" + CostEstimate.dollars(extra) + " a month";
    }

    /**
     * Saves the edited profile in the background, keeping the deployment state on disk, and moves on when
     * saved; with nothing changed it moves on at once. Settings with a problem are not saved and the page
     * stays, saying why: a run must never use other settings than those the page shows.
     */
    @Override
    public void beforeLeave(Runnable proceed) {
        if (!changed.get() && !saving.get()) {
            saveProblem.set("");
            proceed.run();
            return;
        }
        if (!validProperty().get()) {
            if (!saving.get()) {
                saveProblem.set("The settings were not saved: " + blockedReasonProperty().get() + ". Correct it to"
                        + " go on, or undo your changes.");
            }
            return;
        }
        Profile edited = edited();
        saveProblem.set("");
        saving.set(true);
        background.run(() -> store.saveSettings(edited), written -> {
            base = written;
            saving.set(false);
            onSaved.accept(written);
            proceed.run();
        }, failure -> {
            saving.set(false);
            saveProblem.set(ProblemException.of(failure).text());
        });
    }

    @Override
    public Optional<String> wouldLose() {
        return changed.get() && !validProperty().get() && !saving.get()
                ? Optional.of(blockedReasonProperty().get()) : Optional.empty();
    }

    @Override
    public void discard() {
        undoChanges();
    }

    // --- what the view binds to --------------------------------------------------------------------

    public ReadOnlyStringProperty problemProperty(SettingsField field) {
        return problems.get(field);
    }

    /** The fields that have a problem now, in page order. */
    public ReadOnlyObjectProperty<List<SettingsField>> fieldsWithProblemsProperty() {
        return fieldsWithProblems;
    }

    /** Why the last save failed, and what to do; empty when it did not fail. */
    public ReadOnlyStringProperty saveProblemProperty() {
        return saveProblem;
    }

    public String profileName() {
        return base.name();
    }

    /** Asks the view to bring the field of this profile key into sight and give it the focus. */
    public void focus(String key) {
        focusRequest.set(null);
        SettingsField.ofKey(key).ifPresent(focusRequest::set);
    }

    /** The field the page was asked to show, until the view has shown it. */
    public ObjectProperty<SettingsField> focusRequestProperty() {
        return focusRequest;
    }

    /** While a run goes on the settings stay as they are: the run uses the ones saved when it started. */
    public BooleanProperty lockedProperty() {
        return locked;
    }

    /** Whether the page shows settings other than those saved. */
    public ReadOnlyBooleanProperty changedProperty() {
        return changed;
    }

    /** How many people will use the hub, as typed; empty when not said. */
    public StringProperty peopleProperty() {
        return people;
    }

    /** What the page chose for the user about who may reach the hub, and why; empty when it chose nothing. */
    public ReadOnlyStringProperty reachNoteProperty() {
        return reachNote;
    }

    /** How many people the chosen size serves, against how many will use the hub. */
    public ReadOnlyStringProperty sizeAdviceProperty() {
        return sizeAdvice;
    }

    /** The hub image folder as typed or chosen; empty for the one that comes with Hub Wizard. */
    public StringProperty imageFolderProperty() {
        return imageFolder;
    }

    /** A folder the person chose: checked again even when it is the one shown, since its files may have changed. */
    public void chooseImageFolder(Path folder) {
        if (imageFolder.get().trim().equals(folder.toString())) {
            checkImageFolder();
        } else {
            imageFolder.set(folder.toString());
        }
    }

    /** The hub image folder that comes with Hub Wizard. */
    public Path bundledHubImage() {
        return bundledHubImage;
    }

    public StringProperty adminsProperty() {
        return admins;
    }

    public StringProperty allowedUsersProperty() {
        return allowedUsers;
    }

    /** "Saved as …" when the hub will store the admins' names differently from how they were typed. */
    public ReadOnlyStringProperty adminsNoteProperty() {
        return adminsNote;
    }

    public ReadOnlyStringProperty allowedUsersNoteProperty() {
        return allowedUsersNote;
    }

    public ObjectProperty<SignIn> signInProperty() {
        return signIn;
    }

    /** Cognito sends people back only to HTTPS addresses: it needs the stable address with a domain name. */
    public BooleanBinding cognitoAvailableProperty() {
        return cognitoAvailable;
    }

    public StringProperty userPoolNameProperty() {
        return userPoolName;
    }

    public StringProperty domainPrefixProperty() {
        return domainPrefix;
    }

    public StringProperty awsProfileProperty() {
        return awsProfile;
    }

    public ObservableList<String> awsProfiles() {
        return awsProfiles;
    }

    public ObjectProperty<AwsRegion> regionProperty() {
        return region;
    }

    public ObservableList<AwsRegion> regions() {
        return regions;
    }

    public StringProperty repositoryProperty() {
        return repository;
    }

    public StringProperty clusterProperty() {
        return cluster;
    }

    public StringProperty serviceProperty() {
        return service;
    }

    public StringProperty taskFamilyProperty() {
        return taskFamily;
    }

    /** Whether the resource names are still the ones derived from the hub's name. */
    public BooleanBinding namesDerivedProperty() {
        return namesDerived;
    }

    public ObservableList<Integer> cpuChoices() {
        return cpuChoices;
    }

    public ObjectProperty<Integer> cpuProperty() {
        return cpu;
    }

    /** The memory sizes Fargate runs with the chosen CPU. */
    public ObservableList<Integer> memoryChoices() {
        return memoryChoices;
    }

    public ObjectProperty<Integer> memoryProperty() {
        return memory;
    }

    public ObjectProperty<Architecture> architectureProperty() {
        return architecture;
    }

    public ObjectProperty<NetworkMode> networkModeProperty() {
        return networkMode;
    }

    public StringProperty vpcIdProperty() {
        return vpcId;
    }

    public StringProperty subnetIdsProperty() {
        return subnetIds;
    }

    public ObjectProperty<Access> accessProperty() {
        return access;
    }

    public StringProperty customCidrProperty() {
        return customCidr;
    }

    public ReadOnlyObjectProperty<Detection> detectionProperty() {
        return detection;
    }

    /** This computer's address as a /32 range, once found. */
    public ReadOnlyStringProperty detectedCidrProperty() {
        return detectedCidr;
    }

    public BooleanProperty stableAddressProperty() {
        return stableAddress;
    }

    public StringProperty domainNameProperty() {
        return domainName;
    }

    public BooleanProperty keepUserFilesProperty() {
        return keepUserFiles;
    }

    /** HTTPS on an AWS address (CloudFront), for a hub without a domain of its own. */
    public BooleanProperty cloudFrontProperty() {
        return cloudFront;
    }

    public ReadOnlyStringProperty cloudFrontCostProperty() {
        return cloudFrontCost;
    }

    /** What turning the stable address on adds to the monthly bill ("+$18.63 a month"). */
    public ReadOnlyStringProperty stableAddressCostProperty() {
        return stableAddressCost;
    }

    public ReadOnlyStringProperty keepUserFilesCostProperty() {
        return keepUserFilesCost;
    }

    /** The whole hub's estimated monthly cost with the settings as they are. */
    public ReadOnlyStringProperty monthlyCostProperty() {
        return monthlyCost;
    }

    /** Which prices the estimate uses, in one short line. */
    public ReadOnlyStringProperty costBasisProperty() {
        return costBasis;
    }

    /** The estimate's full attribution, with the pricing pages the prices come from. */
    public ReadOnlyStringProperty costSourcesProperty() {
        return costSources;
    }

    public ObjectProperty<ServerPlacement> placementProperty() {
        return placement;
    }

    /** The sizes people may choose, one a line: {@code Medium: 1 vCPU, 4 GB}. */
    public StringProperty serverSizesProperty() {
        return serverSizes;
    }

    public StringProperty cullIdleMinutesProperty() {
        return cullIdleMinutes;
    }

    public StringProperty hoursPerPersonPerWeekProperty() {
        return hoursPerPersonPerWeek;
    }

    public StringProperty userImageProperty() {
        return userImage;
    }

    public BooleanProperty sharedFolderProperty() {
        return sharedFolder;
    }

    public StringProperty registryEndpointProperty() {
        return registryEndpoint;
    }

    public ObjectProperty<Integer> logRetentionDaysProperty() {
        return logRetentionDays;
    }

    public StringProperty baseImageProperty() {
        return baseImage;
    }

    /** The JupyterHub version: the official base image's tag ({@link JupyterHubVersion}). */
    public StringProperty jupyterhubVersionProperty() {
        return jupyterhubVersion;
    }

    public StringProperty localPortProperty() {
        return localPort;
    }

    public BooleanProperty hostNetworkProperty() {
        return hostNetwork;
    }
}
