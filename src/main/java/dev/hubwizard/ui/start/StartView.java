package dev.hubwizard.ui.start;

import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.text.TextAlignment;
import javafx.util.Duration;

import java.util.function.Function;

/**
 * The start screen's layout: the saved hubs in a table, the actions above it, a card for each hub
 * whose deploy stopped half-way (what it left in AWS and what it costs, Resume, Tear down), the files
 * that could not be read below it, and a friendly first step when there are no hubs yet. Layout and
 * bindings only; {@link StartViewModel} decides.
 */
public final class StartView extends BorderPane {

    private static final PseudoClass BROKEN = PseudoClass.getPseudoClass("broken");
    /** How often the hubs' live states are asked for: a few cheap AWS reads per hub. */
    static final Duration REFRESH_EVERY = Duration.seconds(30);

    private final StartViewModel model;
    private final TableView<HubRow> table = new TableView<>();

    /** @param themeSwitch the control that switches between light and dark, shown in the header */
    public StartView(StartViewModel model, Node themeSwitch) {
        this.model = model;
        getStyleClass().add("start");
        setId("start-view");
        // Children in the order Tab should visit them: the list and its actions, then the theme switch.
        setCenter(content());
        setTop(header(themeSwitch));
        setBottom(statusBar());
        refreshWhileShown();
    }

    /** Asks AWS again every half minute while the start screen is on screen, never while it is not. */
    private void refreshWhileShown() {
        Timeline every = new Timeline(new KeyFrame(REFRESH_EVERY, e -> model.refreshLive()));
        every.setCycleCount(Animation.INDEFINITE);
        sceneProperty().addListener((obs, old, scene) -> {
            if (scene == null) {
                every.stop();
            } else {
                every.play();
            }
        });
    }

    private Node header(Node themeSwitch) {
        Label brand = new Label("Hub Wizard");
        brand.getStyleClass().add("brand");
        Label tagline = new Label("JupyterHub on AWS Fargate");
        tagline.getStyleClass().add("tagline");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(12, brand, tagline, spacer, themeSwitch);
        header.setAlignment(Pos.BASELINE_LEFT);
        header.getStyleClass().add("start-header");
        return header;
    }

    private Node content() {
        Label title = new Label("Your hubs");
        title.getStyleClass().add("page-title");
        Label description = new Label("Each hub is one JupyterHub on AWS with its own settings. Open a hub to change"
                + " its settings or to deploy it.");
        description.getStyleClass().add("page-description");
        description.setWrapText(true);

        configureTable();
        VBox.setVgrow(table, Priority.ALWAYS);
        VBox page = new VBox(12, title, description, toolbar(), listProblem(), interruptedHubs(), table,
                brokenFiles());
        page.getStyleClass().add("page-area");
        return page;
    }

    private Node toolbar() {
        Button create = button("new", "New hub…", "Create a new hub and open its settings");
        create.setOnAction(e -> model.newHub());
        Button open = button("open", "Open", "Open the selected hub's settings and deploy steps");
        open.setDefaultButton(true);
        open.disableProperty().bind(model.canOpenProperty().not());
        open.setOnAction(e -> model.open());
        Button duplicate = button("duplicate", "Duplicate…", "Copy the selected hub's settings under a new name");
        duplicate.disableProperty().bind(model.canDuplicateProperty().not());
        duplicate.setOnAction(e -> model.duplicate());
        Button delete = button("delete", "Delete…", "Delete the selected hub's profile");
        delete.disableProperty().bind(model.canDeleteProperty().not());
        delete.setOnAction(e -> model.delete());
        Button deploy = button("deploy", "Deploy…", "Build, test and deploy the selected hub, which has nothing in AWS");
        deploy.disableProperty().bind(model.canDeployProperty().not());
        deploy.setOnAction(e -> model.deploy());
        Button redeploy = button("redeploy", "Redeploy…", "Deploy the selected hub again with its current settings");
        redeploy.disableProperty().bind(model.canRedeployProperty().not());
        redeploy.setOnAction(e -> model.redeploy());
        Button tearDown = button("tear-down", "Tear down…", "Remove the AWS resources the selected hub created");
        tearDown.getStyleClass().add("danger");
        tearDown.disableProperty().bind(model.canTearDownProperty().not());
        tearDown.setOnAction(e -> model.tearDown());
        Button pause = button("pause", "Pause…", "Stop the selected hub's task until resumed: Fargate stops billing"
                + " for it");
        pause.disableProperty().bind(model.canPauseProperty().not());
        pause.setOnAction(e -> model.pause());
        Button resume = button("resume", "Resume", "Start the selected paused hub again and wait until it answers");
        resume.disableProperty().bind(model.canResumeProperty().not());
        resume.setOnAction(e -> model.resume());
        Button logs = button("logs", "Logs", "Show the selected hub's own log, as it writes it in AWS");
        logs.disableProperty().bind(model.canShowLogsProperty().not());
        logs.setOnAction(e -> model.showLogs());
        Button users = button("users", "Users…", "Change who may sign in to the selected hub while it runs");
        users.disableProperty().bind(model.canRedeployProperty().not());
        users.setOnAction(e -> model.editUsers());
        Button reload = button("reload", "Reload", "Read the profiles folder again and ask AWS where each hub stands");
        reload.disableProperty().bind(model.loadingProperty());
        reload.setOnAction(e -> model.reload());
        // Three groups that wrap onto a second line in a narrow window rather than push the page wider.
        HBox profiles = new HBox(8, create, open, duplicate, delete);
        HBox aws = new HBox(8, deploy, redeploy, tearDown);
        HBox dayTwo = new HBox(8, pause, resume, logs, users, reload);
        FlowPane bar = new FlowPane(16, 8, profiles, aws, dayTwo);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("start-toolbar");
        return bar;
    }

    private void configureTable() {
        table.setId("hub-table");
        table.setAccessibleText("Your hubs");
        table.setItems(model.rows());
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(column("Name", HubRow::name, 125, "hub-name"));
        table.getColumns().add(column("Region", HubRow::region, 100, null));
        TableColumn<HubRow, HubRow> state = rowColumn("State", 225);
        state.setCellFactory(c -> new StateCell());
        table.getColumns().add(state);
        TableColumn<HubRow, HubRow> deployed = rowColumn("Deployed", 100);
        deployed.setCellFactory(c -> new DeployedCell());
        table.getColumns().add(deployed);
        table.getColumns().add(column("Per month", HubRow::cost, 90, "hub-cost"));
        TableColumn<HubRow, HubRow> spent = rowColumn("This month", 120);
        spent.setCellFactory(c -> new SpentCell());
        table.getColumns().add(spent);
        TableColumn<HubRow, HubRow> url = rowColumn("URL", 240);
        url.setCellFactory(c -> new UrlCell());
        table.getColumns().add(url);
        table.setPlaceholder(placeholder());

        table.setRowFactory(t -> {
            TableRow<HubRow> row = new TableRow<>() {
                @Override
                protected void updateItem(HubRow item, boolean empty) {
                    super.updateItem(item, empty);
                    pseudoClassStateChanged(BROKEN, !empty && item != null && item.isBroken());
                }
            };
            row.setOnMouseClicked(e -> {
                if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && !row.isEmpty()) {
                    model.open();
                }
            });
            return row;
        });
        table.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.DELETE) {
                model.delete();
            }
        });
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null) {
                model.selectedProperty().set(now);
            }
        });
        model.selectedProperty().addListener((obs, old, now) -> {
            if (now == null) {
                table.getSelectionModel().clearSelection();
            } else if (now != table.getSelectionModel().getSelectedItem()) {
                table.getSelectionModel().select(now);
            }
        });
    }

    private Node placeholder() {
        Label loading = new Label("Reading your hubs…");
        loading.getStyleClass().add("page-description");
        loading.visibleProperty().bind(model.loadingProperty());

        Label headline = new Label("No hubs yet — create your first");
        headline.getStyleClass().add("empty-headline");
        Label explanation = new Label("A hub is one JupyterHub for your team, running on AWS Fargate. Hub Wizard asks"
                + " a few questions, then builds, tests and deploys it step by step.");
        explanation.getStyleClass().add("page-description");
        explanation.setWrapText(true);
        explanation.setMaxWidth(440);
        explanation.setAlignment(Pos.CENTER);
        explanation.setTextAlignment(TextAlignment.CENTER);
        Button create = button("empty-new", "Create your first hub…", "Create a new hub and open its settings");
        create.getStyleClass().addAll("accent", "big");
        create.setOnAction(e -> model.newHub());
        VBox empty = new VBox(14, headline, explanation, create);
        empty.setAlignment(Pos.CENTER);
        empty.setId("empty-state");
        empty.visibleProperty().bind(model.loadingProperty().not());
        return new StackPane(loading, empty);
    }

    private Node listProblem() {
        Label problem = new Label();
        problem.setId("list-problem");
        problem.getStyleClass().add("problem-card");
        problem.setWrapText(true);
        problem.textProperty().bind(model.listProblemProperty());
        problem.managedProperty().bind(problem.textProperty().isNotEmpty());
        problem.visibleProperty().bind(problem.managedProperty());
        problem.setMaxWidth(Double.MAX_VALUE);
        return problem;
    }

    /** One card per hub whose deploy stopped half-way: what it left in AWS, what that costs, and what to do. */
    private Node interruptedHubs() {
        VBox box = new VBox(8);
        box.setId("interrupted-hubs");
        Runnable refresh = () -> {
            box.getChildren().clear();
            for (HubRow row : model.interruptedRows()) {
                Label what = new Label(row.name() + " — Interrupted: " + row.inAws());
                what.getStyleClass().add("notice-title");
                what.setWrapText(true);
                what.setMinHeight(Region.USE_PREF_SIZE);
                Label why = new Label("Its last deploy stopped before the hub ran: the app was closed, the deploy"
                        + " was cancelled, or a step failed. What it created keeps running, and costing, until you"
                        + " resume the deploy or tear the hub down.");
                why.getStyleClass().add("notice-body");
                why.setWrapText(true);
                why.setMinHeight(Region.USE_PREF_SIZE);
                Button resume = button("resume-" + row.name(), "Resume", "Finish the deploy: it reuses what exists");
                resume.getStyleClass().add("accent");
                resume.setOnAction(e -> model.resume(row));
                Button tearDown = button("tear-down-" + row.name(), "Tear down…",
                        "Remove what the stopped deploy created");
                tearDown.setOnAction(e -> model.tearDown(row));
                Region spacer = new Region();
                HBox.setHgrow(spacer, Priority.ALWAYS);
                HBox buttons = new HBox(8, spacer, tearDown, resume);
                VBox card = new VBox(4, what, why, buttons);
                card.getStyleClass().add("notice-panel");
                card.setAccessibleText(what.getText() + ". " + why.getText());
                box.getChildren().add(card);
            }
        };
        model.interruptedRows().addListener((ListChangeListener<HubRow>) c -> refresh.run());
        refresh.run();
        box.managedProperty().bind(Bindings.isNotEmpty(model.interruptedRows()));
        box.visibleProperty().bind(box.managedProperty());
        return box;
    }

    /** One card per file that could not be read: what is wrong, each mistake with its line, what to do. */
    private Node brokenFiles() {
        VBox box = new VBox(8);
        box.setId("broken-files");
        Runnable refresh = () -> {
            box.getChildren().clear();
            for (HubRow row : model.brokenRows()) {
                Label what = new Label(row.problem());
                what.getStyleClass().add("problem-title");
                what.setWrapText(true);
                VBox card = new VBox(4, what);
                for (String mistake : row.mistakes()) {
                    Label line = new Label("•  " + mistake);
                    line.getStyleClass().add("problem-text");
                    line.setWrapText(true);
                    card.getChildren().add(line);
                }
                Label fix = new Label(row.fix());
                fix.getStyleClass().add("problem-fix");
                fix.setWrapText(true);
                card.getChildren().add(fix);
                card.getStyleClass().add("problem-card");
                card.setAccessibleText(row.problem() + ". " + String.join(". ", row.mistakes()) + ". " + row.fix());
                box.getChildren().add(card);
            }
        };
        model.brokenRows().addListener((ListChangeListener<HubRow>) c -> refresh.run());
        refresh.run();
        box.managedProperty().bind(Bindings.isNotEmpty(model.brokenRows()));
        box.visibleProperty().bind(box.managedProperty());
        return box;
    }

    private Node statusBar() {
        Label status = new Label();
        status.setId("status");
        status.textProperty().bind(model.statusProperty());
        Label usersPickedUp = new Label();
        usersPickedUp.setId("users-picked-up");
        usersPickedUp.textProperty().bind(model.usersPickedUpProperty());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox bar = new HBox(status, gap, usersPickedUp);
        bar.getStyleClass().add("status-bar");
        return bar;
    }

    private static Button button(String id, String text, String help) {
        Button button = new Button(text);
        button.setId(id);
        button.setTooltip(new Tooltip(help));
        button.setAccessibleHelp(help);
        button.setMinWidth(Region.USE_PREF_SIZE);
        return button;
    }

    private static TableColumn<HubRow, String> column(String title, Function<HubRow, String> value, double width,
                                                      String styleClass) {
        TableColumn<HubRow, String> column = new TableColumn<>(title);
        column.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue())));
        column.setPrefWidth(width);
        if (styleClass != null) {
            column.getStyleClass().add(styleClass);
        }
        return column;
    }

    private static TableColumn<HubRow, HubRow> rowColumn(String title, double width) {
        TableColumn<HubRow, HubRow> column = new TableColumn<>(title);
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        column.setPrefWidth(width);
        return column;
    }

    private static final class StateCell extends TableCell<HubRow, HubRow> {
        private final Label label = new Label();

        @Override
        protected void updateItem(HubRow row, boolean empty) {
            super.updateItem(row, empty);
            if (empty || row == null) {
                setGraphic(null);
                setTooltip(null);
                return;
            }
            label.setText(row.shownState());
            label.getStyleClass().setAll("label", "hub-state", "state-" + row.shownStyleName());
            Tooltip detail = new Tooltip(row.shownDetail());
            detail.setWrapText(true);
            detail.setMaxWidth(480);
            setTooltip(detail);
            label.setAccessibleText(row.shownState() + ". " + row.shownDetail());
            setGraphic(label);
        }
    }

    /** What AWS billed this month, with what it means (or how to have it counted) in the tooltip. */
    private static final class SpentCell extends TableCell<HubRow, HubRow> {
        @Override
        protected void updateItem(HubRow row, boolean empty) {
            super.updateItem(row, empty);
            boolean known = !empty && row != null && row.spent() != null;
            setText(known ? row.spent().text() : empty || row == null || row.isBroken() ? null : "—");
            Tooltip detail = known && !row.spent().detail().isEmpty() ? new Tooltip(row.spent().detail()) : null;
            if (detail != null) {
                detail.setWrapText(true);
                detail.setMaxWidth(480);
            }
            setTooltip(detail);
            getStyleClass().removeAll("spent-unknown");
            if (known && row.spent().kind() != dev.hubwizard.operate.MonthToDate.Kind.COUNTED) {
                getStyleClass().add("spent-unknown");
            }
        }
    }

    private static final class DeployedCell extends TableCell<HubRow, HubRow> {
        @Override
        protected void updateItem(HubRow row, boolean empty) {
            super.updateItem(row, empty);
            setText(empty || row == null ? null : row.lastDeployed());
            setTooltip(empty || row == null || row.lastDeployedExact().isEmpty() ? null
                    : new Tooltip(row.lastDeployedExact()));
        }
    }

    private final class UrlCell extends TableCell<HubRow, HubRow> {
        private final Hyperlink link = new Hyperlink();

        UrlCell() {
            link.setTooltip(new Tooltip("Open the hub in your browser"));
            link.setOnAction(e -> {
                if (getItem() != null) {
                    model.openUrl(getItem());
                }
            });
        }

        @Override
        protected void updateItem(HubRow row, boolean empty) {
            super.updateItem(row, empty);
            boolean hasUrl = !empty && row != null && !row.shownUrl().isBlank();
            link.setText(hasUrl ? row.shownUrl() : "");
            link.setAccessibleText(hasUrl ? "Open " + row.shownUrl() : null);
            setGraphic(hasUrl ? link : null);
            setText(hasUrl || empty || row == null || row.isBroken() ? null : "—");
        }
    }
}
