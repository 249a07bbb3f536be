package dev.hubwizard.ui.hublog;

import dev.hubwizard.operate.HubLog;
import dev.hubwizard.ui.BackgroundWork;
import dev.hubwizard.ui.Theme;
import dev.hubwizard.ui.Windows;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.Duration;

import java.util.function.Supplier;

/** A window with a deployed hub's own log (its CloudWatch stream), following it while open. */
public final class HubLogWindow {

    /** How often a followed log asks CloudWatch for new lines: one cheap call. */
    static final Duration FOLLOW_EVERY = Duration.seconds(5);

    private final Supplier<Window> owner;
    private final Supplier<Theme> theme;
    private final BackgroundWork background;

    public HubLogWindow(Supplier<Window> owner, Supplier<Theme> theme, BackgroundWork background) {
        this.owner = owner;
        this.theme = theme;
        this.background = background;
    }

    /** Opens the window on the hub's log; lines appear once read. FX thread. */
    public Stage show(String hubName, HubLog logs) {
        HubLogViewModel model = new HubLogViewModel(logs, background);
        HubLogView view = new HubLogView(model);
        Stage stage = new Stage();
        Window parent = owner.get();
        if (parent != null) {
            stage.initOwner(parent);
        }
        stage.setTitle("Hub log — " + hubName);
        Scene scene = new Scene(view, 960, 600);
        scene.getStylesheets().setAll(theme.get().stylesheets());
        stage.setScene(scene);
        view.closeButton().setOnAction(e -> stage.close());
        Timeline following = new Timeline(new KeyFrame(FOLLOW_EVERY, e -> model.poll()));
        following.setCycleCount(Animation.INDEFINITE);
        stage.setOnShown(e -> following.play());
        stage.setOnHidden(e -> following.stop());
        Windows.centreOnOwner(stage);
        stage.show();
        model.load();
        return stage;
    }
}
