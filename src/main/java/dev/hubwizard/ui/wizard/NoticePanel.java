package dev.hubwizard.ui.wizard;

import javafx.beans.property.ObjectProperty;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** A {@link Notice} over the page: what is the case, why it matters, and a button per thing to do about it. */
public final class NoticePanel extends VBox {

    private final Label title = new Label();
    private final Label body = new Label();
    private final HBox buttons = new HBox(8);

    public NoticePanel(ObjectProperty<Notice> notice) {
        super(6);
        setId("notice-panel");
        getStyleClass().add("notice-panel");
        title.setId("notice-title");
        title.getStyleClass().add("notice-title");
        body.setId("notice-body");
        body.getStyleClass().add("notice-body");
        for (Label label : new Label[] {title, body}) {
            label.setWrapText(true);
            label.setMinHeight(Region.USE_PREF_SIZE);
        }
        buttons.setAlignment(Pos.CENTER_RIGHT);
        getChildren().addAll(title, body, buttons);
        notice.addListener((obs, old, now) -> show(now));
        show(notice.get());
    }

    private void show(Notice notice) {
        setVisible(notice != null);
        setManaged(notice != null);
        buttons.getChildren().clear();
        if (notice == null) {
            return;
        }
        title.setText(notice.title());
        body.setText(notice.body());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        buttons.getChildren().add(spacer);
        for (int i = 0; i < notice.actions().size(); i++) {
            Notice.Action action = notice.actions().get(i);
            Button button = new Button(action.label());
            button.setId("notice-action-" + i);
            button.setMinWidth(Region.USE_PREF_SIZE);
            if (i == 0) {
                button.getStyleClass().add("accent");
            }
            button.setOnAction(e -> action.run().run());
            buttons.getChildren().add(button);
        }
    }
}
