package dev.hubwizard.ui.users;

import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The users editor's layout: two lists side by side, what is wrong with them, and when the hub picked them up. */
public final class UsersEditorView extends VBox {

    private final Button apply = new Button("Apply");
    private final Button close = new Button("Close");

    public UsersEditorView(UsersEditor editor) {
        super(12);
        setId("users-editor");
        setPadding(new javafx.geometry.Insets(18));
        getStyleClass().addAll("page", "users-editor");
        Label lead = new Label("Who may sign in to " + editor.hubName() + ". Changes reach the running hub within a"
                + " minute: no rebuild, no new task, nobody else's server interrupted.");
        lead.getStyleClass().add("page-description");
        lead.setWrapText(true);
        lead.setMinHeight(Region.USE_PREF_SIZE);

        TextArea admins = list("users-admins", "One name per line. Admins manage the hub and its users.");
        admins.textProperty().bindBidirectional(editor.adminsProperty());
        TextArea allowed = list("users-allowed", "One name per line: an e-mail address or a name. Admins are"
                + " allowed too.");
        allowed.textProperty().bindBidirectional(editor.allowedProperty());
        GridPane lists = new GridPane();
        lists.setHgap(16);
        lists.setVgap(6);
        lists.add(heading("Admins"), 0, 0);
        lists.add(heading("Allowed users"), 1, 0);
        lists.add(admins, 0, 1);
        lists.add(allowed, 1, 1);
        GridPane.setHgrow(admins, Priority.ALWAYS);
        GridPane.setHgrow(allowed, Priority.ALWAYS);
        GridPane.setVgrow(admins, Priority.ALWAYS);
        GridPane.setVgrow(allowed, Priority.ALWAYS);
        VBox.setVgrow(lists, Priority.ALWAYS);

        Label problem = wrapped("users-problem");
        problem.getStyleClass().add("field-problem");
        problem.textProperty().bind(editor.problemProperty());
        problem.visibleProperty().bind(editor.problemProperty().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());
        Label note = wrapped("users-note");
        note.getStyleClass().add("hint");
        note.setText("Removing a person stops their server and ends their session; their files stay, and so does"
                + " their password, for when they are added again.");
        Label outcome = wrapped("users-outcome");
        outcome.textProperty().bind(editor.outcomeProperty());
        outcome.visibleProperty().bind(editor.outcomeProperty().isNotEmpty());
        outcome.managedProperty().bind(outcome.visibleProperty());
        Label pickedUp = wrapped("users-picked-up");
        pickedUp.getStyleClass().add("hint");
        pickedUp.textProperty().bind(editor.pickedUpProperty());

        apply.setId("users-apply");
        apply.setDefaultButton(true);
        apply.disableProperty().bind(editor.canApplyProperty().not());
        apply.setAccessibleHelp("Save the lists and send them to the running hub");
        apply.setOnAction(e -> editor.apply());
        close.setId("users-close");
        close.setCancelButton(true);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox buttons = new HBox(8, pickedUp, spacer, apply, close);
        buttons.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(pickedUp, Priority.SOMETIMES);
        getChildren().addAll(lead, lists, problem, note, outcome, buttons);
    }

    Button closeButton() {
        return close;
    }

    private static TextArea list(String id, String help) {
        TextArea area = new TextArea();
        area.setId(id);
        area.setPrefRowCount(10);
        area.setPrefColumnCount(22);
        area.setAccessibleHelp(help);
        area.setPromptText(help);
        area.setWrapText(false);
        return area;
    }

    private static Label heading(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("field-label");
        return label;
    }

    private static Label wrapped(String id) {
        Label label = new Label();
        label.setId(id);
        label.setWrapText(true);
        label.setMinHeight(Region.USE_PREF_SIZE);
        return label;
    }
}
