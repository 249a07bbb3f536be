package dev.hubwizard.ui.wizard;

import dev.hubwizard.ui.Focus;
import dev.hubwizard.ui.log.LogPane;
import dev.hubwizard.ui.steps.StepListCell;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The wizard window's layout: the step list on the side with "All hubs" and the theme switch under
 * it, the current page with its log pane below (pages that run no steps have no log), Back / Next /
 * Run / Cancel and a status bar. A page too tall for the window scrolls rather than cutting its text;
 * a new page takes the keyboard focus to its first field. Layout and bindings only; the view model
 * decides.
 */
public final class WizardView extends BorderPane {

    private final WizardViewModel model;
    private final Consumer<Path> showLog;
    private final Function<PageModel, Node> pageViews;
    private final Map<PageModel, Node> built = new HashMap<>();
    private final StackPane pageHolder = new StackPane();
    private final LogPane log = new LogPane();
    private final SplitPane split = new SplitPane();
    private Node pageArea;
    private Node logArea;
    private Button run;
    private Button next;
    private double logDivider = 0.6;

    /**
     * @param pageViews builds a page's view the first time it is shown
     * @param allHubs   goes back to the start screen (once the page has kept what it must)
     * @param themeSwitch the control that switches between light and dark
     * @param showLog   shows a run's full log file ("Show details")
     */
    public WizardView(WizardViewModel model, Function<PageModel, Node> pageViews, Runnable allHubs, Node themeSwitch,
                      Consumer<Path> showLog) {
        this.model = model;
        this.showLog = showLog;
        this.pageViews = pageViews;
        getStyleClass().add("wizard");
        setId("wizard-view");
        // Children in the order Tab should visit them: the page, its buttons, then the step list.
        setCenter(content());
        setBottom(bottom());
        setLeft(sidebar(allHubs, themeSwitch));
        model.pageProperty().addListener((obs, old, page) -> show(page));
        show(model.pageProperty().get());
    }

    private Node sidebar(Runnable allHubs, Node themeSwitch) {
        Label brand = new Label("Hub Wizard");
        brand.getStyleClass().add("brand");
        Label tagline = new Label("JupyterHub on AWS Fargate");
        tagline.getStyleClass().add("tagline");
        ListView<PageModel> steps = new ListView<>(model.pages());
        steps.setId("step-list");
        steps.setAccessibleText("Steps");
        steps.setCellFactory(list -> new StepListCell());
        steps.getSelectionModel().select(model.indexProperty().get());
        model.indexProperty().addListener((obs, old, now) -> steps.getSelectionModel().select(now.intValue()));
        steps.getSelectionModel().selectedIndexProperty().addListener((obs, old, now) -> {
            if (now.intValue() >= 0 && now.intValue() != model.indexProperty().get()) {
                model.show(model.pages().get(now.intValue()));
                // The list shows where the wizard is: a page that is still saving, or cannot be left,
                // keeps it there until it moves.
                Platform.runLater(() -> {
                    if (steps.getSelectionModel().getSelectedIndex() != model.indexProperty().get()) {
                        steps.getSelectionModel().select(model.indexProperty().get());
                    }
                });
            }
        });
        VBox.setVgrow(steps, Priority.ALWAYS);

        Button back = button("all-hubs", "← All hubs", "Go back to the list of your hubs");
        back.setTooltip(new Tooltip("Back to the list of your hubs. Wait for the running step to finish, or cancel it,"
                + " first."));
        back.disableProperty().bind(model.deploy().runningProperty());
        back.setOnAction(e -> allHubs.run());
        back.getStyleClass().add("sidebar-button");
        back.setMaxWidth(Double.MAX_VALUE);
        VBox footer = new VBox(back, themeSwitch);
        footer.getStyleClass().add("sidebar-footer");
        VBox sidebar = new VBox(4, brand, tagline, steps, footer);
        sidebar.getStyleClass().add("sidebar");
        sidebar.setPrefWidth(250);
        sidebar.setMinWidth(220);
        return sidebar;
    }

    private Node content() {
        Label title = new Label();
        title.setId("page-title");
        title.getStyleClass().add("page-title");
        title.textProperty().bind(Bindings.createStringBinding(() -> model.pageProperty().get().title(),
                model.pageProperty()));
        NoticePanel notice = new NoticePanel(model.noticeProperty());
        ProblemPanel problem = new ProblemPanel(model.pageProblemProperty(), model::retry, this::showFullLog,
                model.canSignIn() ? model::signInAgain : null);
        VBox page = new VBox(12, title, notice, problem, pageHolder);
        page.getStyleClass().add("page-area");
        VBox.setVgrow(pageHolder, Priority.ALWAYS);
        pageHolder.setAlignment(Pos.TOP_LEFT);

        Label logTitle = new Label();
        logTitle.getStyleClass().add("log-title");
        logTitle.textProperty().bind(Bindings.createStringBinding(() -> "Log — " + model.pageProperty().get().title(),
                model.pageProperty()));
        VBox logBox = new VBox(4, logTitle, log);
        logBox.getStyleClass().add("log-area");
        VBox.setVgrow(log, Priority.ALWAYS);

        pageArea = page;
        logArea = logBox;
        split.setOrientation(Orientation.VERTICAL);
        return split;
    }

    private Node bottom() {
        Button back = button("back", "Back", "Go to the previous step");
        back.disableProperty().bind(model.canGoBackProperty().not());
        back.setOnAction(e -> model.back());
        Button cancel = button("cancel", "Cancel", "Stop the running step");
        cancel.setCancelButton(true);
        cancel.disableProperty().bind(model.deploy().runningProperty().not());
        cancel.setOnAction(e -> model.cancel());
        run = button("run", "Run", "Run this step");
        run.textProperty().bind(Bindings.createStringBinding(() -> model.pageProperty().get().runLabel(),
                model.pageProperty()));
        run.disableProperty().bind(model.canRunProperty().not());
        run.setOnAction(e -> model.run());
        next = button("next", "Next", "Go to the next step");
        next.setDefaultButton(true);
        next.disableProperty().bind(model.canGoNextProperty().not());
        next.setOnAction(e -> model.next());

        // Run and Cancel belong to pages that run steps; Cancel also shows while any run goes on.
        BooleanBinding runsSteps = Bindings.createBooleanBinding(() -> model.pageProperty().get().runsSteps(),
                model.pageProperty());
        showWhen(run, runsSteps);
        showWhen(cancel, runsSteps.or(model.deploy().runningProperty()));

        Label blocked = new Label();
        blocked.setId("blocked-reason");
        blocked.getStyleClass().add("blocked-reason");
        blocked.setWrapText(true);
        blocked.setMaxWidth(Double.MAX_VALUE);
        blocked.textProperty().bind(Bindings.selectString(model.pageProperty(), "blockedReason"));
        blocked.visibleProperty().bind(model.canGoNextProperty().not().and(blocked.textProperty().isNotEmpty()));
        HBox.setHgrow(blocked, Priority.ALWAYS);

        HBox buttons = new HBox(8, back, blocked, cancel, run, next);
        buttons.getStyleClass().add("button-bar");
        buttons.setAlignment(Pos.CENTER_LEFT);

        Label status = new Label();
        status.setId("status");
        status.textProperty().bind(model.statusProperty());
        HBox statusBar = new HBox(status);
        statusBar.getStyleClass().add("status-bar");
        statusBar.setPadding(new Insets(3, 10, 3, 10));
        setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                model.cancel();
            }
        });
        return new VBox(buttons, statusBar);
    }

    private static Button button(String id, String text, String accessibleHelp) {
        Button button = new Button(text);
        button.setId(id);
        button.setAccessibleHelp(accessibleHelp);
        button.setMinWidth(Region.USE_PREF_SIZE);
        return button;
    }

    private static void showWhen(Node node, javafx.beans.value.ObservableValue<Boolean> condition) {
        node.managedProperty().bind(condition);
        node.visibleProperty().bind(condition);
    }

    /** "Show details": the full log of the run, every line of every step. */
    private void showFullLog() {
        Path file = model.deploy().lastLogFileProperty().get();
        if (file != null) {
            showLog.accept(file);
        }
    }

    private void show(PageModel page) {
        Node view = built.computeIfAbsent(page, p -> scrollable(pageViews.apply(p)));
        boolean focusWasOnPage = Focus.isWithin(getScene(), pageHolder);
        pageHolder.getChildren().setAll(view);
        // A page shows its steps' log; a form or the plan has none to show (the plan's Deploy moves
        // the view to each running page, with its log).
        if (!page.stepIds().isEmpty()) {
            if (!split.getItems().contains(logArea)) {
                split.getItems().setAll(pageArea, logArea);
                split.setDividerPositions(logDivider);
            }
            log.show(model.deploy().log(page.id()).lines());
        } else if (split.getItems().size() != 1) {
            if (split.getDividers().size() == 1) {
                logDivider = split.getDividerPositions()[0];
            }
            // A form needs the height; its page has no steps, so there is no log to show.
            split.getItems().setAll(pageArea);
        }
        // A form takes the focus to its first field; otherwise the focus stays on the button that was
        // pressed, unless it was inside the page that has just gone.
        Platform.runLater(() -> {
            if (!Focus.first(view) && focusWasOnPage) {
                Focus.firstOf(run, next);
            }
        });
    }

    /**
     * Pages that do not scroll themselves scroll here when the window is too small for them: their text
     * keeps its whole height (wrapped to the width) instead of ending in "…".
     */
    private static Node scrollable(Node view) {
        if (view instanceof ScrollPane) {
            return view;
        }
        ScrollPane scroll = new ScrollPane(view);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.getStyleClass().add("plain-scroll");
        scroll.setFocusTraversable(false);
        return scroll;
    }
}
