package dev.hubwizard.ui;

import dev.hubwizard.engine.Problem;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.DialogEvent;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@link Dialogs} as modal JavaFX dialogs over the app's window, in the app's theme, centred on it and
 * growing with their content. Buttons have ids ({@code dialog-confirm}, {@code dialog-cancel},
 * {@code dialog-choice-N}) for tests and keyboard users alike: the confirming button is the default
 * (Enter), Cancel is the cancel button (Esc); a dialog that asks for text opens with the focus in it.
 */
public final class JavaFxDialogs implements Dialogs {

    private static final double WIDTH = 480;

    private final Supplier<Window> owner;
    private final Supplier<Theme> theme;

    public JavaFxDialogs(Supplier<Window> owner, Supplier<Theme> theme) {
        this.owner = owner;
        this.theme = theme;
    }

    @Override
    public Optional<String> askName(String title, String header, String hint, String initial,
                                    Function<String, Optional<String>> problemWith) {
        TextField name = new TextField(initial);
        name.setId("dialog-name");
        return ask(title, header, hint, name, problemWith);
    }

    @Override
    public Optional<String> askLines(String title, String header, String hint, String initial,
                                     Function<String, Optional<String>> problemWith) {
        TextArea lines = new TextArea(initial);
        lines.setId("dialog-lines");
        lines.setPrefRowCount(6);
        Focus.tabLeaves(lines);
        return ask(title, header, hint, lines, problemWith);
    }

    private Optional<String> ask(String title, String header, String hint, TextInputControl input,
                                 Function<String, Optional<String>> problemWith) {
        Dialog<String> dialog = new Dialog<>();
        prepare(dialog, title, header);
        ButtonType ok = new ButtonType("OK", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().addAll(ok, ButtonType.CANCEL);

        input.setAccessibleText(header);
        Label problem = new Label();
        problem.setId("dialog-problem");
        problem.getStyleClass().add("field-problem");
        problem.setWrapText(true);
        problem.textProperty().bind(Bindings.createStringBinding(
                () -> input.getText().isEmpty() ? "" : problemWith.apply(input.getText()).orElse(""),
                input.textProperty()));
        problem.setMinHeight(Region.USE_PREF_SIZE);
        problem.managedProperty().bind(problem.textProperty().isNotEmpty());
        problem.visibleProperty().bind(problem.managedProperty());
        problem.textProperty().addListener((obs, old, now) -> Windows.fitContent(dialog));
        Label note = body(hint);
        note.getStyleClass().setAll("label", "hint");
        VBox content = new VBox(8, input, problem, note);
        content.setPrefWidth(WIDTH);
        dialog.getDialogPane().setContent(content);

        Button okButton = button(dialog.getDialogPane(), ok, "dialog-confirm");
        okButton.disableProperty().bind(Bindings.createBooleanBinding(
                () -> problemWith.apply(input.getText()).isPresent(), input.textProperty()));
        button(dialog.getDialogPane(), ButtonType.CANCEL, "dialog-cancel");
        dialog.setResultConverter(pressed -> pressed == ok ? input.getText() : null);
        // After the dialog has given the focus to its default button: typing goes into the field, and Space
        // does not press OK with the suggested name.
        dialog.addEventHandler(DialogEvent.DIALOG_SHOWN, e -> Platform.runLater(() -> {
            input.requestFocus();
            input.selectAll();
        }));
        return dialog.showAndWait();
    }

    @Override
    public boolean confirm(String title, String header, String body, String confirmLabel) {
        Alert alert = new Alert(Alert.AlertType.WARNING);
        prepare(alert, title, header);
        alert.getDialogPane().setContent(body(body));
        ButtonType yes = new ButtonType(confirmLabel, ButtonBar.ButtonData.OK_DONE);
        alert.getButtonTypes().setAll(yes, ButtonType.CANCEL);
        button(alert.getDialogPane(), yes, "dialog-confirm");
        button(alert.getDialogPane(), ButtonType.CANCEL, "dialog-cancel");
        return alert.showAndWait().filter(yes::equals).isPresent();
    }

    @Override
    public Optional<String> choose(String title, String header, String body, List<String> choices) {
        Alert alert = new Alert(Alert.AlertType.WARNING);
        prepare(alert, title, header);
        alert.getDialogPane().setContent(body(body));
        List<ButtonType> types = new ArrayList<>();
        for (String choice : choices) {
            // None is the default button: each choice does something, and Enter must not pick one by accident.
            types.add(new ButtonType(choice, ButtonBar.ButtonData.OTHER));
        }
        alert.getButtonTypes().setAll(types);
        alert.getButtonTypes().add(ButtonType.CANCEL);
        for (int i = 0; i < types.size(); i++) {
            Button button = button(alert.getDialogPane(), types.get(i), "dialog-choice-" + i);
            if (i == 0) {
                button.getStyleClass().add("accent"); // the recommended choice
            }
        }
        button(alert.getDialogPane(), ButtonType.CANCEL, "dialog-cancel");
        return alert.showAndWait().filter(types::contains).map(ButtonType::getText);
    }

    @Override
    public void showProblem(Problem problem) {
        Alert alert = new Alert(Alert.AlertType.ERROR);
        prepare(alert, "Hub Wizard", problem.what());
        StringBuilder text = new StringBuilder();
        if (!problem.why().isBlank()) {
            text.append("Why: ").append(problem.why());
        }
        if (!problem.next().isBlank()) {
            text.append(text.length() > 0 ? "\n\n" : "").append("What to do: ").append(problem.next());
        }
        alert.getDialogPane().setContent(body(text.toString()));
        alert.getButtonTypes().setAll(ButtonType.OK);
        button(alert.getDialogPane(), ButtonType.OK, "dialog-confirm");
        alert.showAndWait();
    }

    private void prepare(Dialog<?> dialog, String title, String header) {
        Window window = owner.get();
        if (window != null) {
            dialog.initOwner(window);
        }
        dialog.setTitle(title);
        dialog.setHeaderText(header);
        dialog.setResizable(true);
        Windows.centreOnOwner(dialog);
        DialogPane pane = dialog.getDialogPane();
        pane.setId("dialog");
        pane.getStylesheets().setAll(theme.get().stylesheets());
        pane.setMinWidth(WIDTH);
    }

    private static Label body(String text) {
        Label label = new Label(text);
        label.setId("dialog-body");
        label.setWrapText(true);
        // A wrapping label prefers the width of its text on one line: fix it, and let it grow downwards.
        label.setPrefWidth(WIDTH);
        label.setMinHeight(Region.USE_PREF_SIZE);
        label.getStyleClass().add("dialog-body");
        return label;
    }

    /** A dialog button, with its whole label: the button bar would otherwise cut long ones to one width. */
    private static Button button(DialogPane pane, ButtonType type, String id) {
        Button button = (Button) pane.lookupButton(type);
        button.setId(id);
        ButtonBar.setButtonUniformSize(button, false);
        button.setMinWidth(Region.USE_PREF_SIZE);
        return button;
    }
}
