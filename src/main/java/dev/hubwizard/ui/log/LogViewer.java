package dev.hubwizard.ui.log;

import dev.hubwizard.engine.LogFile;
import dev.hubwizard.engine.LogLevel;
import dev.hubwizard.engine.LogLine;
import dev.hubwizard.engine.ProblemException;
import dev.hubwizard.ui.BackgroundWork;
import dev.hubwizard.ui.Theme;
import dev.hubwizard.ui.Windows;
import javafx.collections.FXCollections;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A run's full log in a window of the app ("Show details"), in the log pane the wizard uses: nobody needs
 * a program that opens {@code .log} files. The file is read off the FX thread; the window opens on the
 * last error, which is what the person came to read. Any page can show a log file through it.
 */
public final class LogViewer {

    /** More lines than any deploy writes, fewer than would fill the memory: the newest are shown. */
    static final int MAX_LINES = 200_000;
    private static final double WIDTH = 960;
    private static final double HEIGHT = 600;

    private final Supplier<Window> owner;
    private final Supplier<Theme> theme;
    private final BackgroundWork background;
    private final Consumer<String> openElsewhere;

    /** @param openElsewhere opens a file with the computer's own program, for those who prefer it */
    public LogViewer(Supplier<Window> owner, Supplier<Theme> theme, BackgroundWork background,
                     Consumer<String> openElsewhere) {
        this.owner = owner;
        this.theme = theme;
        this.background = background;
        this.openElsewhere = openElsewhere;
    }

    /** Opens a window with the log file's lines; they appear once read. FX thread. */
    public Stage show(Path file) {
        LogPane pane = new LogPane(true);
        pane.setId("log-view-pane");
        pane.setPlaceholder(new Label("Reading " + file.getFileName() + "…"));
        Label where = new Label(file.toAbsolutePath().toString());
        where.setId("log-view-file");
        where.getStyleClass().add("hint");
        where.setWrapText(true);
        where.setMinHeight(Region.USE_PREF_SIZE);

        Button copy = new Button("Copy all");
        copy.setId("log-view-copy");
        copy.setAccessibleHelp("Copy every line of the log, to paste it into an e-mail or a bug report");
        copy.setDisable(true);
        Button elsewhere = new Button("Open in another program");
        elsewhere.setId("log-view-open");
        elsewhere.setOnAction(e -> openElsewhere.accept(file.toUri().toString()));
        Button close = new Button("Close");
        close.setId("log-view-close");
        close.setCancelButton(true);
        close.setDefaultButton(true);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox buttons = new HBox(8, copy, elsewhere, spacer, close);
        buttons.setAlignment(Pos.CENTER_LEFT);
        VBox root = new VBox(8, where, pane, buttons);
        root.getStyleClass().add("log-view");
        VBox.setVgrow(pane, Priority.ALWAYS);

        Stage stage = new Stage();
        Window parent = owner.get();
        if (parent != null) {
            stage.initOwner(parent);
        }
        stage.setTitle("Log — " + file.getFileName());
        Scene scene = new Scene(root, WIDTH, HEIGHT);
        scene.getStylesheets().setAll(theme.get().stylesheets());
        stage.setScene(scene);
        close.setOnAction(e -> stage.close());
        scene.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                stage.close();
            }
        });
        Windows.centreOnOwner(stage);
        stage.show();
        pane.requestFocus();

        background.run(() -> LogFile.read(file, MAX_LINES), contents -> {
            List<LogLine> lines = contents.lines();
            pane.setPlaceholder(new Label("The log is empty."));
            pane.show(FXCollections.observableArrayList(lines));
            if (contents.skipped() > 0) {
                where.setText(file.toAbsolutePath() + " — the newest " + lines.size() + " lines; "
                        + contents.skipped() + " older ones are in the file");
            }
            copy.setDisable(false);
            copy.setOnAction(e -> copy(lines));
            int lastError = lastError(lines);
            if (lastError >= 0) {
                pane.getSelectionModel().select(lastError);
                pane.scrollTo(Math.max(0, lastError - 3));
            }
        }, failure -> pane.setPlaceholder(new Label("Could not read " + file + ": "
                + ProblemException.of(failure).text())));
        return stage;
    }

    static int lastError(List<LogLine> lines) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).level() == LogLevel.ERROR) {
                return i;
            }
        }
        return -1;
    }

    private static void copy(List<LogLine> lines) {
        StringBuilder text = new StringBuilder();
        lines.forEach(line -> text.append(LogPane.formatWithStep(line)).append('\n'));
        ClipboardContent content = new ClipboardContent();
        content.putString(text.toString());
        Clipboard.getSystemClipboard().setContent(content);
    }
}
