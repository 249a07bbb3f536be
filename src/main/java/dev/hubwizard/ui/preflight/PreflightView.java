package dev.hubwizard.ui.preflight;

import dev.hubwizard.deploy.Check;
import dev.hubwizard.deploy.PreflightReport;
import dev.hubwizard.engine.Problem;
import javafx.beans.property.ObjectProperty;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The preflight checks, one row each: a green, amber or red mark, what was found, and the fix. */
public final class PreflightView extends VBox {

    private final GridPane rows = new GridPane();

    private final Runnable signIn;

    public PreflightView(String description, ObjectProperty<PreflightReport> report) {
        this(description, report, null);
    }

    /** @param signIn opens the sign-in page, offered on a check whose remedy is signing in; null: not offered */
    public PreflightView(String description, ObjectProperty<PreflightReport> report, Runnable signIn) {
        super(14);
        this.signIn = signIn;
        getStyleClass().addAll("page", "preflight");
        Label intro = new Label(description);
        intro.getStyleClass().add("page-description");
        intro.setWrapText(true);
        rows.setId("checks");
        rows.getStyleClass().add("checks");
        rows.setHgap(12);
        rows.setVgap(10);
        Label waiting = new Label("Checking…");
        waiting.getStyleClass().add("progress-text");
        waiting.visibleProperty().bind(report.isNull());
        waiting.managedProperty().bind(report.isNull());
        getChildren().addAll(intro, waiting, rows);
        report.addListener((obs, old, now) -> show(now));
        show(report.get());
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
            Label summary = new Label(check.summary());
            summary.getStyleClass().add("check-summary");
            summary.setWrapText(true);
            VBox text = new VBox(2, summary);
            if (!check.fix().isBlank()) {
                Label fix = new Label(check.fix());
                fix.getStyleClass().add("check-fix");
                fix.setWrapText(true);
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
            GridPane.setHgrow(text, Priority.ALWAYS);
            GridPane.setValignment(mark, javafx.geometry.VPos.TOP);
            GridPane.setValignment(name, javafx.geometry.VPos.TOP);
            mark.setAccessibleText(check.name() + ": " + check.status().name().toLowerCase());
            rows.addRow(row++, mark, name, text);
        }
        rows.setAlignment(Pos.TOP_LEFT);
    }
}
