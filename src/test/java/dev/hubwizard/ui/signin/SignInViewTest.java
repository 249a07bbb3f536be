package dev.hubwizard.ui.signin;

import dev.hubwizard.aws.signin.AwsFiles;
import dev.hubwizard.aws.signin.AwsSignIn;
import dev.hubwizard.testbed.BrowserStandIn;
import dev.hubwizard.testbed.IdentityCenterStandIn;
import dev.hubwizard.testbed.SignInTestBed;
import dev.hubwizard.ui.BackgroundWork;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
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
import software.amazon.awssdk.services.iam.model.AccessKey;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sign-in page driven as a person would, headless: IAM Identity Center with a browser (a stand-in that
 * follows the sign-in page's redirect to the loopback listener) and with a code typed on another device,
 * and access keys checked by STS (moto behind {@link StrictSts}, which refuses unknown keys and knows the
 * root user, as AWS does). The files land in a temporary folder.
 */
@ExtendWith(ApplicationExtension.class)
class SignInViewTest {

    static final String START_URL = SignInTestBed.START_URL;

    private static SignInTestBed bed;
    private static IdentityCenterStandIn identityCenter;
    private static AccessKey userKey;

    @TempDir
    Path aws;

    private final BrowserStandIn browser = new BrowserStandIn();
    private final List<String> signedIn = new CopyOnWriteArrayList<>();
    private AwsSignIn signIn;
    private SignInPage page;

    @BeforeAll
    static void standIns() throws Exception {
        bed = SignInTestBed.start();
        identityCenter = bed.identityCenter();
        userKey = bed.userKey("hub-admin");
        bed.sts().rootKey("AKIAROOTROOTROOT0001");
    }

    @AfterAll
    static void stop() {
        bed.close();
    }

    @Start
    void start(Stage stage) {
        signIn = new AwsSignIn(AwsFiles.in(aws), Clock.systemUTC());
        page = new SignInPage(signIn, BackgroundWork.daemonThreads(), browser::open, signedIn::add);
        SignInView view = new SignInView(page, List.of("us-east-1", "eu-central-1", "eu-west-1"), url -> { },
                stage::close);
        stage.setScene(new Scene(view, 760, 720));
        stage.show();
        page.load("research", false);
    }

    @AfterEach
    void close() {
        signIn.close();
    }

    @Test
    void ssoWithTheBrowserEndsWithTheChosenRoleSaved(FxRobot robot) throws Exception {
        identityCenter.person(IdentityCenterStandIn.Person.APPROVES);
        robot.clickOn("#start-url").write(START_URL);
        robot.interact(() -> page.ssoRegionProperty().set("eu-central-1"));
        robot.clickOn("#sso-sign-in");

        waitFor(() -> page.stageProperty().get() == SignInPage.Stage.CHOOSE_ROLE && !page.busyProperty().get());
        assertThat(browser.opened()).singleElement().satisfies(uri -> assertThat(uri.toString())
                .startsWith(identityCenter.endpoint() + "/authorize?"));
        robot.interact(() -> robot.lookup("#account").queryAs(ComboBox.class).getSelectionModel().select(0));
        waitFor(() -> page.roles().size() == 2 && !page.busyProperty().get());
        robot.interact(() -> page.roleProperty().set("ReadOnlyAccess"));
        robot.clickOn("#sso-save");

        waitFor(() -> !signedIn.isEmpty());
        assertThat(signedIn).containsExactly("research");
        assertThat(Files.readString(aws.resolve("config"))).contains("[profile research]\nsso_session = d-1234567890\n"
                + "sso_account_id = 111122223333\nsso_role_name = ReadOnlyAccess\nregion = us-east-1\n");
        assertThat(robot.lookup("#sign-in-status").queryAs(Label.class).getText()).contains("is ready");
    }

    @Test
    void signingAnSsoProfileInAgainOpensTheBrowserAtOnceAndKeepsItsSessionAccountAndRole(FxRobot robot)
            throws Exception {
        identityCenter.person(IdentityCenterStandIn.Person.APPROVES);
        String config = "# team settings\n[profile research]\nsso_session = corp\nsso_account_id = 111122223333\n"
                + "sso_role_name = ReadOnlyAccess\nregion = eu-west-1\n\n[sso-session corp]\nsso_start_url = "
                + START_URL + "\nsso_region = eu-central-1\nsso_registration_scopes = sso:account:access\n";
        Files.writeString(aws.resolve("config"), config);

        robot.interact(() -> page.load("research", true));

        waitFor(() -> !signedIn.isEmpty());
        assertThat(signedIn).containsExactly("research");
        assertThat(browser.opened()).hasSize(1);
        assertThat(Files.readString(aws.resolve("config"))).isEqualTo(config);
        assertThat(AwsFiles.in(aws).ssoToken("corp")).exists();
    }

    @Test
    void withACodeThePageShowsItAndGoesOnOnceItIsConfirmedElsewhere(FxRobot robot) throws Exception {
        identityCenter.person(IdentityCenterStandIn.Person.APPROVES);
        robot.interact(() -> {
            page.startUrlProperty().set(START_URL);
            page.ssoRegionProperty().set("eu-central-1");
        });
        robot.clickOn("#sso-use-code");

        waitFor(() -> !page.deviceCodeProperty().get().isEmpty());
        assertThat(robot.lookup("#device-code").queryAs(Label.class).getText()).startsWith("ABCD-");
        assertThat(browser.opened()).isEmpty();
        new BrowserStandIn().openAndWait(java.net.URI.create(page.verificationUrlProperty().get()));

        waitFor(() -> page.stageProperty().get() == SignInPage.Stage.CHOOSE_ROLE);
        assertThat(page.accounts()).hasSize(2);
    }

    @Test
    void aDeclinedSignInIsExplainedAndTheFormComesBack(FxRobot robot) throws Exception {
        identityCenter.person(IdentityCenterStandIn.Person.DENIES);
        robot.interact(() -> {
            page.startUrlProperty().set(START_URL);
            page.ssoRegionProperty().set("eu-central-1");
        });
        robot.clickOn("#sso-sign-in");

        waitFor(() -> page.problemProperty().get() != null);
        assertThat(robot.lookup("#sign-in-problem-what").queryAs(Label.class).getText()).contains("declined");
        assertThat(page.stageProperty().get()).isEqualTo(SignInPage.Stage.FORM);
        assertThat(aws.resolve("config")).doesNotExist();
    }

    @Test
    void accessKeysAreCheckedWithStsThenSavedAndTheSecretIsMasked(FxRobot robot) throws Exception {
        robot.clickOn("#way-keys");
        robot.clickOn("#key-id").write(userKey.accessKeyId());
        robot.clickOn("#secret").write(userKey.secretAccessKey());
        assertThat(robot.lookup("#secret").queryAs(javafx.scene.control.PasswordField.class)
                .getCharacters().toString()).isEqualTo(userKey.secretAccessKey());
        robot.clickOn("#keys-save");

        waitFor(() -> !signedIn.isEmpty());
        assertThat(Files.readString(aws.resolve("credentials"))).isEqualTo("[research]\naws_access_key_id = "
                + userKey.accessKeyId() + "\naws_secret_access_key = " + userKey.secretAccessKey() + "\n");
        assertThat(page.secretProperty().get()).isEmpty();
    }

    @Test
    void keysStsRefusesAreExplainedAndNothingIsSaved(FxRobot robot) throws Exception {
        robot.clickOn("#way-keys");
        robot.interact(() -> {
            page.keyIdProperty().set("AKIADELETEDKEY000000");
            page.secretProperty().set("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
        });
        robot.clickOn("#keys-save");

        waitFor(() -> page.problemProperty().get() != null);
        assertThat(page.problemProperty().get().what()).isEqualTo("AWS did not accept these access keys");
        assertThat(page.problemProperty().get().next()).contains("IAM console");
        assertThat(aws.resolve("credentials")).doesNotExist();
        assertThat(signedIn).isEmpty();
    }

    @Test
    void theRootUsersKeysAreSavedOnlyAfterTheWarningIsAcknowledged(FxRobot robot) throws Exception {
        robot.clickOn("#way-keys");
        robot.interact(() -> {
            page.keyIdProperty().set("AKIAROOTROOTROOT0001");
            page.secretProperty().set("rootSecretrootSecretrootSecretrootSecret");
        });
        robot.clickOn("#keys-save");

        waitFor(() -> !page.noticeProperty().get().isEmpty());
        assertThat(robot.lookup("#sign-in-notice").queryAs(Label.class).getText()).contains("root user")
                .contains("docs/iam-policy.json");
        assertThat(aws.resolve("credentials")).doesNotExist();
        assertThat(robot.lookup("#keys-save").queryAs(javafx.scene.control.Button.class).isDisabled()).isTrue();

        robot.clickOn("#root-ok");
        robot.clickOn("#keys-save");
        waitFor(() -> !signedIn.isEmpty());
        assertThat(Files.readString(aws.resolve("credentials"))).contains("AKIAROOTROOTROOT0001");
    }

    @Test
    void signingInAgainWithAnEndedConsoleSessionSaysSoAndOffersTheOtherWays(FxRobot robot) throws Exception {
        Files.writeString(aws.resolve("config"), "[profile console]\nlogin_session = arn:aws:iam::1:user/a\n");
        robot.interact(() -> page.load("console", true));

        waitFor(() -> page.problemProperty().get() != null);
        assertThat(page.wayProperty().get()).isEqualTo(SignInWay.CONSOLE);
        assertThat(robot.lookup("#sign-in-problem-what").queryAs(Label.class).getText())
                .isEqualTo("Your console sign-in session has expired");
        assertThat(page.consoleProfiles()).containsExactly("console");
        robot.clickOn("#way-sso");
        assertThat(page.problemProperty().get()).isNull();
    }

    private static void waitFor(BooleanSupplier condition) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, condition::getAsBoolean);
        WaitForAsyncUtils.waitForFxEvents();
    }

}
