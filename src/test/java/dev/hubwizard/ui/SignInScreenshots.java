package dev.hubwizard.ui;

import dev.hubwizard.aws.signin.AwsFiles;
import dev.hubwizard.aws.signin.AwsSignIn;
import dev.hubwizard.testbed.BrowserStandIn;
import dev.hubwizard.testbed.IdentityCenterStandIn;
import dev.hubwizard.ui.signin.SignInPage;
import dev.hubwizard.ui.signin.SignInView;
import dev.hubwizard.ui.signin.SignInWay;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Pictures of the "Sign in to AWS" page, each way, in both themes, for {@code docs/}: IAM Identity Center
 * (the form, the code for another device, choosing the role, against the Identity Center stand-in on
 * loopback), access keys, a role with MFA, and an expired console sign-in. Run like {@link DocScreenshots}:
 * <pre>
 * xvfb-run -a -s "-screen 0 1600x1200x24" java -cp target/test-classes:target/classes:$(cat target/test.classpath) \
 *     dev.hubwizard.ui.SignInScreenshots [OUT_DIR]
 * </pre>
 */
public final class SignInScreenshots {

    static final String START_URL = "https://d-1234567890.awsapps.com/start";
    static final List<String> SHOTS = List.of("sign-in-sso", "sign-in-sso-code", "sign-in-sso-role", "sign-in-keys",
            "sign-in-mfa", "sign-in-console");

    private SignInScreenshots() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "docs");
        Platform.startup(() -> { });
        Platform.setImplicitExit(false);
        try (IdentityCenterStandIn identityCenter = IdentityCenterStandIn.start(START_URL,
                IdentityCenterStandIn.twoAccounts())) {
            System.setProperty("aws.endpointUrlSsoOidc", identityCenter.endpoint().toString());
            System.setProperty("aws.endpointUrlSso", identityCenter.endpoint().toString());
            for (String shot : SHOTS) {
                for (Theme theme : List.of(Theme.LIGHT, Theme.DARK)) {
                    Path file = out.resolve(shot + (theme == Theme.DARK ? "-dark" : "") + ".png");
                    shoot(shot, theme, identityCenter, file);
                    System.out.println("saved " + file);
                }
            }
        } finally {
            Platform.exit();
        }
        System.exit(0);
    }

    private static void shoot(String shot, Theme theme, IdentityCenterStandIn identityCenter, Path file)
            throws Exception {
        Path aws = Files.createTempDirectory("hubwizard-aws");
        Files.writeString(aws.resolve("config"), """
                [profile alice]
                region = eu-west-1

                [profile console-work]
                login_session = arn:aws:iam::111122223333:user/alice
                region = eu-west-1
                """);
        AwsSignIn signIn = new AwsSignIn(AwsFiles.in(aws), Clock.systemUTC());
        BrowserStandIn browser = new BrowserStandIn();
        identityCenter.person(shot.equals("sign-in-sso-code") ? IdentityCenterStandIn.Person.WALKS_AWAY
                : IdentityCenterStandIn.Person.APPROVES);
        Stage[] stage = new Stage[1];
        SignInPage[] page = new SignInPage[1];
        DocScreenshots.onFx(() -> {
            page[0] = new SignInPage(signIn, BackgroundWork.daemonThreads(), browser::open, name -> { });
            SignInView view = new SignInView(page[0], List.of("us-east-1", "eu-central-1", "eu-west-1"), url -> { },
                    () -> { });
            stage[0] = new Stage();
            Scene scene = new Scene(view, 760, 700);
            theme.applyTo(scene);
            stage[0].setScene(scene);
            stage[0].show();
            page[0].load(shot.equals("sign-in-console") ? "console-work" : "hub-admin",
                    shot.equals("sign-in-console"));
            return null;
        });
        SignInPage p = page[0];
        waitFor(() -> !p.busyProperty().get());
        DocScreenshots.onFx(() -> {
            switch (shot) {
                case "sign-in-keys" -> {
                    p.wayProperty().set(SignInWay.KEYS);
                    p.keyIdProperty().set("AKIAIOSFODNN7EXAMPLE");
                    p.secretProperty().set("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
                    p.regionProperty().set("eu-west-1");
                }
                case "sign-in-mfa" -> {
                    p.wayProperty().set(SignInWay.MFA_ROLE);
                    p.roleArnProperty().set("arn:aws:iam::111122223333:role/HubAdmin");
                    p.sourceProfileProperty().set("alice");
                    p.mfaSerialProperty().set("arn:aws:iam::111122223333:mfa/alice");
                }
                case "sign-in-console" -> { }
                default -> {
                    p.startUrlProperty().set(START_URL);
                    p.ssoRegionProperty().set("eu-central-1");
                    if (shot.equals("sign-in-sso-code")) {
                        p.signInWithCode();
                    } else if (shot.equals("sign-in-sso-role")) {
                        p.signInWithBrowser();
                    }
                }
            }
            return null;
        });
        if (shot.equals("sign-in-sso-code")) {
            waitFor(() -> !p.deviceCodeProperty().get().isEmpty());
        } else if (shot.equals("sign-in-sso-role")) {
            waitFor(() -> p.stageProperty().get() == SignInPage.Stage.CHOOSE_ROLE && !p.busyProperty().get());
            DocScreenshots.onFx(() -> {
                p.accountProperty().set(p.accounts().get(0));
                return null;
            });
            waitFor(() -> !p.roles().isEmpty() && !p.busyProperty().get());
            DocScreenshots.onFx(() -> {
                p.roleProperty().set("AdministratorAccess");
                p.regionProperty().set("eu-west-1");
                return null;
            });
        }
        DocScreenshots.settle();
        DocScreenshots.onFx(() -> {
            stage[0].getScene().getRoot().requestFocus();
            return null;
        });
        DocScreenshots.settle();
        DocScreenshots.write(DocScreenshots.onFx(() -> stage[0].getScene().snapshot(null)), file);
        DocScreenshots.onFx(() -> {
            p.cancel();
            stage[0].close();
            return null;
        });
        signIn.close();
    }

    private static void waitFor(BooleanSupplier condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!DocScreenshots.onFx(condition::getAsBoolean)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the sign-in page did not get there in 30 s");
            }
            Thread.sleep(100);
        }
    }
}
