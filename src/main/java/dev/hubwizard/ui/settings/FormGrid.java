package dev.hubwizard.ui.settings;

import javafx.geometry.HPos;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * One section's form: labels right-aligned in a column of the same width in every section, so that
 * all fields of the page line up; each field with its notes (problem, hint) stacked under it.
 */
final class FormGrid extends GridPane {

    static final double LABEL_WIDTH = 180;
    /** Forms nested under a choice (Cognito's settings, an existing VPC's ids) sit indented, with short labels. */
    static final double NESTED_LABEL_WIDTH = 120;
    static final double FIELD_WIDTH = 460;

    /** How far a nested form is indented (its CSS padding) and its columns' gap. */
    private static final double NESTED_INDENT = 26;
    private static final double NESTED_GAP = 10;

    private final double fieldWidth;
    private int rows;

    /** A section's form. */
    FormGrid() {
        this(LABEL_WIDTH, FIELD_WIDTH);
        getStyleClass().add("form-grid");
    }

    /** A form nested under one of a section's choices; its fields end where the section's fields end. */
    static FormGrid nested() {
        FormGrid grid = new FormGrid(NESTED_LABEL_WIDTH, FIELD_WIDTH - NESTED_INDENT - NESTED_LABEL_WIDTH - NESTED_GAP);
        grid.getStyleClass().addAll("form-grid", "nested");
        return grid;
    }

    private FormGrid(double labelWidth, double fieldWidth) {
        this.fieldWidth = fieldWidth;
        ColumnConstraints labels = new ColumnConstraints(labelWidth, labelWidth, labelWidth);
        labels.setHalignment(HPos.RIGHT);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        getColumnConstraints().addAll(labels, fields);
    }

    /**
     * Adds a row. The label names {@code field} for screen readers and mnemonics; when the field is a
     * control without accessible text of its own, the label's text becomes it.
     */
    void add(String label, Node field, Node... below) {
        Label name = new Label(label);
        name.getStyleClass().add("form-label");
        name.setWrapText(true);
        name.setLabelFor(field);
        if (field instanceof Control control && control.getAccessibleText() == null) {
            control.setAccessibleText(label);
        }
        if (field instanceof Region region && region.getMaxWidth() > fieldWidth) {
            region.setMaxWidth(fieldWidth);
        }
        VBox cell = new VBox(4, field);
        cell.getChildren().addAll(below);
        cell.setMaxWidth(fieldWidth + 120);
        GridPane.setValignment(name, VPos.TOP);
        addRow(rows++, name, cell);
    }
}
