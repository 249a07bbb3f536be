package dev.hubwizard.ui.users;

import dev.hubwizard.profile.Profile;
import dev.hubwizard.ui.BackgroundWork;
import dev.hubwizard.ui.Theme;
import dev.hubwizard.ui.Windows;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.time.Clock;
import java.util.function.Function;
import java.util.function.Supplier;

/** Opens a deployed hub's users editor in a window of its own, from the start screen or the finish page. */
public final class UsersWindow {

    private static final double WIDTH = 720;
    private static final double HEIGHT = 480;

    private final Supplier<Window> owner;
    private final Supplier<Theme> theme;
    private final BackgroundWork background;
    private final Function<Profile, UsersEditor.Access> access;
    private final Clock clock;

    /** @param access the hub's users service for a profile (built lazily: it makes AWS clients on first use) */
    public UsersWindow(Supplier<Window> owner, Supplier<Theme> theme, BackgroundWork background,
                       Function<Profile, UsersEditor.Access> access, Clock clock) {
        this.owner = owner;
        this.theme = theme;
        this.background = background;
        this.access = access;
        this.clock = clock;
    }

    /** FX thread. */
    public Stage show(Profile profile) {
        UsersEditor editor = new UsersEditor(profile, access.apply(profile), background, clock);
        UsersEditorView view = new UsersEditorView(editor);
        Stage stage = new Stage();
        Window parent = owner.get();
        if (parent != null) {
            stage.initOwner(parent);
        }
        stage.setTitle("Users — " + profile.name());
        Scene scene = new Scene(view, WIDTH, HEIGHT);
        scene.getStylesheets().setAll(theme.get().stylesheets());
        stage.setScene(scene);
        view.closeButton().setOnAction(e -> stage.close());
        scene.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                stage.close();
            }
        });
        Windows.centreOnOwner(stage);
        stage.show();
        editor.load();
        return stage;
    }
}
