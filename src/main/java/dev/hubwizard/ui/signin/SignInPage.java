package dev.hubwizard.ui.signin;

import dev.hubwizard.aws.signin.AccessKeys;
import dev.hubwizard.aws.signin.AwsSignIn;
import dev.hubwizard.aws.signin.IdentityCenter;
import dev.hubwizard.aws.signin.SignInKind;
import dev.hubwizard.aws.signin.SignInWait;
import dev.hubwizard.aws.signin.SsoPortal;
import dev.hubwizard.aws.signin.SsoProfiles;
import dev.hubwizard.aws.signin.SsoSession;
import dev.hubwizard.aws.signin.SsoToken;
import dev.hubwizard.engine.Problem;
import dev.hubwizard.engine.ProblemException;
import dev.hubwizard.ui.BackgroundWork;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The "Sign in to AWS" page's state and commands, tested without a window: the four ways to sign in, each
 * with its form, what is happening now, and the problem when something went wrong. Slow work (the browser
 * round trip, AWS calls, the files) runs through {@link BackgroundWork}; every property changes on the FX
 * thread.
 */
public final class SignInPage {

    /** Where the page is in a sign-in. */
    public enum Stage { FORM, WAITING, CHOOSE_ROLE, DONE }

    /** How long the page waits for the browser before it gives up. */
    static final Duration BROWSER_TIMEOUT = Duration.ofMinutes(10);

    private final AwsSignIn signIn;
    private final BackgroundWork background;
    private final Function<URI, Boolean> browser;
    private final Consumer<String> signedIn;

    private final ObjectProperty<SignInWay> way = new SimpleObjectProperty<>(SignInWay.SSO);
    private final ObjectProperty<Stage> stage = new SimpleObjectProperty<>(Stage.FORM);
    private final StringProperty profileName = new SimpleStringProperty("");
    private final StringProperty status = new SimpleStringProperty("");
    private final ObjectProperty<Problem> problem = new SimpleObjectProperty<>();
    private final StringProperty notice = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();

    private final StringProperty startUrl = new SimpleStringProperty("");
    private final StringProperty ssoRegion = new SimpleStringProperty("us-east-1");
    private final StringProperty deviceCode = new SimpleStringProperty("");
    private final StringProperty verificationUrl = new SimpleStringProperty("");
    private final ObservableList<SsoPortal.Account> accounts = FXCollections.observableArrayList();
    private final ObjectProperty<SsoPortal.Account> account = new SimpleObjectProperty<>();
    private final ObservableList<String> roles = FXCollections.observableArrayList();
    private final StringProperty role = new SimpleStringProperty();
    private final StringProperty region = new SimpleStringProperty("us-east-1");
    private final ObservableList<String> knownStartUrls = FXCollections.observableArrayList();

    private final StringProperty keyId = new SimpleStringProperty("");
    private final StringProperty secret = new SimpleStringProperty("");
    private final BooleanProperty rootAcknowledged = new SimpleBooleanProperty();
    private final ObjectProperty<AccessKeys.Owner> keyOwner = new SimpleObjectProperty<>();

    private final StringProperty roleArn = new SimpleStringProperty("");
    private final StringProperty sourceProfile = new SimpleStringProperty("");
    private final StringProperty mfaSerial = new SimpleStringProperty("");
    private final ObservableList<String> otherProfiles = FXCollections.observableArrayList();
    private final ObservableList<String> consoleProfiles = FXCollections.observableArrayList();

    private SsoSession session;
    private final List<SsoSession> knownSessions = new ArrayList<>();
    private SsoProfiles.RoleProfile knownRole;
    private SsoToken token;
    private SignInWait wait;
    private boolean again;

    /**
     * @param browser  opens an address in the person's browser; false when it cannot
     * @param signedIn told the profile's name once it is signed in
     */
    public SignInPage(AwsSignIn signIn, BackgroundWork background, Function<URI, Boolean> browser,
                      Consumer<String> signedIn) {
        this.signIn = signIn;
        this.background = background;
        this.browser = browser;
        this.signedIn = signedIn;
        way.addListener((obs, old, now) -> {
            problem.set(null);
            notice.set("");
        });
    }

    /** Fills the page for a profile: its kind picks the way, its settings the fields. */
    public void load(String profile, boolean signInAgain) {
        again = signInAgain;
        profileName.set(profile == null ? "" : profile);
        busy.set(true);
        background.run(() -> new Loaded(signIn.profiles(), signIn.knownSessions().values().stream().toList(),
                        profile == null || profile.isBlank() ? Optional.empty() : signIn.ssoSessionOf(profile),
                        profile == null || profile.isBlank() ? Optional.empty() : signIn.ssoRoleOf(profile)),
                this::loaded, failure -> {
                    busy.set(false);
                    problem.set(ProblemException.of(failure));
                });
    }

    private record Loaded(List<AwsSignIn.ProfileSummary> profiles, List<SsoSession> sessions,
                          Optional<SsoSession> session, Optional<SsoProfiles.RoleProfile> role) {
    }

    private void loaded(Loaded loaded) {
        busy.set(false);
        otherProfiles.setAll(loaded.profiles().stream().map(AwsSignIn.ProfileSummary::name)
                .filter(n -> !n.equals(profileName.get())).toList());
        consoleProfiles.setAll(loaded.profiles().stream().filter(p -> p.kind() == SignInKind.CONSOLE)
                .map(AwsSignIn.ProfileSummary::name).toList());
        knownSessions.clear();
        loaded.session().ifPresent(knownSessions::add);
        knownSessions.addAll(loaded.sessions());
        knownStartUrls.setAll(loaded.sessions().stream().map(SsoSession::startUrl).distinct().toList());
        if (startUrl.get().isBlank() && !knownStartUrls.isEmpty()) {
            startUrl.set(knownStartUrls.get(0));
            loaded.sessions().stream().findFirst().ifPresent(s -> ssoRegion.set(s.region()));
        }
        Optional<AwsSignIn.ProfileSummary> current = loaded.profiles().stream()
                .filter(p -> p.name().equals(profileName.get())).findFirst();
        current.map(AwsSignIn.ProfileSummary::region).filter(r -> !r.isBlank()).ifPresent(region::set);
        loaded.session().ifPresent(s -> {
            startUrl.set(s.startUrl());
            ssoRegion.set(s.region());
        });
        SignInKind kind = current.map(AwsSignIn.ProfileSummary::kind).orElse(SignInKind.SSO);
        switch (kind) {
            case ACCESS_KEYS -> way.set(SignInWay.KEYS);
            case MFA_ROLE -> way.set(SignInWay.MFA_ROLE);
            case CONSOLE -> {
                way.set(SignInWay.CONSOLE);
                if (again) {
                    problem.set(new Problem("Your console sign-in session has expired",
                            "the sign-in made with 'aws login' for '" + profileName.get() + "' has ended, and Hub "
                                    + "Wizard does not renew console sessions",
                            "Sign in one of the other ways above: IAM Identity Center or access keys (or, if "
                                    + "you use the AWS CLI, run 'aws login' again and pick the profile here)"));
                }
            }
            default -> way.set(SignInWay.SSO);
        }
        loaded.role().ifPresent(r -> {
            knownRole = r;
            role.set(r.roleName());
            if (!r.region().isBlank()) {
                region.set(r.region());
            }
        });
        if (profileName.get().isBlank()) {
            profileName.set(current.isEmpty() && loaded.profiles().stream().noneMatch(p -> p.name().equals("default"))
                    ? "default" : "hubwizard");
        }
        // Signing an SSO profile in again: the person asked for it, so the browser opens at once.
        if (again && kind == SignInKind.SSO && loaded.session().isPresent() && knownRole != null) {
            signInWithBrowser();
        }
    }

    // --- IAM Identity Center --------------------------------------------------------------------------

    public BooleanBinding canStartSso() {
        return Bindings.createBooleanBinding(() -> !busy.get() && stage.get() != Stage.WAITING
                        && SsoSession.startUrlProblem(startUrl.get()).isEmpty() && !ssoRegion.get().isBlank()
                        && SsoSession.nameProblem(profileName.get()).isEmpty(),
                busy, stage, startUrl, ssoRegion, profileName);
    }

    /** Opens the browser at the AWS sign-in page and waits for it to come back. */
    public void signInWithBrowser() {
        startSso(true);
    }

    /** The device code: for a browser on another device, or where this computer's browser cannot come back. */
    public void signInWithCode() {
        startSso(false);
    }

    private void startSso(boolean useBrowser) {
        problem.set(null);
        String url = startUrl.get().strip();
        // A start URL this computer already has an [sso-session] for keeps its name: one session, one token.
        String name = knownSessions.stream().filter(s -> s.startUrl().equals(url)).map(SsoSession::name)
                .filter(n -> SsoSession.nameProblem(n).isEmpty()).findFirst().orElse(SsoSession.nameFor(url));
        session = new SsoSession(name, url, ssoRegion.get().strip());
        wait = SignInWait.of(BROWSER_TIMEOUT);
        stage.set(Stage.WAITING);
        deviceCode.set("");
        verificationUrl.set("");
        status.set(useBrowser ? "Finish signing in in your browser. Hub Wizard waits for it to come back…"
                : "Asking IAM Identity Center for a code…");
        SignInWait waiting = wait;
        IdentityCenter.Browser opener = useBrowser ? browser::apply : uri -> false;
        background.run(() -> signIn.signIn(session, opener, this::showCode, waiting), this::ssoSignedIn,
                failure -> failed(failure, Stage.FORM));
    }

    /** Called on the sign-in's thread: the page shows the code and the address to type it at. */
    private void showCode(URI address, String code) {
        background.onUiThread(() -> {
            deviceCode.set(code);
            verificationUrl.set(address.toString());
            status.set("Open " + address + " on any device, check that it shows " + code
                    + ", and allow access. Hub Wizard waits for it…");
        });
    }

    private void ssoSignedIn(SsoToken signedInToken) {
        token = signedInToken;
        if (again && knownRole != null && knownRole.name().equals(profileName.get().strip())
                && session.startUrl().equals(startUrl.get().strip())) {
            // The same profile, account and role as before: nothing to choose.
            busy.set(true);
            status.set("Signed in to IAM Identity Center. Saving the sign-in…");
            SsoProfiles.RoleProfile same = knownRole;
            background.run(() -> {
                signIn.saveSso(session, token, same);
                return same.name();
            }, this::done, failure -> failed(failure, Stage.FORM));
            return;
        }
        status.set("Signed in to IAM Identity Center. Looking up your accounts…");
        busy.set(true);
        background.run(() -> signIn.accounts(session, token), list -> {
            busy.set(false);
            accounts.setAll(list);
            stage.set(Stage.CHOOSE_ROLE);
            status.set(list.isEmpty() ? "" : "Choose the account and role Hub Wizard works in.");
            if (list.isEmpty()) {
                problem.set(new Problem("Your sign-in gives you no AWS account", "IAM Identity Center lists no "
                        + "account you may use", "Ask whoever manages IAM Identity Center to assign you an account "
                        + "and a permission set, then sign in again"));
            }
            String wanted = Optional.ofNullable(account.get()).map(SsoPortal.Account::id)
                    .orElse(knownRole == null ? null : knownRole.accountId());
            account.set(list.stream().filter(a -> a.id().equals(wanted)).findFirst()
                    .orElse(list.size() == 1 ? list.get(0) : null));
        }, failure -> failed(failure, Stage.FORM));
    }

    /** Shows the chosen account's roles; the one the profile had, or the only one, is chosen. */
    public void accountChosen() {
        SsoPortal.Account chosen = account.get();
        roles.clear();
        if (chosen == null || token == null) {
            return;
        }
        String previous = role.get();
        busy.set(true);
        background.run(() -> signIn.roles(session, token, chosen.id()), list -> {
            busy.set(false);
            roles.setAll(list);
            role.set(list.contains(previous) ? previous : list.size() == 1 ? list.get(0) : null);
        }, failure -> failed(failure, Stage.CHOOSE_ROLE));
    }

    public BooleanBinding canSaveSso() {
        return Bindings.createBooleanBinding(() -> !busy.get() && stage.get() == Stage.CHOOSE_ROLE
                        && account.get() != null && role.get() != null && !role.get().isBlank()
                        && SsoSession.nameProblem(profileName.get()).isEmpty() && !region.get().isBlank(),
                busy, stage, account, role, profileName, region);
    }

    public void saveSso() {
        SsoProfiles.RoleProfile profile = new SsoProfiles.RoleProfile(profileName.get().strip(), account.get().id(),
                role.get(), region.get());
        busy.set(true);
        status.set("Saving the sign-in…");
        background.run(() -> {
            signIn.saveSso(session, token, profile);
            return profile.name();
        }, this::done, failure -> failed(failure, Stage.CHOOSE_ROLE));
    }

    /** Stops waiting for the browser or the code; nothing is written. */
    public void cancel() {
        if (wait != null) {
            wait.cancel();
        }
    }

    // --- access keys ----------------------------------------------------------------------------------

    public BooleanBinding canSaveKeys() {
        return Bindings.createBooleanBinding(() -> !busy.get() && AccessKeys.keyIdProblem(keyId.get()).isEmpty()
                        && AccessKeys.secretProblem(secret.get()).isEmpty()
                        && SsoSession.nameProblem(profileName.get()).isEmpty() && !region.get().isBlank()
                        && (keyOwner.get() == null || !keyOwner.get().root() || rootAcknowledged.get()),
                busy, keyId, secret, profileName, region, keyOwner, rootAcknowledged);
    }

    /**
     * Checks the keys with AWS, then saves them; keys of the root user are saved only once the person has
     * read the warning and ticked that they understand.
     */
    public void saveKeys() {
        problem.set(null);
        String id = keyId.get().strip();
        String key = secret.get().strip();
        String name = profileName.get().strip();
        String where = region.get();
        boolean acknowledged = rootAcknowledged.get();
        busy.set(true);
        status.set("Checking the keys with AWS…");
        background.run(() -> {
            AccessKeys.Owner owner = signIn.checkKeys(id, key, where);
            if (!owner.root() || acknowledged) {
                signIn.saveKeys(name, id, key, where);
            }
            return owner;
        }, owner -> {
            busy.set(false);
            keyOwner.set(owner);
            if (owner.root() && !acknowledged) {
                status.set("");
                notice.set("These are the keys of the account's root user (" + owner.arn() + "). AWS advises "
                        + "against using them: they can do anything, including closing the account, and cannot be "
                        + "limited. Make an IAM user with only the permissions Hub Wizard needs "
                        + "(docs/iam-policy.json) and use its keys instead, or tick the box to use these anyway.");
            } else {
                done(name);
            }
        }, failure -> failed(failure, Stage.FORM));
    }

    // --- a role with MFA --------------------------------------------------------------------------------

    public BooleanBinding canSaveMfaRole() {
        return Bindings.createBooleanBinding(() -> !busy.get() && roleArn.get().strip().startsWith("arn:")
                        && !sourceProfile.get().isBlank() && !mfaSerial.get().isBlank()
                        && SsoSession.nameProblem(profileName.get()).isEmpty(),
                busy, roleArn, sourceProfile, mfaSerial, profileName);
    }

    public void saveMfaRole() {
        String name = profileName.get().strip();
        String arn = roleArn.get();
        String source = sourceProfile.get();
        String serial = mfaSerial.get();
        String where = region.get();
        busy.set(true);
        background.run(() -> {
            signIn.saveMfaRole(name, arn, source, serial, where);
            return name;
        }, this::done, failure -> failed(failure, Stage.FORM));
    }

    /** A console sign-in profile was picked: Hub Wizard uses it as it is. */
    public void useConsoleProfile(String name) {
        done(name);
    }

    private void done(String name) {
        busy.set(false);
        stage.set(Stage.DONE);
        status.set("Signed in: AWS profile '" + name + "' is ready.");
        secret.set("");
        signedIn.accept(name);
    }

    private void failed(Exception failure, Stage backTo) {
        busy.set(false);
        stage.set(backTo);
        status.set("");
        problem.set(ProblemException.of(failure));
    }

    // --- properties for the view ------------------------------------------------------------------------

    public ObjectProperty<SignInWay> wayProperty() {
        return way;
    }

    public ObjectProperty<Stage> stageProperty() {
        return stage;
    }

    public StringProperty profileNameProperty() {
        return profileName;
    }

    public StringProperty statusProperty() {
        return status;
    }

    public ObjectProperty<Problem> problemProperty() {
        return problem;
    }

    /** A warning to read before going on (the root user's keys). */
    public StringProperty noticeProperty() {
        return notice;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    public StringProperty startUrlProperty() {
        return startUrl;
    }

    public StringProperty ssoRegionProperty() {
        return ssoRegion;
    }

    public ObservableList<String> knownStartUrls() {
        return knownStartUrls;
    }

    public StringProperty deviceCodeProperty() {
        return deviceCode;
    }

    public StringProperty verificationUrlProperty() {
        return verificationUrl;
    }

    public ObservableList<SsoPortal.Account> accounts() {
        return accounts;
    }

    public ObjectProperty<SsoPortal.Account> accountProperty() {
        return account;
    }

    public ObservableList<String> roles() {
        return roles;
    }

    public StringProperty roleProperty() {
        return role;
    }

    /** The region the hub goes to, saved as the profile's region. */
    public StringProperty regionProperty() {
        return region;
    }

    public StringProperty keyIdProperty() {
        return keyId;
    }

    public StringProperty secretProperty() {
        return secret;
    }

    public BooleanProperty rootAcknowledgedProperty() {
        return rootAcknowledged;
    }

    public ObjectProperty<AccessKeys.Owner> keyOwnerProperty() {
        return keyOwner;
    }

    public StringProperty roleArnProperty() {
        return roleArn;
    }

    public StringProperty sourceProfileProperty() {
        return sourceProfile;
    }

    public StringProperty mfaSerialProperty() {
        return mfaSerial;
    }

    public ObservableList<String> otherProfiles() {
        return otherProfiles;
    }

    public ObservableList<String> consoleProfiles() {
        return consoleProfiles;
    }

    /** What is wrong with the field as typed, for the view to show under it; empty when nothing. */
    public static Optional<String> startUrlProblem(String text) {
        return text == null || text.isBlank() ? Optional.empty() : SsoSession.startUrlProblem(text);
    }

    public static Optional<String> profileNameProblem(String text) {
        return SsoSession.nameProblem(text);
    }

    public static Optional<String> keyIdProblem(String text) {
        return text == null || text.isBlank() ? Optional.empty() : AccessKeys.keyIdProblem(text);
    }
}
