package dev.hubwizard.ui.signin;

import dev.hubwizard.aws.signin.SsoPortal;
import dev.hubwizard.engine.Problem;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The "Sign in to AWS" page's layout: the ways to sign in as a row of choices, the chosen way's form, what
 * is happening, and the problem when there is one. Layout and bindings only; {@link SignInPage} decides.
 */
public final class SignInView extends VBox {

    /** Where AWS's own pages for making access keys live: the IAM console's security credentials. */
    static final String IAM_KEYS_PAGE = "https://console.aws.amazon.com/iam/home#/security_credentials";
    private static final double LABEL_WIDTH = 130;

    private final SignInPage page;
    private final List<String> regions;
    private final Consumer<String> openUrl;

    /**
     * @param regions the region ids to offer
     * @param openUrl opens an address in the person's browser
     * @param close   closes the page
     */
    public SignInView(SignInPage page, List<String> regions, Consumer<String> openUrl, Runnable close) {
        super(14);
        this.page = page;
        this.regions = regions;
        this.openUrl = openUrl;
        setId("sign-in");
        getStyleClass().addAll("page", "sign-in");
        setPadding(new Insets(20));

        Label title = new Label("Sign in to AWS");
        title.getStyleClass().add("page-title");
        Label intro = wrapped("Hub Wizard saves the sign-in where the AWS command line tools and SDKs keep theirs "
                + "(~/.aws), so every AWS tool on this computer can use it. Your secret keys never go into Hub "
                + "Wizard's own files or logs.", "page-description");

        ToggleGroup group = new ToggleGroup();
        HBox ways = new HBox(6);
        ways.getStyleClass().add("sign-in-ways");
        Map<SignInWay, String> ids = Map.of(SignInWay.SSO, "way-sso", SignInWay.KEYS, "way-keys",
                SignInWay.MFA_ROLE, "way-mfa", SignInWay.CONSOLE, "way-console");
        for (SignInWay way : SignInWay.values()) {
            ToggleButton button = new ToggleButton(way.title());
            button.setId(ids.get(way));
            button.setToggleGroup(group);
            button.setUserData(way);
            button.setMinWidth(Region.USE_PREF_SIZE);
            button.setSelected(page.wayProperty().get() == way);
            button.setOnAction(e -> {
                // A toggle group lets the chosen button be pressed off: keep one way chosen.
                button.setSelected(true);
                page.wayProperty().set(way);
            });
            ways.getChildren().add(button);
        }
        page.wayProperty().addListener((obs, old, now) -> group.getToggles().forEach(t -> t.setSelected(
                t.getUserData() == now)));
        ways.disableProperty().bind(page.stageProperty().isEqualTo(SignInPage.Stage.WAITING));
        Label wayDescription = wrapped("", "hint");
        wayDescription.textProperty().bind(Bindings.createStringBinding(() -> page.wayProperty().get().description(),
                page.wayProperty()));

        GridPane profileRow = grid();
        TextField profile = new TextField();
        profile.setId("profile-name");
        profile.textProperty().bindBidirectional(page.profileNameProperty());
        profile.setAccessibleText("AWS profile name");
        profile.setPrefWidth(380);
        profile.setMaxWidth(380);
        profile.disableProperty().bind(page.stageProperty().isEqualTo(SignInPage.Stage.WAITING));
        row(profileRow, 0, "AWS profile", profile, problem(profile.textProperty(), SignInPage::profileNameProblem),
                hint("The name Hub Wizard and the AWS tools know this sign-in by."));
        profileRow.visibleProperty().bind(page.wayProperty().isNotEqualTo(SignInWay.CONSOLE));
        profileRow.managedProperty().bind(profileRow.visibleProperty());

        StackPane forms = new StackPane(shown(sso(), SignInWay.SSO), shown(keys(), SignInWay.KEYS),
                shown(mfaRole(), SignInWay.MFA_ROLE), shown(console(), SignInWay.CONSOLE));
        forms.setAlignment(Pos.TOP_LEFT);

        Label status = wrapped("", "progress-text");
        status.setId("sign-in-status");
        status.textProperty().bind(page.statusProperty());
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(18, 18);
        spinner.visibleProperty().bind(page.busyProperty().or(page.stageProperty().isEqualTo(
                SignInPage.Stage.WAITING)));
        spinner.managedProperty().bind(spinner.visibleProperty());
        HBox statusRow = new HBox(8, spinner, status);
        statusRow.setAlignment(Pos.CENTER_LEFT);

        Label notice = wrapped("", "field-problem");
        notice.setId("sign-in-notice");
        notice.textProperty().bind(page.noticeProperty());
        showWhen(notice, page.noticeProperty().isNotEmpty());

        Button closeButton = new Button("Close");
        closeButton.setId("sign-in-close");
        closeButton.setCancelButton(true);
        closeButton.textProperty().bind(Bindings.when(page.stageProperty().isEqualTo(SignInPage.Stage.DONE))
                .then("Done").otherwise("Close"));
        closeButton.setOnAction(e -> {
            page.cancel();
            close.run();
        });
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bottom = new HBox(8, spacer, closeButton);
        Region filler = new Region();
        VBox.setVgrow(filler, Priority.ALWAYS);

        getChildren().addAll(title, intro, ways, wayDescription, profileRow, forms, statusRow, problemBox(),
                notice, filler, bottom);
    }

    private Node sso() {
        GridPane form = grid();
        ComboBox<String> startUrl = new ComboBox<>(page.knownStartUrls());
        startUrl.setId("start-url");
        startUrl.setEditable(true);
        startUrl.setPromptText("https://d-1234567890.awsapps.com/start");
        startUrl.setPrefWidth(380);
        startUrl.getEditor().textProperty().bindBidirectional(page.startUrlProperty());
        row(form, 0, "Start URL", startUrl, problem(page.startUrlProperty(), SignInPage::startUrlProblem),
                hint("Your AWS access portal's address: in your invitation e-mail, or in the IAM Identity Center "
                        + "console under Settings."));
        ComboBox<String> ssoRegion = regionBox("sso-region");
        ssoRegion.getEditor().textProperty().bindBidirectional(page.ssoRegionProperty());
        row(form, 1, "Its region", ssoRegion, hint("Where your IAM Identity Center lives (often us-east-1)."));
        form.disableProperty().bind(page.stageProperty().isNotEqualTo(SignInPage.Stage.FORM));

        Button signIn = new Button("Sign in with the browser");
        signIn.setId("sso-sign-in");
        signIn.setMinWidth(Region.USE_PREF_SIZE);
        signIn.getStyleClass().add("accent");
        signIn.setDefaultButton(true);
        signIn.disableProperty().bind(page.canStartSso().not());
        signIn.setOnAction(e -> page.signInWithBrowser());
        Hyperlink code = new Hyperlink("No browser on this computer? Sign in with a code on another device");
        code.setId("sso-use-code");
        code.disableProperty().bind(page.canStartSso().not());
        code.setOnAction(e -> page.signInWithCode());
        BooleanBinding waiting = page.stageProperty().isEqualTo(SignInPage.Stage.WAITING);
        showWhen(signIn, waiting.not());
        showWhen(code, waiting.not());
        Button cancel = new Button("Cancel sign-in");
        cancel.setId("sso-cancel");
        cancel.setMinWidth(Region.USE_PREF_SIZE);
        cancel.setOnAction(e -> page.cancel());
        showWhen(cancel, waiting);
        HBox actions = new HBox(8, signIn, cancel, code);
        actions.setAlignment(Pos.CENTER_LEFT);
        showWhen(actions, page.stageProperty().isNotEqualTo(SignInPage.Stage.CHOOSE_ROLE)
                .and(page.stageProperty().isNotEqualTo(SignInPage.Stage.DONE)));

        Label deviceCode = new Label();
        deviceCode.setId("device-code");
        deviceCode.getStyleClass().add("device-code");
        deviceCode.textProperty().bind(page.deviceCodeProperty());
        Hyperlink verification = new Hyperlink();
        verification.setId("verification-url");
        verification.textProperty().bind(page.verificationUrlProperty());
        verification.setOnAction(e -> openUrl.accept(page.verificationUrlProperty().get()));
        VBox codeBox = new VBox(4, hint("Your code"), deviceCode, verification);
        showWhen(codeBox, page.deviceCodeProperty().isNotEmpty()
                .and(page.stageProperty().isEqualTo(SignInPage.Stage.WAITING)));

        GridPane choose = grid();
        ComboBox<SsoPortal.Account> account = new ComboBox<>(page.accounts());
        account.setId("account");
        account.setPrefWidth(380);
        account.setConverter(converter(a -> a == null ? "" : a.label()));
        account.valueProperty().bindBidirectional(page.accountProperty());
        page.accountProperty().addListener((obs, old, now) -> page.accountChosen());
        row(choose, 0, "Account", account, hint("The AWS account the hub is created in."));
        ComboBox<String> role = new ComboBox<>(page.roles());
        role.setId("role");
        role.setPrefWidth(380);
        role.valueProperty().bindBidirectional(page.roleProperty());
        row(choose, 1, "Role", role, hint("What Hub Wizard may do there: it needs to create ECR, ECS, EC2 and IAM "
                + "resources (docs/iam-policy.json lists them)."));
        ComboBox<String> region = regionBox("hub-region");
        region.getEditor().textProperty().bindBidirectional(page.regionProperty());
        row(choose, 2, "Region", region, hint("The profile's region: where the hub goes unless its settings say "
                + "otherwise."));
        Button save = new Button("Use this role");
        save.setId("sso-save");
        save.getStyleClass().add("accent");
        save.disableProperty().bind(page.canSaveSso().not());
        save.setOnAction(e -> page.saveSso());
        VBox chooseBox = new VBox(10, choose, save);
        showWhen(chooseBox, page.stageProperty().isEqualTo(SignInPage.Stage.CHOOSE_ROLE));

        return new VBox(10, form, actions, codeBox, chooseBox);
    }

    private Node keys() {
        GridPane form = grid();
        TextField keyId = new TextField();
        keyId.setId("key-id");
        keyId.setPromptText("AKIAIOSFODNN7EXAMPLE");
        keyId.textProperty().bindBidirectional(page.keyIdProperty());
        keyId.setMaxWidth(380);
        row(form, 0, "Access key ID", keyId, problem(page.keyIdProperty(), SignInPage::keyIdProblem));
        PasswordField secret = new PasswordField();
        secret.setId("secret");
        secret.setAccessibleText("Secret access key");
        secret.textProperty().bindBidirectional(page.secretProperty());
        secret.setMaxWidth(380);
        row(form, 1, "Secret access key", secret, hint("Shown only once, when the key was made. Saved in "
                + "~/.aws/credentials, readable by you alone."));
        ComboBox<String> region = regionBox("key-region");
        region.getEditor().textProperty().bindBidirectional(page.regionProperty());
        row(form, 2, "Region", region, hint("The profile's region: where the hub goes unless its settings say "
                + "otherwise."));
        Hyperlink iam = new Hyperlink("Make access keys in the IAM console");
        iam.setId("iam-console");
        iam.setOnAction(e -> openUrl.accept(IAM_KEYS_PAGE));
        CheckBox rootOk = new CheckBox("I understand: use the root user's keys anyway");
        rootOk.setId("root-ok");
        rootOk.selectedProperty().bindBidirectional(page.rootAcknowledgedProperty());
        showWhen(rootOk, Bindings.createBooleanBinding(() -> page.keyOwnerProperty().get() != null
                && page.keyOwnerProperty().get().root(), page.keyOwnerProperty()));
        Button save = new Button("Check and save");
        save.setId("keys-save");
        save.getStyleClass().add("accent");
        save.disableProperty().bind(page.canSaveKeys().not());
        save.setOnAction(e -> page.saveKeys());
        return new VBox(10, form, iam, rootOk, save);
    }

    private Node mfaRole() {
        GridPane form = grid();
        TextField roleArn = new TextField();
        roleArn.setId("role-arn");
        roleArn.setPromptText("arn:aws:iam::123456789012:role/HubAdmin");
        roleArn.textProperty().bindBidirectional(page.roleArnProperty());
        roleArn.setMaxWidth(380);
        row(form, 0, "Role ARN", roleArn, hint("The role to switch to."));
        ComboBox<String> source = new ComboBox<>(page.otherProfiles());
        source.setId("source-profile");
        source.setEditable(true);
        source.getEditor().textProperty().bindBidirectional(page.sourceProfileProperty());
        row(form, 1, "Signed in through", source, hint("The AWS profile whose keys may assume the role."));
        TextField serial = new TextField();
        serial.setId("mfa-serial");
        serial.setPromptText("arn:aws:iam::123456789012:mfa/alice");
        serial.textProperty().bindBidirectional(page.mfaSerialProperty());
        serial.setMaxWidth(380);
        row(form, 2, "MFA device", serial, hint("Its ARN, shown in the IAM console under your user's security "
                + "credentials. Hub Wizard asks for the 6-digit code when AWS needs it."));
        Button save = new Button("Save");
        save.setId("mfa-save");
        save.getStyleClass().add("accent");
        save.disableProperty().bind(page.canSaveMfaRole().not());
        save.setOnAction(e -> page.saveMfaRole());
        return new VBox(10, form, save);
    }

    private Node console() {
        Label text = wrapped("Hub Wizard cannot renew a console session when it ends: pick its profile below, "
                + "or sign in one of the other ways for a sign-in Hub Wizard renews itself.", "hint");
        ListView<String> profiles = new ListView<>(page.consoleProfiles());
        profiles.setId("console-profiles");
        profiles.setPrefHeight(110);
        profiles.setPlaceholder(new Label("No console sign-in on this computer."));
        Button use = new Button("Use this profile");
        use.setId("console-use");
        use.disableProperty().bind(profiles.getSelectionModel().selectedItemProperty().isNull());
        use.setOnAction(e -> page.useConsoleProfile(profiles.getSelectionModel().getSelectedItem()));
        return new VBox(10, text, profiles, use);
    }

    private Node problemBox() {
        Label what = wrapped("", "problem-what");
        what.setId("sign-in-problem-what");
        Label why = wrapped("", "problem-why");
        why.setId("sign-in-problem-why");
        Label next = wrapped("", "problem-next");
        next.setId("sign-in-problem-next");
        VBox box = new VBox(4, what, why, next);
        box.setId("sign-in-problem");
        box.getStyleClass().add("problem-panel");
        page.problemProperty().addListener((obs, old, now) -> show(now, what, why, next));
        show(page.problemProperty().get(), what, why, next);
        showWhen(box, page.problemProperty().isNotNull());
        return box;
    }

    private static void show(Problem problem, Label what, Label why, Label next) {
        what.setText(problem == null ? "" : problem.what());
        why.setText(problem == null || problem.why().isBlank() ? "" : "Why: " + problem.why());
        next.setText(problem == null || problem.next().isBlank() ? "" : "What to do: " + problem.next());
    }

    private Node shown(Node form, SignInWay way) {
        showWhen(form, page.wayProperty().isEqualTo(way));
        return form;
    }

    private ComboBox<String> regionBox(String id) {
        ComboBox<String> box = new ComboBox<>(FXCollections.observableArrayList(regions));
        box.setId(id);
        box.setEditable(true);
        box.setVisibleRowCount(12);
        box.setPrefWidth(200);
        return box;
    }

    private static GridPane grid() {
        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(4);
        return grid;
    }

    private static void row(GridPane grid, int row, String label, Node field, Node... below) {
        Label name = new Label(label);
        // One width for every form's labels, so that the fields line up from form to form.
        name.setMinWidth(LABEL_WIDTH);
        name.setPrefWidth(LABEL_WIDTH);
        name.setLabelFor(field);
        VBox cell = new VBox(2, field);
        cell.getChildren().addAll(below);
        GridPane.setValignment(name, javafx.geometry.VPos.TOP);
        grid.add(name, 0, row);
        grid.add(cell, 1, row);
        GridPane.setHgrow(cell, Priority.ALWAYS);
    }

    private static Label problem(ObservableValue<String> text, Function<String, Optional<String>> check) {
        Label label = wrapped("", "field-problem");
        label.textProperty().bind(Bindings.createStringBinding(() -> check.apply(text.getValue()).orElse(""), text));
        showWhen(label, label.textProperty().isNotEmpty());
        return label;
    }

    private static Label hint(String text) {
        return wrapped(text, "hint");
    }

    private static Label wrapped(String text, String style) {
        Label label = new Label(text);
        label.setWrapText(true);
        label.getStyleClass().add(style);
        label.setMaxWidth(560);
        label.setMinHeight(Region.USE_PREF_SIZE);
        return label;
    }

    private static void showWhen(Node node, ObservableValue<Boolean> condition) {
        node.visibleProperty().bind(condition);
        node.managedProperty().bind(condition);
    }

    private static <T> StringConverter<T> converter(Function<T, String> toText) {
        return new StringConverter<>() {
            @Override
            public String toString(T value) {
                return toText.apply(value);
            }

            @Override
            public T fromString(String text) {
                return null;
            }
        };
    }
}
