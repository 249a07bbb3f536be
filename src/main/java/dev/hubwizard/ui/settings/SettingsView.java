package dev.hubwizard.ui.settings;

import dev.hubwizard.profile.Architecture;
import dev.hubwizard.profile.JupyterHubVersion;
import dev.hubwizard.profile.NetworkMode;
import dev.hubwizard.profile.ProfileValidator;
import dev.hubwizard.profile.ServerPlacement;
import dev.hubwizard.profile.SignIn;
import dev.hubwizard.ui.Focus;
import dev.hubwizard.ui.ProblemDecoration;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableStringValue;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.geometry.Bounds;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.controlsfx.validation.ValidationResult;
import org.controlsfx.validation.ValidationSupport;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The settings page's layout: one aligned form per section (people and where they are, hub users, where
 * in AWS, names, size, network, team options, advanced). Every field shows its problem under it and as
 * a ControlsFX decoration; both come from {@link SettingsPage}, which checks with the profile
 * validator's rules. Tab visits every field and the form scrolls to show the focused one. Layout and
 * bindings only.
 */
public final class SettingsView extends ScrollPane {

    /** Until a hub can refuse it, whoever signs in first with an allowed name owns it: say so where it is chosen. */
    static final String FIRST_USE_PASSWORDS = "Whoever signs in first with an allowed name sets its password, and"
            + " with it owns that name. Send each person the hub's address as soon as it runs, and ask them to sign in"
            + " soon; tell them to let you know if their name is already taken.";

    private static final Set<SettingsField> ADVANCED = EnumSet.of(SettingsField.IMAGE_FOLDER, SettingsField.REGISTRY,
            SettingsField.LOG_RETENTION, SettingsField.LOCAL_PORT);

    private final SettingsPage page;
    private final FolderChooser folders;
    private final ValidationSupport validation = new ValidationSupport();
    private final Map<SettingsField, Control> fields = new EnumMap<>(SettingsField.class);

    public SettingsView(SettingsPage page) {
        this(page, FolderChooser.javafx());
    }

    /** @param folders asks the person for the hub image folder */
    public SettingsView(SettingsPage page, FolderChooser folders) {
        this.page = page;
        this.folders = folders;
        setId("settings-view");
        getStyleClass().add("settings-view");
        setFitToWidth(true);
        setHbarPolicy(ScrollBarPolicy.NEVER);
        validation.setValidationDecorator(new ProblemDecoration());

        Label saveProblem = new Label();
        saveProblem.setId("save-problem");
        saveProblem.getStyleClass().add("problem-card");
        saveProblem.setWrapText(true);
        saveProblem.setMaxWidth(Double.MAX_VALUE);
        saveProblem.textProperty().bind(page.saveProblemProperty());
        saveProblem.managedProperty().bind(saveProblem.textProperty().isNotEmpty());
        saveProblem.visibleProperty().bind(saveProblem.managedProperty());

        Label description = new Label(page.description());
        description.getStyleClass().add("page-description");
        description.setWrapText(true);
        description.setMinHeight(Region.USE_PREF_SIZE);
        Hyperlink undo = new Hyperlink("Undo my changes");
        undo.setId("undo-changes");
        undo.setOnAction(e -> page.undoChanges());
        showWhen(undo, page.changedProperty());
        Label locked = new Label("A run is going: the settings can be changed once it has ended, so that it uses the"
                + " settings you see.");
        locked.setId("settings-locked");
        locked.getStyleClass().add("warning-note");
        locked.setWrapText(true);
        locked.setMaxWidth(Double.MAX_VALUE);
        showWhen(locked, page.lockedProperty());

        VBox fields = new VBox(22, people(), hubUsers(), servers(), whereInAws(), names(), size(), network(), teamOptions(),
                advanced());
        fields.disableProperty().bind(page.lockedProperty());
        VBox form = new VBox(22, new VBox(4, description, undo), locked, saveProblem, fields);
        form.getStyleClass().add("settings-form");
        setContent(form);
        page.focusRequestProperty().addListener((obs, old, field) -> {
            if (field != null) {
                Platform.runLater(() -> focus(field));
            }
        });
        // Tab moves through the whole form: the field it reaches must be on screen.
        ChangeListener<Node> focusMoved = (o, was, now) -> showFocused(now);
        sceneProperty().addListener((obs, old, scene) -> {
            if (old != null) {
                old.focusOwnerProperty().removeListener(focusMoved);
            }
            if (scene != null) {
                scene.focusOwnerProperty().addListener(focusMoved);
            }
        });
    }

    /** Gives the field the focus, opening Advanced when it is there; the form scrolls to it. */
    private void focus(SettingsField field) {
        Control control = fields.get(field);
        if (control == null) {
            return;
        }
        if (ADVANCED.contains(field) && lookup("#advanced") instanceof TitledPane advanced) {
            advanced.setExpanded(true);
        }
        // A field just shown (Advanced opened, Fargate servers chosen) has its place only after a layout.
        applyCss();
        layout();
        control.requestFocus();
        page.focusRequestProperty().set(null);
    }

    /** Scrolls the form just far enough that the focused field is in view. */
    private void showFocused(Node focused) {
        if (focused == null || !Focus.isWithin(getScene(), getContent()) || getContent().getBoundsInLocal().getHeight()
                <= getViewportBounds().getHeight()) {
            return;
        }
        Node content = getContent();
        Bounds field = content.sceneToLocal(focused.localToScene(focused.getBoundsInLocal()));
        double contentHeight = content.getBoundsInLocal().getHeight();
        double viewport = getViewportBounds().getHeight();
        double top = getVvalue() * (contentHeight - viewport);
        double margin = 24;
        if (field.getMinY() - margin < top) {
            setVvalue(Math.max(0, (field.getMinY() - margin) / (contentHeight - viewport)));
        } else if (field.getMaxY() + margin > top + viewport) {
            setVvalue(Math.min(1, (field.getMaxY() + margin - viewport) / (contentHeight - viewport)));
        }
    }

    /** The control that edits a field, for tests and for moving the focus to the first problem. */
    public Control field(SettingsField field) {
        return fields.get(field);
    }

    public ValidationSupport validation() {
        return validation;
    }

    // --- sections ---------------------------------------------------------------------------------

    /** How many people will use the hub, and from where: the size and who may reach it follow from them. */
    private Node people() {
        FormGrid grid = new FormGrid();
        TextField count = numberField("people", "for example 25", SettingsField.EXPECTED_USERS,
                page.peopleProperty(), 140);
        grid.add("How many people", count, problem(SettingsField.EXPECTED_USERS),
                hint("Everyone who will use the hub, you included. Hub Wizard suggests the hub's size from it (under"
                        + " Size), and for more than one person lets them in from anywhere."));

        ToggleGroup access = new ToggleGroup();
        RadioButton anywhere = radio("access-anywhere", "From anywhere: at home, at school, on the move", access,
                "Any address on the internet (0.0.0.0/0) reaches the hub's sign-in page.");
        Label warning = new Label("Anyone who finds the hub's address reaches its sign-in page; only the people you"
                + " allow below can sign in. The right choice for a class or a team that works from home.");
        warning.setId("anywhere-warning");
        warning.getStyleClass().add("warning-note");
        warning.setWrapText(true);
        warning.setMinHeight(Region.USE_PREF_SIZE);
        showWhen(warning, page.accessProperty().isEqualTo(SettingsPage.Access.ANYWHERE));
        RadioButton custom = radio("access-custom", "Only from one network, such as the school's:", access,
                "An IPv4 range in CIDR form, such as your organisation's 203.0.113.0/24: ask its IT people for it.");
        TextField cidr = text("custom-cidr", "203.0.113.0/24");
        cidr.textProperty().bindBidirectional(page.customCidrProperty());
        cidr.disableProperty().bind(page.accessProperty().isNotEqualTo(SettingsPage.Access.CUSTOM));
        cidr.setPrefColumnCount(16);
        cidr.setAccessibleText("Addresses that may reach the hub, in CIDR form");
        // The range field carries the decoration only when it is the chosen source of the problem.
        validation.registerValidator(cidr, false, (Control c, String value) -> ValidationResult.fromErrorIf(c,
                page.problemProperty(SettingsField.INGRESS).get(),
                page.accessProperty().get() == SettingsPage.Access.CUSTOM
                        && !page.problemProperty(SettingsField.INGRESS).get().isEmpty()));
        page.problemProperty(SettingsField.INGRESS).addListener(o -> validation.revalidate(cidr));
        page.accessProperty().addListener(o -> validation.revalidate(cidr));
        fields.put(SettingsField.INGRESS, cidr);
        HBox customRow = new HBox(8, custom, cidr);
        customRow.setAlignment(Pos.BASELINE_LEFT);
        RadioButton mine = radio("access-mine", "Only from this computer's network, to try the hub out", access,
                "Only this computer's network can reach the hub: nobody at home or elsewhere can.");
        mine.disableProperty().bind(page.detectionProperty().isEqualTo(SettingsPage.Detection.NOT_FOUND));
        Label detected = new Label();
        detected.setId("detected-ip");
        detected.getStyleClass().add("hint");
        detected.textProperty().bind(Bindings.createStringBinding(() -> switch (page.detectionProperty().get()) {
            case LOOKING -> "(looking it up…)";
            case FOUND -> page.detectedCidrProperty().get();
            case NOT_FOUND -> "(Hub Wizard could not find its address)";
        }, page.detectionProperty(), page.detectedCidrProperty()));
        HBox mineRow = new HBox(8, mine, detected);
        mineRow.setAlignment(Pos.BASELINE_LEFT);
        Label chosen = note(page.reachNoteProperty());
        chosen.setId("reach-note");
        bindToggles(access, page.accessProperty(), Map.of(SettingsPage.Access.MY_ADDRESS, mine,
                SettingsPage.Access.ANYWHERE, anywhere, SettingsPage.Access.CUSTOM, custom));
        grid.add("From where", new VBox(6, anywhere, warning, customRow, mineRow), chosen,
                problem(SettingsField.INGRESS),
                hint("The hub's security group lets only these addresses reach it."));
        return section("people", "Who will use the hub", "How many people, and from where: the hub's size and who"
                + " can reach it follow from it.", grid);
    }

    private Node servers() {
        FormGrid grid = new FormGrid();
        ToggleGroup placements = new ToggleGroup();
        RadioButton inHub = radio("servers-in-hub", "In the hub (simplest, for a few light users)", placements,
                "Every notebook runs inside the hub's own task and shares its CPU and memory.");
        RadioButton onFargate = radio("servers-on-fargate", "Each in its own Fargate task (teams, classes)",
                placements, "Each person's server starts in a Fargate task of its own when they need it, in the size"
                        + " they choose, and stops when idle.");
        bindToggles(placements, page.placementProperty(), Map.of(ServerPlacement.HUB, inHub, ServerPlacement.FARGATE,
                onFargate));

        FormGrid fargate = FormGrid.nested();
        TextArea sizes = validated(new TextArea(), SettingsField.SERVER_SIZES);
        sizes.setId("server-sizes");
        sizes.setPrefRowCount(3);
        sizes.setPrefColumnCount(30);
        sizes.setMaxWidth(FormGrid.FIELD_WIDTH);
        sizes.setPromptText("Small: 0.5 vCPU, 1 GB\nMedium: 1 vCPU, 4 GB");
        sizes.textProperty().bindBidirectional(page.serverSizesProperty());
        tooltip(sizes, "One size a line: a name, then vCPU and GB in a pair Fargate runs. The first is the default.");
        fargate.add("Sizes to choose from", sizes, problem(SettingsField.SERVER_SIZES),
                hint("People pick one when their server starts; the first is the default. Fargate runs 0.25 to 16"
                        + " vCPU, each with its own range of memory (1 vCPU: 2 to 8 GB)."));
        HBox cull = new HBox(8, numberField("cull-idle-minutes", "60", SettingsField.CULL_IDLE,
                page.cullIdleMinutesProperty(), 90), hint("minutes"));
        cull.setAlignment(Pos.BASELINE_LEFT);
        fargate.add("Stop idle servers after", cull,
                problem(SettingsField.CULL_IDLE),
                hint("A server nobody has used for this long is stopped, so forgotten servers stop costing money;"
                        + " files are kept. 0 never stops them."));
        fargate.add("Hours per person a week", numberField("hours-per-week", "5", SettingsField.HOURS_PER_WEEK,
                        page.hoursPerPersonPerWeekProperty(), 90), problem(SettingsField.HOURS_PER_WEEK),
                hint("How long each person's server runs in a week: only the cost estimate uses it."));
        TextField image = validated(text("user-image", "empty: the one Hub Wizard builds"), SettingsField.USER_IMAGE);
        image.textProperty().bindBidirectional(page.userImageProperty());
        fargate.add("Users' image", image, problem(SettingsField.USER_IMAGE),
                hint("Optional: an image with jupyterhub-singleuser, such as quay.io/jupyter/scipy-notebook. Empty:"
                        + " Hub Wizard builds one with JupyterLab, at the hub's JupyterHub version."));
        CheckBox shared = check("shared-folder", "A shared folder: admins write, everyone reads", "A folder at"
                + " ~/shared in every server, on the kept files' file system.");
        shared.selectedProperty().bindBidirectional(page.sharedFolderProperty());
        shared.disableProperty().bind(page.keepUserFilesProperty().not());
        Label sharedHint = hint("");
        sharedHint.textProperty().bind(Bindings.when(page.keepUserFilesProperty())
                .then("For course material or data: admins' servers can write ~/shared, everyone else's only read"
                        + " it. It costs what its files take on EFS.")
                .otherwise("Needs \"Keep users' files\" under Team options: the folder lives on that file system."));
        fargate.add("Shared folder", new VBox(6, shared, sharedHint));
        showWhen(fargate, page.placementProperty().isEqualTo(ServerPlacement.FARGATE));
        grid.add("Where do users' servers run?", new VBox(6, inHub, onFargate,
                hint("In the hub, one heavy notebook slows everyone down and the task is paid for all the time. In"
                        + " their own tasks, each person's server is paid for only while it runs, and starts in 30 to"
                        + " 120 seconds."), fargate));
        return section("servers", "Users' servers", "Where each person's notebook server runs, and how big it may be.",
                grid);
    }

    private Node hubUsers() {
        FormGrid grid = new FormGrid();
        TextArea admins = validated(userList("admins"), SettingsField.ADMINS);
        Focus.tabLeaves(admins);
        admins.textProperty().bindBidirectional(page.adminsProperty());
        grid.add("Admins", admins, problem(SettingsField.ADMINS), note(page.adminsNoteProperty()),
                hint("One user name per line. Admins can add users and stop servers in the hub; name at least one."));
        TextArea allowed = validated(userList("allowed-users"), SettingsField.ALLOWED_USERS);
        Focus.tabLeaves(allowed);
        allowed.textProperty().bindBidirectional(page.allowedUsersProperty());
        grid.add("Allowed users", allowed, problem(SettingsField.ALLOWED_USERS), note(page.allowedUsersNoteProperty()),
                hint("Who else may sign in, one per line. Admins need not be listed again."));

        ToggleGroup signIn = new ToggleGroup();
        RadioButton passwords = radio("sign-in-password", "Passwords set at first sign-in", signIn,
                "Each allowed user picks a password the first time they sign in. Works with any address.");
        Label firstUse = new Label(FIRST_USE_PASSWORDS);
        firstUse.setId("first-use-note");
        firstUse.getStyleClass().add("warning-note");
        firstUse.setWrapText(true);
        firstUse.setMinHeight(Region.USE_PREF_SIZE);
        showWhen(firstUse, page.signInProperty().isEqualTo(SignIn.FIRST_USE_PASSWORD));
        RadioButton cognito = radio("sign-in-cognito", "Amazon Cognito", signIn,
                "Sign in through Amazon Cognito's sign-in page: users, password resets and multi-factor sign-in are"
                        + " managed in Cognito.");
        cognito.disableProperty().bind(page.cognitoAvailableProperty().not()
                .and(page.signInProperty().isNotEqualTo(SignIn.COGNITO)));
        bindToggles(signIn, page.signInProperty(), Map.of(SignIn.FIRST_USE_PASSWORD, passwords, SignIn.COGNITO, cognito));
        Label whyNot = hint("Cognito needs an HTTPS address: it only sends people back to https:// addresses. Turn on"
                + " \"HTTPS on an AWS address\" (or a domain name under \"Stable address\") in Team options first.");
        // Once Cognito is chosen without the address it needs, the problem under the choices says the same.
        showWhen(whyNot, page.cognitoAvailableProperty().not().and(page.signInProperty().isNotEqualTo(SignIn.COGNITO)));

        FormGrid cognitoGrid = FormGrid.nested();
        TextField pool = validated(text("user-pool", "team users"), SettingsField.USER_POOL);
        pool.textProperty().bindBidirectional(page.userPoolNameProperty());
        cognitoGrid.add("User pool", pool, problem(SettingsField.USER_POOL),
                hint("The Cognito user pool to find or create."));
        TextField prefix = validated(text("domain-prefix", "team-hub-login"), SettingsField.DOMAIN_PREFIX);
        prefix.textProperty().bindBidirectional(page.domainPrefixProperty());
        cognitoGrid.add("Domain prefix", prefix, problem(SettingsField.DOMAIN_PREFIX),
                hint("The sign-in page becomes https://PREFIX.auth.REGION.amazoncognito.com."));
        showWhen(cognitoGrid, page.signInProperty().isEqualTo(SignIn.COGNITO));

        VBox choices = new VBox(6, passwords, firstUse, cognito, whyNot, problem(SettingsField.SIGN_IN), cognitoGrid);
        grid.add("Sign-in", choices);
        return section("hub-users", "Hub users", "Who may sign in to the hub, and how.", grid);
    }

    private Node whereInAws() {
        FormGrid grid = new FormGrid();
        ComboBox<String> profile = validated(new ComboBox<>(page.awsProfiles()), SettingsField.AWS_PROFILE);
        profile.setId("aws-profile");
        profile.setEditable(true);
        profile.setPromptText("default");
        profile.setMaxWidth(FormGrid.FIELD_WIDTH);
        profile.getEditor().textProperty().bindBidirectional(page.awsProfileProperty());
        tooltip(profile, "A profile from ~/.aws/config: one Hub Wizard signed in (Sign in to AWS…), or one the"
                + " AWS CLI made.");
        Hyperlink signIn = new Hyperlink("Sign in to AWS…");
        signIn.setId("aws-sign-in");
        signIn.setAccessibleHelp("Sign in with IAM Identity Center or access keys, and use that profile");
        signIn.setOnAction(e -> page.signIn());
        showWhen(signIn, page.canSignInProperty());
        grid.add("AWS profile", profile, problem(SettingsField.AWS_PROFILE),
                hint("A profile from ~/.aws/config (SSO profiles work). Leave it empty to use the default: the AWS"
                        + " environment variables, then the default profile."), signIn);

        ComboBox<AwsRegion> region = validated(new ComboBox<>(page.regions()), SettingsField.REGION);
        region.setId("region");
        region.setMaxWidth(FormGrid.FIELD_WIDTH);
        region.setVisibleRowCount(12);
        region.setConverter(converter(r -> r == null ? "" : r.label()));
        region.valueProperty().bindBidirectional(page.regionProperty());
        tooltip(region, "The AWS region the hub and everything it needs are created in.");
        grid.add("Region", region, problem(SettingsField.REGION),
                hint("Everything is created here. Redeploys and teardown look in the same place, and prices differ a"
                        + " little between regions."));
        return section("where", "Where in AWS", "Which account (through an AWS profile) and which region.", grid);
    }

    private Node names() {
        FormGrid grid = new FormGrid();
        TextField repository = nameField("repository", SettingsField.REPOSITORY, page.repositoryProperty());
        grid.add("Repository", repository, problem(SettingsField.REPOSITORY),
                hint("The Amazon ECR repository for the hub image: lower case, digits, and . _ - / between words."));
        TextField cluster = nameField("cluster", SettingsField.CLUSTER, page.clusterProperty());
        grid.add("Cluster", cluster, problem(SettingsField.CLUSTER), hint("The ECS cluster the hub runs in."));
        TextField service = nameField("service", SettingsField.SERVICE, page.serviceProperty());
        grid.add("Service", service, problem(SettingsField.SERVICE),
                hint("The ECS service that keeps the hub running."));
        TextField family = nameField("task-family", SettingsField.TASK_FAMILY, page.taskFamilyProperty());
        grid.add("Task family", family, problem(SettingsField.TASK_FAMILY),
                hint("The name of the task definition that says how the hub runs."));

        Label derived = hint("Derived from the hub's name, \"" + page.profileName() + "\".");
        showWhen(derived, page.namesDerivedProperty());
        Hyperlink reset = new Hyperlink("Use the names derived from \"" + page.profileName() + "\"");
        reset.setId("derive-names");
        reset.setOnAction(e -> page.useDerivedNames());
        showWhen(reset, page.namesDerivedProperty().not());
        VBox intro = new VBox(2, derived, reset);
        return section("names", "Names", "What the hub's AWS resources are called. Letters, digits, '-' and '_'.",
                new VBox(8, intro, grid));
    }

    private Node size() {
        FormGrid grid = new FormGrid();
        ComboBox<Integer> cpu = validated(new ComboBox<>(page.cpuChoices()), SettingsField.CPU);
        cpu.setId("cpu");
        cpu.setConverter(converter(units -> units == null ? "" : number(units / 1024.0) + " vCPU"));
        cpu.valueProperty().bindBidirectional(page.cpuProperty());
        tooltip(cpu, "Virtual CPUs of the Fargate task. The hub and all users' notebooks share them.");
        Label advice = hint("");
        advice.setId("size-advice");
        advice.textProperty().bind(page.sizeAdviceProperty());
        grid.add("CPU", cpu, problem(SettingsField.CPU), advice);

        ComboBox<Integer> memory = validated(new ComboBox<>(page.memoryChoices()), SettingsField.MEMORY);
        memory.setId("memory");
        memory.setVisibleRowCount(12);
        memory.setConverter(converter(mib -> mib == null ? "" : number(mib / 1024.0) + " GB"));
        memory.valueProperty().bindBidirectional(page.memoryProperty());
        tooltip(memory, "Fargate offers only some memory sizes with each CPU size; the list shows those.");
        grid.add("Memory", memory, problem(SettingsField.MEMORY),
                hint("Only the sizes Fargate runs with the chosen CPU are offered."));

        ToggleGroup architectures = new ToggleGroup();
        RadioButton x86 = radio("arch-x86", "x86-64 (Intel and AMD)", architectures,
                "The usual choice: the image builds quickly on most computers.");
        RadioButton arm = radio("arch-arm", "ARM64 (AWS Graviton)", architectures,
                "About 20% cheaper on Fargate, but the image must be built for ARM.");
        bindToggles(architectures, page.architectureProperty(), Map.of(Architecture.X86_64, x86, Architecture.ARM64, arm));
        grid.add("Architecture", new VBox(6, x86, arm),
                hint("ARM costs about 20% less, but the image must be built for ARM: quick on an Apple-silicon Mac,"
                        + " slow (emulated) on most other computers."));
        return section("size", "Size", "How much CPU and memory the hub's Fargate task has.", grid);
    }

    private Node network() {
        FormGrid grid = new FormGrid();
        ToggleGroup modes = new ToggleGroup();
        RadioButton newVpc = radio("vpc-new", "A new VPC of its own (recommended)", modes,
                "Two public subnets in two zones, an internet gateway and a route table, all removed again by teardown.");
        RadioButton defaultVpc = radio("vpc-default", "The account's default VPC", modes,
                "Uses the default VPC and its subnets; nothing is created for the network.");
        RadioButton existing = radio("vpc-existing", "An existing VPC", modes,
                "A VPC and public subnets you choose; they must reach the internet.");
        bindToggles(modes, page.networkModeProperty(), Map.of(NetworkMode.NEW_VPC, newVpc, NetworkMode.DEFAULT_VPC,
                defaultVpc, NetworkMode.EXISTING_VPC, existing));

        FormGrid existingGrid = FormGrid.nested();
        TextField vpc = validated(text("vpc-id", "vpc-0123456789abcdef0"), SettingsField.VPC_ID);
        vpc.textProperty().bindBidirectional(page.vpcIdProperty());
        existingGrid.add("VPC id", vpc, problem(SettingsField.VPC_ID));
        TextField subnets = validated(text("subnet-ids", "subnet-0123…, subnet-0456…"), SettingsField.SUBNET_IDS);
        subnets.textProperty().bindBidirectional(page.subnetIdsProperty());
        existingGrid.add("Subnet ids", subnets, problem(SettingsField.SUBNET_IDS),
                hint("Public subnets, separated by commas; two in different zones keep the hub up if one zone fails."));
        showWhen(existingGrid, page.networkModeProperty().isEqualTo(NetworkMode.EXISTING_VPC));
        grid.add("VPC", new VBox(6, newVpc, defaultVpc, existing, existingGrid));

        return section("network", "Network", "Where in AWS the hub's task runs.", grid);
    }

    private Node teamOptions() {
        FormGrid grid = new FormGrid();
        CheckBox https = check("https-address", "HTTPS on an AWS address", "https://….cloudfront.net through Amazon"
                + " CloudFront: passwords and notebooks travel encrypted, without a domain of your own.");
        https.selectedProperty().bindBidirectional(page.cloudFrontProperty());
        BooleanBinding ownDomain = page.stableAddressProperty().and(page.domainNameProperty().isNotEmpty());
        https.disableProperty().bind(ownDomain);
        Label withDomain = hint("With a domain name the hub is served over HTTPS on that name instead.");
        showWhen(withDomain, ownDomain);
        grid.add("HTTPS", new VBox(6, withCost(https, page.cloudFrontCostProperty(), "https-address-cost"),
                hint("The address stays the same across redeploys, and only CloudFront reaches the hub's task. Without"
                        + " it (and without a domain) people sign in over plain HTTP, which anyone on the same network"
                        + " can read."), withDomain));

        CheckBox stable = check("stable-address", "Stable address", "A load balancer in front of the hub: the address"
                + " stays the same across redeploys.");
        stable.selectedProperty().bindBidirectional(page.stableAddressProperty());
        TextField domain = validated(text("domain-name", "hub.example.org"), SettingsField.DOMAIN_NAME);
        domain.textProperty().bindBidirectional(page.domainNameProperty());
        domain.disableProperty().bind(page.stableAddressProperty().not());
        FormGrid domainGrid = FormGrid.nested();
        domainGrid.add("Domain name", domain, problem(SettingsField.DOMAIN_NAME),
                hint("Optional. With a domain name the hub is served over HTTPS with a free certificate from AWS"
                        + " Certificate Manager; Hub Wizard tells you which DNS record to add."));
        grid.add("Address", new VBox(6, withCost(stable, page.stableAddressCostProperty(), "stable-address-cost"),
                hint("Without it the hub is reached at its task's public IP address, which changes with every"
                        + " redeploy."), domainGrid));

        CheckBox keep = check("keep-user-files", "Keep users' files", "Home folders on an encrypted EFS file system,"
                + " so they survive redeploys.");
        keep.selectedProperty().bindBidirectional(page.keepUserFilesProperty());
        grid.add("Users' files", new VBox(6, withCost(keep, page.keepUserFilesCostProperty(), "keep-user-files-cost"),
                hint("Without it, files in users' home folders are lost at every redeploy: they live inside the"
                        + " task.")));

        Label total = new Label();
        total.setId("monthly-cost");
        total.getStyleClass().add("cost-total");
        total.textProperty().bind(page.monthlyCostProperty());
        Label basis = hint("");
        basis.textProperty().bind(page.costBasisProperty());
        Tooltip sources = new Tooltip();
        sources.setWrapText(true);
        sources.setMaxWidth(520);
        sources.textProperty().bind(page.costSourcesProperty());
        basis.setTooltip(sources);
        total.setTooltip(sources);
        grid.add("Estimated cost", total, basis);
        return section("options", "Team options", "What makes a hub a team can keep using. Each option says what it"
                + " adds to the monthly AWS bill.", grid);
    }

    private Node advanced() {
        FormGrid grid = new FormGrid();
        TextField folder = validated(text("image-folder", "the hub image that comes with Hub Wizard"),
                SettingsField.IMAGE_FOLDER);
        folder.textProperty().bindBidirectional(page.imageFolderProperty());
        Button choose = new Button("Choose…");
        choose.setId("choose-image-folder");
        choose.setMinWidth(Region.USE_PREF_SIZE);
        choose.setAccessibleHelp("Choose the folder with the hub image's Dockerfile and jupyterhub_config.py");
        choose.setOnAction(e -> {
            String typed = page.imageFolderProperty().get().trim();
            Path start = typed.isEmpty() ? page.bundledHubImage() : Path.of(typed);
            folders.choose(getScene() == null ? null : getScene().getWindow(), start)
                    .ifPresent(page::chooseImageFolder);
        });
        Hyperlink bundled = new Hyperlink("Use the hub image that comes with Hub Wizard");
        bundled.setId("bundled-image-folder");
        bundled.setOnAction(e -> page.imageFolderProperty().set(""));
        showWhen(bundled, page.imageFolderProperty().isNotEmpty());
        HBox folderRow = new HBox(8, folder, choose);
        folderRow.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(folder, Priority.ALWAYS);
        grid.add("Hub image folder", folderRow, problem(SettingsField.IMAGE_FOLDER), bundled,
                hint("The folder the hub image is built from: its Dockerfile and jupyterhub_config.py. Empty: the one"
                        + " that comes with Hub Wizard, " + page.bundledHubImage() + "."));

        TextField registry = validated(text("registry-endpoint", "registry.example.org:5000"), SettingsField.REGISTRY);
        registry.textProperty().bindBidirectional(page.registryEndpointProperty());
        grid.add("Registry endpoint", registry, problem(SettingsField.REGISTRY),
                hint("Push the image to this host[:port] instead of the address ECR gives. Leave empty for ECR."));

        ComboBox<Integer> retention = validated(new ComboBox<>(
                FXCollections.observableArrayList(ProfileValidator.LOG_RETENTION_DAYS)),
                SettingsField.LOG_RETENTION);
        retention.setId("log-retention");
        retention.setVisibleRowCount(12);
        retention.setConverter(converter(days -> days == null ? "" : days == 1 ? "1 day" : days + " days"));
        retention.valueProperty().bindBidirectional(page.logRetentionDaysProperty());
        grid.add("Log retention", retention, problem(SettingsField.LOG_RETENTION),
                hint("How long CloudWatch keeps the hub's logs."));

        ComboBox<String> version = validated(new ComboBox<>(FXCollections.observableArrayList(JupyterHubVersion.TESTED)),
                SettingsField.JUPYTERHUB_VERSION);
        version.setId("jupyterhub-version");
        version.setEditable(true);
        version.setPrefWidth(160);
        version.getEditor().textProperty().bindBidirectional(page.jupyterhubVersionProperty());
        grid.add("JupyterHub version", version, problem(SettingsField.JUPYTERHUB_VERSION),
                hint("The hub runs on quay.io/jupyterhub/jupyterhub at this version. " + JupyterHubVersion.PINNED
                        + " is the one the hub image pins; Hub Wizard tests its image on "
                        + String.join(" and ", JupyterHubVersion.TESTED) + "."));

        TextField base = text("base-image", "quay.io/jupyterhub/jupyterhub:" + JupyterHubVersion.PINNED);
        base.textProperty().bindBidirectional(page.baseImageProperty());
        grid.add("Base image", base, hint("Only for a copy of the official image in a registry of your own: build on"
                + " this image instead. Leave empty for quay.io/jupyterhub/jupyterhub at the version above."));

        TextField port = numberField("local-port", "8000", SettingsField.LOCAL_PORT, page.localPortProperty(), 120);
        grid.add("Local test port", port, problem(SettingsField.LOCAL_PORT),
                hint("The port on this computer the hub answers on while it is tested here (the Test locally step)."
                        + " Change it when another program uses 8000."));

        CheckBox host = check("host-network", "Use host networking for the local test",
                "For Docker engines without a bridge network.");
        host.selectedProperty().bindBidirectional(page.hostNetworkProperty());
        grid.add("Local network", host, hint("Only for Docker engines without a bridge network."));

        TitledPane pane = new TitledPane("Advanced", grid);
        pane.setId("advanced");
        pane.setExpanded(false);
        // Opened at once, not by a slide: a field in it can take the focus right after it opens.
        pane.setAnimated(false);
        pane.setAccessibleText("Advanced settings");
        // Open the section by itself when one of its fields has a problem, so that the problem is seen.
        page.fieldsWithProblemsProperty().addListener((obs, old, now) -> {
            if (now.stream().anyMatch(ADVANCED::contains)) {
                pane.setExpanded(true);
            }
        });
        return pane;
    }

    // --- building blocks --------------------------------------------------------------------------

    private static Node section(String id, String title, String description, Node body) {
        Label heading = new Label(title);
        heading.getStyleClass().add("section-title");
        Label text = new Label(description);
        text.getStyleClass().add("section-description");
        text.setWrapText(true);
        VBox section = new VBox(8, heading, text, body);
        section.setId("section-" + id);
        section.getStyleClass().add("form-section");
        return section;
    }

    /** Shows the field's problem as a decoration on the control, re-checked whenever the problem changes. */
    private <C extends Control> C validated(C control, SettingsField field) {
        ObservableStringValue problem = page.problemProperty(field);
        validation.registerValidator(control, false, (Control c, Object value) ->
                ValidationResult.fromErrorIf(c, problem.get(), !problem.get().isEmpty()));
        problem.addListener(o -> validation.revalidate(control));
        fields.put(field, control);
        return control;
    }

    private Label problem(SettingsField field) {
        Label label = new Label();
        label.setId("problem-" + field.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        label.getStyleClass().add("field-problem");
        label.setWrapText(true);
        label.textProperty().bind(page.problemProperty(field));
        showWhen(label, label.textProperty().isNotEmpty());
        return label;
    }

    private static Label note(ObservableStringValue text) {
        Label label = new Label();
        label.getStyleClass().add("field-note");
        label.setWrapText(true);
        label.textProperty().bind(text);
        showWhen(label, label.textProperty().isNotEmpty());
        return label;
    }

    private static Label hint(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("hint");
        label.setWrapText(true);
        label.setMinHeight(Region.USE_PREF_SIZE);
        return label;
    }

    private static void showWhen(Node node, ObservableValue<Boolean> condition) {
        node.managedProperty().bind(condition);
        node.visibleProperty().bind(node.managedProperty());
    }

    private static TextArea userList(String id) {
        TextArea area = new TextArea();
        area.setId(id);
        area.setPrefRowCount(3);
        area.setPrefColumnCount(30);
        area.setMaxWidth(FormGrid.FIELD_WIDTH);
        area.setPromptText("ana\nbo@example.org");
        tooltip(area, "One user name per line; '@' and '.' become '_', as the hub writes them.");
        return area;
    }

    private static TextField text(String id, String prompt) {
        TextField field = new TextField();
        field.setId(id);
        field.setPromptText(prompt);
        field.setMaxWidth(FormGrid.FIELD_WIDTH);
        return field;
    }

    /** A short field for a number, typed as text so that the page can say what is wrong with what was typed. */
    private TextField numberField(String id, String prompt, SettingsField field, StringProperty value, double width) {
        TextField number = validated(text(id, prompt), field);
        number.setPrefColumnCount(6);
        number.setMaxWidth(width);
        number.textProperty().bindBidirectional(value);
        return number;
    }

    private TextField nameField(String id, SettingsField field, StringProperty value) {
        TextField text = validated(text(id, ""), field);
        text.textProperty().bindBidirectional(value);
        return text;
    }

    private static RadioButton radio(String id, String text, ToggleGroup group, String help) {
        RadioButton radio = new RadioButton(text);
        radio.setId(id);
        radio.setToggleGroup(group);
        tooltip(radio, help);
        return radio;
    }

    private static CheckBox check(String id, String text, String help) {
        CheckBox box = new CheckBox(text);
        box.setId(id);
        tooltip(box, help);
        return box;
    }

    private static Node withCost(CheckBox box, ObservableStringValue cost, String id) {
        Label price = new Label();
        price.setId(id);
        price.getStyleClass().add("cost-note");
        price.textProperty().bind(cost);
        box.accessibleHelpProperty().bind(cost);
        HBox row = new HBox(10, box, price);
        row.setAlignment(Pos.BASELINE_LEFT);
        return row;
    }

    private static void tooltip(Control control, String text) {
        Tooltip tooltip = new Tooltip(text);
        tooltip.setWrapText(true);
        tooltip.setMaxWidth(420);
        control.setTooltip(tooltip);
        control.setAccessibleHelp(text);
    }

    /** Keeps a group of radio buttons and an enum property in step, both ways. */
    private static <E> void bindToggles(ToggleGroup group, ObjectProperty<E> value, Map<E, RadioButton> buttons) {
        buttons.forEach((choice, button) -> button.setUserData(choice));
        Runnable select = () -> {
            RadioButton button = buttons.get(value.get());
            if (button != null && !button.isSelected()) {
                button.setSelected(true);
            }
        };
        select.run();
        value.addListener((obs, old, now) -> select.run());
        group.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now != null) {
                @SuppressWarnings("unchecked")
                E choice = (E) now.getUserData();
                value.set(choice);
            }
        });
    }

    private static <T> StringConverter<T> converter(Function<T, String> text) {
        return new StringConverter<>() {
            @Override
            public String toString(T value) {
                return text.apply(value);
            }

            @Override
            public T fromString(String string) {
                throw new UnsupportedOperationException("a choice list, not typed in");
            }
        };
    }

    private static String number(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
