package dev.hubwizard.ui.localtest;

import dev.hubwizard.deploy.LocalTestCheck;
import dev.hubwizard.ui.wizard.PageModel;
import dev.hubwizard.ui.wizard.StepPageView;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.VPos;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.net.URI;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The local test: the four checks, each with a mark, what it showed and how long it took (a failed one
 * says what went wrong; the problem panel above names it with the hub's log lines); once all passed, a link that opens
 * the hub in the browser, and "Looks good" to go on (the container is then stopped and removed) or
 * "Something is wrong" to stop here.
 */
public final class LocalTestView extends VBox {

    public LocalTestView(PageModel page, ObservableList<LocalTestCheck> checks, ObjectProperty<URI> waitingAt,
                         Runnable looksGood, Runnable reject, Consumer<String> openUrl) {
        super(14);
        getStyleClass().add("page");
        GridPane rows = new GridPane();
        rows.setId("local-checks");
        rows.getStyleClass().addAll("checks", "local-checks");
        rows.setHgap(12);
        rows.setVgap(8);
        BooleanProperty failed = new SimpleBooleanProperty();
        checks.addListener((ListChangeListener<LocalTestCheck>) change -> show(rows, checks, failed));
        show(rows, checks, failed);
        // Once a check failed, the problem above says which and quotes the hub's log; once all passed, the
        // verdict is what is left to do: either way the description and the bar make room.
        StepPageView progress = new StepPageView(page);
        progress.setId("local-test-progress");
        progress.visibleProperty().bind(failed.not().and(waitingAt.isNull()));
        progress.managedProperty().bind(progress.visibleProperty());

        Hyperlink link = new Hyperlink();
        link.setId("local-hub-link");
        link.getStyleClass().add("hub-link");
        link.setOnAction(e -> openUrl.accept(link.getText()));
        Label hint = new Label("Sign in as an admin with a new password (the first sign-in sets it), look around, "
                + "then say how it went.");
        hint.getStyleClass().add("page-description");
        hint.setWrapText(true);
        Button good = new Button("Looks good");
        good.setId("looks-good");
        good.getStyleClass().add("primary");
        good.setAccessibleHelp("The local hub works: stop it and go on");
        good.setOnAction(e -> looksGood.run());
        Button bad = new Button("Something is wrong");
        bad.setId("looks-wrong");
        bad.setAccessibleHelp("Stop the local hub and the deploy here");
        bad.setOnAction(e -> reject.run());
        VBox ready = new VBox(10, new Label("Every check passed. The hub still runs on this computer:"), link, hint,
                new HBox(8, good, bad));
        ready.getStyleClass().add("ready-box");
        ready.visibleProperty().bind(waitingAt.isNotNull());
        ready.managedProperty().bind(waitingAt.isNotNull());
        waitingAt.addListener((obs, old, now) -> link.setText(now == null ? "" : now.toString()));
        getChildren().addAll(progress, rows, ready);
    }

    private static void show(GridPane rows, ObservableList<LocalTestCheck> checks, BooleanProperty failed) {
        failed.set(checks.stream().anyMatch(c -> c.status() == LocalTestCheck.Status.FAILED));
        rows.getChildren().clear();
        int row = 0;
        for (LocalTestCheck check : checks) {
            String status = check.status().name().toLowerCase(Locale.ROOT);
            Region mark = new Region();
            mark.getStyleClass().addAll("check-mark", "check-" + (check.status() == LocalTestCheck.Status.PASSED
                    ? "ok" : status));
            mark.setAccessibleText(check.check().label() + ": " + status);
            Label name = new Label(check.check().label());
            name.getStyleClass().addAll("check-name", "check-name-" + status);
            name.setMinWidth(Region.USE_PREF_SIZE);
            Label detail = new Label(detail(check));
            detail.setId("check-" + check.check().name().toLowerCase(Locale.ROOT).replace('_', '-'));
            detail.getStyleClass().add(check.status() == LocalTestCheck.Status.FAILED ? "check-fix" : "check-summary");
            detail.setWrapText(true);
            Label time = new Label(time(check));
            time.getStyleClass().add("elapsed");
            time.setMinWidth(Region.USE_PREF_SIZE);
            GridPane.setHgrow(detail, Priority.ALWAYS);
            for (var cell : new Region[] {mark, name, detail, time}) {
                GridPane.setValignment(cell, VPos.TOP);
            }
            rows.addRow(row++, mark, name, detail, time);
        }
    }

    private static String detail(LocalTestCheck check) {
        return switch (check.status()) {
            case WAITING -> check.check().proves();
            case RUNNING -> "checking that " + check.check().proves() + "…";
            case PASSED, FAILED -> check.detail();
        };
    }

    /** "0.4 s · at 3.1 s": the check's own time, and since docker run. */
    private static String time(LocalTestCheck check) {
        return check.status() == LocalTestCheck.Status.PASSED
                ? seconds(check.took()) + " · at " + seconds(check.sinceStart()) : "";
    }

    private static String seconds(java.time.Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }
}
