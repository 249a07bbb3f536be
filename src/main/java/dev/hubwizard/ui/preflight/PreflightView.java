package dev.hubwizard.ui.preflight;

import dev.hubwizard.deploy.Check;
import dev.hubwizard.deploy.PreflightReport;
import dev.hubwizard.engine.Problem;
import javafx.beans.property.ObjectProperty;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.function.Consumer;

/**
 * The preflight checks, one row each: a green, amber or red mark, what was found, and the fix, with a
 * link to the setting that fixes it where one does. The text wraps and keeps its whole height, however
 * narrow the window: what to do is never cut off.
 */
public final class PreflightView extends VBox {

    private final GridPane rows = new GridPane();
    private final Consumer<String> openSetting;

    private final Runnable signIn;

    /**
     * @param signIn      opens the sign-in page, offered on a check whose remedy is signing in; null: not offered
     * @param openSetting shows the settings page at the field with this profile key
     */
    public PreflightView(String description, ObjectProperty<PreflightReport> report, Runnable signIn,
                         Consumer<String> openSetting) {
        super(14);
        this.signIn = signIn;
        this.openSetting = openSetting;
        getStyleClass().addAll("page", "preflight");
        Label intro = wrapping(description, "page-description");
        rows.setId("checks");
        rows.getStyleClass().add("checks");
        rows.setHgap(12);
        rows.setVgap(10);
        ColumnConstraints mark = new ColumnConstraints();
        ColumnConstraints name = new ColumnConstraints();
        name.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints text = new ColumnConstraints();
        text.setHgrow(Priority.ALWAYS);
        text.setFillWidth(true);
        rows.getColumnConstraints().addAll(mark, name, text);
        Label waiting = new Label("Checking…");
        waiting.getStyleClass().add("progress-text");
        waiting.visibleProperty().bind(report.isNull());
        waiting.managedProperty().bind(report.isNull());
        getChildren().addAll(intro, waiting, rows);
        report.addListener((obs, old, now) -> show(now));
        show(report.get());
    }

    private static Label wrapping(String text, String styleClass) {
        Label label = new Label(text);
        label.getStyleClass().add(styleClass);
        label.setWrapText(true);
        label.setMinHeight(Region.USE_PREF_SIZE);
        return label;
    }

    private void show(PreflightReport report) {
        rows.getChildren().clear();
        if (report == null) {
            return;
        }
        int row = 0;
        for (Check check : report.checks()) {
            Region mark = new Region();
            mark.getStyleClass().addAll("check-mark", "check-" + check.status().name().toLowerCase());
            Label name = new Label(check.name());
            name.getStyleClass().add("check-name");
            name.setMinWidth(Region.USE_PREF_SIZE);
            VBox text = new VBox(2, wrapping(check.summary(), "check-summary"));
            if (!check.fix().isBlank()) {
                text.getChildren().add(wrapping(check.fix(), "check-fix"));
            }
            if (!check.setting().isEmpty()) {
                Hyperlink fix = new Hyperlink("Change it on the Settings page");
                fix.setId("fix-" + check.setting().replace('.', '-'));
                fix.getStyleClass().add("check-link");
                fix.setOnAction(e -> openSetting.accept(check.setting()));
                text.getChildren().add(fix);
            }
            if (signIn != null && check.remedy() == Problem.Remedy.SIGN_IN) {
                Button button = new Button("Sign in to AWS…");
                button.setId("preflight-sign-in");
                button.getStyleClass().add("accent");
                button.setAccessibleHelp("Sign in with IAM Identity Center or access keys, then check again");
                button.setOnAction(e -> signIn.run());
                text.getChildren().add(button);
            }
            text.setMinWidth(0);
            GridPane.setHgrow(text, Priority.ALWAYS);
            GridPane.setValignment(mark, VPos.TOP);
            GridPane.setValignment(name, VPos.TOP);
            mark.setAccessibleText(check.name() + ": " + check.status().name().toLowerCase());
            rows.addRow(row++, mark, name, text);
        }
        rows.setAlignment(Pos.TOP_LEFT);
    }
}
