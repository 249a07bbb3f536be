package dev.hubwizard.ui.hublog;

import dev.hubwizard.ui.log.LogPane;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The logs window's layout: search, order and follow above the wizard's log pane; bindings only. */
public final class HubLogView extends VBox {

    private final Button close = new Button("Close");

    public HubLogView(HubLogViewModel model) {
        super(8);
        getStyleClass().add("log-view");
        setId("hub-log-view");
        TextField search = new TextField();
        search.setId("hub-log-search");
        search.setPromptText("Search the log");
        search.setAccessibleText("Search the log");
        search.textProperty().bindBidirectional(model.searchProperty());
        HBox.setHgrow(search, Priority.ALWAYS);
        CheckBox newest = new CheckBox("Newest first");
        newest.setId("hub-log-newest");
        newest.selectedProperty().bindBidirectional(model.newestFirstProperty());
        CheckBox follow = new CheckBox("Follow");
        follow.setId("hub-log-follow");
        follow.setAccessibleHelp("Show new lines as the hub writes them");
        follow.selectedProperty().bindBidirectional(model.followProperty());
        HBox tools = new HBox(12, search, newest, follow);
        tools.setAlignment(Pos.CENTER_LEFT);

        LogPane pane = new LogPane(false);
        pane.setId("hub-log-pane");
        pane.setPlaceholder(new Label("No lines"));
        pane.show(model.shown());
        VBox.setVgrow(pane, Priority.ALWAYS);

        Label status = new Label();
        status.setId("hub-log-status");
        status.getStyleClass().add("hint");
        status.setWrapText(true);
        status.setMinHeight(Region.USE_PREF_SIZE);
        status.textProperty().bind(model.statusProperty());

        close.setId("hub-log-close");
        close.setCancelButton(true);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox buttons = new HBox(8, status, spacer, close);
        buttons.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(status, Priority.SOMETIMES);
        getChildren().addAll(tools, pane, buttons);
    }

    public Button closeButton() {
        return close;
    }
}
