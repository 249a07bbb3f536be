package dev.hubwizard.ui.hublog;

import dev.hubwizard.engine.LogLine;
import dev.hubwizard.engine.ProblemException;
import dev.hubwizard.operate.HubLog;
import dev.hubwizard.operate.HubLogs;
import dev.hubwizard.ui.BackgroundWork;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The hub's log as the logs window shows it: the last lines of its newest task's stream, newest first (or in the
 * order written), narrowed by a search, and while following, what the hub writes since, asked every few seconds.
 * AWS is read in the background; the lists change on the FX thread only.
 */
public final class HubLogViewModel {

    /** The newest lines kept; older ones stay in CloudWatch Logs. */
    static final int CAPACITY = 20_000;

    private final HubLog logs;
    private final BackgroundWork background;
    private final List<LogLine> all = new ArrayList<>();
    private final ObservableList<LogLine> shown = FXCollections.observableArrayList();
    private final StringProperty search = new SimpleStringProperty("");
    private final BooleanProperty newestFirst = new SimpleBooleanProperty(true);
    private final BooleanProperty follow = new SimpleBooleanProperty(true);
    private final StringProperty status = new SimpleStringProperty("Reading the hub's log…");
    private Optional<HubLogs.Cursor> cursor = Optional.empty();
    private boolean reading;
    /** Until the first answer the status keeps saying it is reading, whatever the boxes do. */
    private boolean answered;

    public HubLogViewModel(HubLog logs, BackgroundWork background) {
        this.logs = logs;
        this.background = background;
        search.addListener((obs, old, now) -> show());
        newestFirst.addListener((obs, old, now) -> show());
        // The status says whether new lines appear: it follows the box.
        follow.addListener((obs, old, now) -> show());
    }

    /** The lines on screen: searched, in the chosen order. */
    public ObservableList<LogLine> shown() {
        return shown;
    }

    public StringProperty searchProperty() {
        return search;
    }

    public BooleanProperty newestFirstProperty() {
        return newestFirst;
    }

    public BooleanProperty followProperty() {
        return follow;
    }

    /** Where the lines come from and how many there are, or why there are none. */
    public ReadOnlyStringProperty statusProperty() {
        return status;
    }

    /** Reads the newest task's last lines. */
    public void load() {
        read(() -> logs.tail(HubLogs.TAIL_LINES), true);
    }

    /** While following: what the hub wrote since the last look (or a newer task's stream). */
    public void poll() {
        if (follow.get()) {
            read(() -> logs.newer(cursor), false);
        }
    }

    private void read(BackgroundWork.Job<HubLogs.Lines> job, boolean first) {
        if (reading) {
            return;
        }
        reading = true;
        background.run(job, lines -> {
            reading = false;
            answered = true;
            boolean newStream = lines.cursor().isPresent() && cursor.isPresent()
                    && !lines.cursor().get().stream().equals(cursor.get().stream());
            if (first || newStream) {
                all.clear();
            }
            all.addAll(lines.lines());
            if (all.size() > CAPACITY) {
                all.subList(0, all.size() - CAPACITY).clear();
            }
            cursor = lines.cursor().or(() -> cursor);
            show();
        }, failure -> {
            reading = false;
            status.set("Could not read the hub's log: " + ProblemException.of(failure).text());
        });
    }

    private void show() {
        String wanted = search.get().trim().toLowerCase(Locale.ROOT);
        List<LogLine> lines = new ArrayList<>(wanted.isEmpty() ? all
                : all.stream().filter(l -> l.text().toLowerCase(Locale.ROOT).contains(wanted)).toList());
        if (newestFirst.get()) {
            Collections.reverse(lines);
        }
        shown.setAll(lines);
        if (!answered) {
            return;
        }
        if (cursor.isEmpty()) {
            status.set("The hub has written no log yet (" + logs.group() + " has no stream of a task): it has not"
                    + " started since it was deployed.");
            return;
        }
        String stream = cursor.get().stream();
        status.set((wanted.isEmpty() ? all.size() + " lines" : lines.size() + " of " + all.size()
                + " lines match") + " from task " + stream.substring(stream.lastIndexOf('/') + 1) + " (" + logs.group()
                + ")" + (follow.get() ? "; new lines appear as the hub writes them" : ""));
    }
}
