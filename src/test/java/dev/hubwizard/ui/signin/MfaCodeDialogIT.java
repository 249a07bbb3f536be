package dev.hubwizard.ui.signin;

import dev.hubwizard.aws.AwsClients;
import dev.hubwizard.aws.AwsIdentity;
import dev.hubwizard.aws.CallerIdentity;
import dev.hubwizard.engine.ProblemException;
import dev.hubwizard.profile.AwsTarget;
import dev.hubwizard.testbed.MotoServer;
import dev.hubwizard.testbed.SignInHome;
import dev.hubwizard.testbed.SignInTestBed;
import dev.hubwizard.testbed.StrictSts;
import dev.hubwizard.ui.JavaFxDialogs;
import dev.hubwizard.ui.ShownDialogs;
import dev.hubwizard.ui.Theme;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.DialogPane;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.VirtualMFADevice;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A profile that assumes a role protected by MFA, as AWS's docs set it up (role_arn, source_profile,
 * mfa_serial): Hub Wizard asks for the code in a dialog when AWS needs it, asks again when AWS refuses a
 * code, and the role's credentials come from moto's STS AssumeRole with the serial number and code (moto
 * checks neither: {@link StrictSts} plays AWS's MFA check with the virtual device's TOTP secret).
 */
@ExtendWith(ApplicationExtension.class)
class MfaCodeDialogIT {

    private static SignInTestBed bed;
    private static StrictSts sts;
    private static AccessKey aliceKey;
    private static VirtualMFADevice device;
    private static String roleArn;

    private Stage stage;

    @BeforeAll
    static void account() throws Exception {
        bed = SignInTestBed.start();
        sts = bed.sts();
        aliceKey = bed.userKey("alice");
        try (IamClient iam = bed.iam()) {
            String suffix = Long.toString(System.nanoTime());
            device = iam.createVirtualMFADevice(r -> r.virtualMFADeviceName("alice-" + suffix)).virtualMFADevice();
            roleArn = iam.createRole(r -> r.roleName("HubAdmin-" + suffix).assumeRolePolicyDocument("""
                    {"Version":"2012-10-17","Statement":[{"Effect":"Allow",
                     "Principal":{"AWS":"arn:aws:iam::%s:root"},"Action":"sts:AssumeRole",
                     "Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}]}""".formatted(MotoServer.ACCOUNT)))
                    .role().arn();
        }
        sts.requireMfa(roleArn, device.serialNumber(), seed());
    }

    @AfterAll
    static void stop() {
        bed.close();
    }

    @BeforeEach
    void profiles() throws Exception {
        Path home = SignInHome.fresh();
        Files.writeString(home.resolve(".aws/credentials"), "[alice]\naws_access_key_id = " + aliceKey.accessKeyId()
                + "\naws_secret_access_key = " + aliceKey.secretAccessKey() + "\n");
        Files.writeString(home.resolve(".aws/config"), "[profile alice]\nregion = us-east-1\n\n[profile hub-admin]\n"
                + "role_arn = " + roleArn + "\nsource_profile = alice\nmfa_serial = " + device.serialNumber()
                + "\nregion = us-east-1\n");
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        stage.setScene(new Scene(new StackPane(), 600, 400));
        stage.show();
    }

    @Test
    void theCodeIsAskedForInADialogAndAskedAgainWhenAwsRefusesIt(FxRobot robot) throws Exception {
        CompletableFuture<CallerIdentity> identity = whoAmI();

        typeCode(robot, wrongCode());
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup("#dialog").queryAllAs(DialogPane.class)
                .stream().anyMatch(d -> d.getScene().getWindow().isShowing()
                        && d.getHeaderText().startsWith("AWS did not accept that code")));
        typeCode(robot, StrictSts.currentCode(seed()));

        CallerIdentity who = identity.get(30, TimeUnit.SECONDS);
        assertThat(who.arn()).contains(":assumed-role/" + roleArn.substring(roleArn.indexOf('/') + 1) + "/");
        assertThat(sts.assumeRoles()).last().asString().contains("serial=" + device.serialNumber())
                .containsPattern("code=\\d{6}");
    }

    @Test
    void cancellingTheDialogExplainsThatAwsNeedsTheCode(FxRobot robot) throws Exception {
        CompletableFuture<CallerIdentity> identity = whoAmI();

        robot.clickOn(showing(robot, "#dialog-cancel"));

        assertThat(identity).failsWithin(30, TimeUnit.SECONDS).withThrowableOfType(Exception.class)
                .satisfies(e -> {
                    assertThat(e.getCause()).isInstanceOf(ProblemException.class);
                    assertThat(((ProblemException) e.getCause()).problem().what())
                            .isEqualTo("AWS needs the code from your MFA device");
                });
    }

    private CompletableFuture<CallerIdentity> whoAmI() {
        DialogMfaCodePrompt prompt = new DialogMfaCodePrompt(new JavaFxDialogs(() -> stage, () -> Theme.LIGHT),
                Platform::runLater);
        return CompletableFuture.supplyAsync(() -> {
            try (AwsClients aws = new AwsClients(new AwsTarget("hub-admin", "us-east-1"), prompt)) {
                return new AwsIdentity(aws).whoAmI();
            } catch (ProblemException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
    }

    private static void typeCode(FxRobot robot, String code) throws Exception {
        robot.clickOn(showing(robot, "#dialog-name")).write(code);
        robot.clickOn(showing(robot, "#dialog-confirm"));
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The node of the dialog showing now, in its place on the screen. */
    private static javafx.scene.Node showing(FxRobot robot, String query) throws Exception {
        return ShownDialogs.showing(robot, query, 20);
    }

    /** A code the device does not show now, nor a step before or after. */
    private static String wrongCode() {
        String now = StrictSts.currentCode(seed());
        for (String candidate : Set.of("123456", "654321", "111111")) {
            if (!candidate.equals(now)) {
                return candidate;
            }
        }
        throw new IllegalStateException();
    }

    private static String seed() {
        return new String(device.base32StringSeed().asByteArray(), StandardCharsets.US_ASCII);
    }
}
