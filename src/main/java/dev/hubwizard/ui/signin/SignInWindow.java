package dev.hubwizard.ui.signin;

import dev.hubwizard.aws.signin.AwsSignIn;
import dev.hubwizard.ui.BackgroundWork;
import dev.hubwizard.ui.Theme;
import javafx.scene.Scene;
import javafx.scene.control.ScrollPane;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The sign-in page in a window of its own over the app's, in the app's theme. "Sign in again" first tries
 * to renew the profile's sign-in without asking (an SSO refresh token); the window opens only when the
 * person is needed.
 */
public final class SignInWindow implements SignInLauncher {

    private final Supplier<Window> owner;
    private final Supplier<Theme> theme;
    private final Supplier<AwsSignIn> signIns;
    private final BackgroundWork background;
    private final Consumer<String> openUrl;
    private final Supplier<List<String>> regions;

    /**
     * @param signIns makes the sign-in service for one window (closed with it)
     * @param regions the region ids to offer
     */
    public SignInWindow(Supplier<Window> owner, Supplier<Theme> theme, Supplier<AwsSignIn> signIns,
                        BackgroundWork background, Consumer<String> openUrl, Supplier<List<String>> regions) {
        this.owner = owner;
        this.theme = theme;
        this.signIns = signIns;
        this.background = background;
        this.openUrl = openUrl;
        this.regions = regions;
    }

    @Override
    public void open(String profileName, boolean again, Consumer<String> signedIn) {
        if (!again || profileName == null || profileName.isBlank()) {
            show(profileName, again, signedIn);
            return;
        }
        background.run(() -> {
            try (AwsSignIn signIn = signIns.get()) {
                return signIn.renew(profileName);
            }
        }, renewed -> {
            if (renewed) {
                signedIn.accept(profileName);
            } else {
                show(profileName, true, signedIn);
            }
        }, failure -> show(profileName, true, signedIn));
    }

    private void show(String profileName, boolean again, Consumer<String> signedIn) {
        Stage stage = new Stage();
        Window parent = owner.get();
        if (parent != null) {
            stage.initOwner(parent);
            stage.initModality(Modality.WINDOW_MODAL);
        }
        stage.setTitle("Sign in to AWS");
        AwsSignIn signIn = signIns.get();
        String[] done = new String[1];
        SignInPage page = new SignInPage(signIn, background, uri -> {
            openUrl.accept(uri.toString());
            return true;
        }, name -> {
            done[0] = name;
            stage.close();
        });
        SignInView view = new SignInView(page, regions.get(), openUrl, stage::close);
        ScrollPane scroll = new ScrollPane(view);
        scroll.setFitToWidth(true);
        Scene scene = new Scene(scroll, 720, 660);
        scene.getStylesheets().setAll(theme.get().stylesheets());
        stage.setScene(scene);
        stage.setOnHidden(e -> {
            page.cancel();
            signIn.close();
            if (done[0] != null) {
                signedIn.accept(done[0]);
            }
        });
        page.load(profileName, again);
        stage.show();
    }
}
