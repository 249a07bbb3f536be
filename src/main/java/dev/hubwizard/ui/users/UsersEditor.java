package dev.hubwizard.ui.users;

import dev.hubwizard.deploy.HubUserLists;
import dev.hubwizard.engine.ProblemException;
import dev.hubwizard.operate.HubUsers;
import dev.hubwizard.profile.Profile;
import dev.hubwizard.profile.ProfileValidator;
import dev.hubwizard.profile.UserNames;
import dev.hubwizard.ui.BackgroundWork;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

/**
 * The users editor of a deployed hub: its admins and allowed users, one per line, changed while the hub runs.
 * Names are checked as they are typed, with the hub's own rules, and nothing is sent while one is invalid.
 * Apply saves the lists in the profile and sends them to the hub, which picks them up within a minute; the
 * editor then follows until it has, and says when. State and commands only: {@link UsersEditorView} lays it out.
 */
public final class UsersEditor {

    /** The hub's users service, slow (AWS): called off the FX thread only. */
    public interface Access {
        HubUsers.Lists read() throws Exception;

        HubUsers.Change change(HubUserLists wanted) throws Exception;
    }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final Duration FOLLOW = Duration.ofSeconds(90);

    private final Profile profile;
    private final Access access;
    private final BackgroundWork background;
    private final Clock clock;
    private final StringProperty admins = new SimpleStringProperty("");
    private final StringProperty allowed = new SimpleStringProperty("");
    private final StringProperty problem = new SimpleStringProperty("");
    private final StringProperty pickedUp = new SimpleStringProperty("Reading the hub's lists…");
    private final StringProperty outcome = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty(true);
    private final BooleanBinding canApply;
    private Instant followUntil = Instant.MIN;

    public UsersEditor(Profile profile, Access access, BackgroundWork background, Clock clock) {
        this.profile = profile;
        this.access = access;
        this.background = background;
        this.clock = clock;
        admins.set(String.join("\n", profile.hub().admins()));
        allowed.set(String.join("\n", profile.hub().allowedUsers()));
        admins.addListener((obs, old, now) -> check());
        allowed.addListener((obs, old, now) -> check());
        canApply = Bindings.createBooleanBinding(() -> !busy.get() && problem.get().isEmpty(), busy, problem);
    }

    public String hubName() {
        return profile.name();
    }

    public StringProperty adminsProperty() {
        return admins;
    }

    public StringProperty allowedProperty() {
        return allowed;
    }

    /** Why the lists cannot be sent, or empty. */
    public StringProperty problemProperty() {
        return problem;
    }

    /** When the running hub last picked its lists up, in words. */
    public StringProperty pickedUpProperty() {
        return pickedUp;
    }

    /** What the last Apply did, in words. */
    public StringProperty outcomeProperty() {
        return outcome;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    public BooleanBinding canApplyProperty() {
        return canApply;
    }

    /** Reads what the hub has; its lists replace the profile's in the editor (they are what the hub uses). */
    public void load() {
        busy.set(true);
        background.run(access::read, lists -> {
            busy.set(false);
            admins.set(String.join("\n", lists.lists().admins()));
            allowed.set(String.join("\n", lists.lists().allowedUsers()));
            showPickedUp(lists);
        }, failure -> {
            busy.set(false);
            pickedUp.set(ProblemException.of(failure).text());
        });
    }

    /** Sends the lists (after saving them in the profile), then follows until the hub has picked them up. */
    public void apply() {
        HubUserLists wanted = lists();
        Optional<String> refused = wanted.problem();
        if (refused.isPresent()) {
            problem.set(refused.get());
            return;
        }
        busy.set(true);
        outcome.set("Sending the lists to " + profile.name() + "…");
        background.run(() -> access.change(wanted), change -> {
            busy.set(false);
            if (change.notSent().isPresent()) {
                outcome.set(change.notSent().get().text());
                return;
            }
            outcome.set("Saved and sent at " + TIME.format(clock.instant().atZone(ZoneId.systemDefault()))
                    + ": the hub picks the lists up within a minute, without a restart. Nobody else's server is"
                    + " touched; a person removed has their server stopped and their files kept.");
            followUntil = clock.instant().plus(FOLLOW);
            follow();
        }, failure -> {
            busy.set(false);
            outcome.set(ProblemException.of(failure).text());
        });
    }

    /** Reads again every few seconds until the hub has the newest lists, or the time is up. */
    private void follow() {
        background.run(() -> {
            Thread.sleep(2000);
            return access.read();
        }, lists -> {
            showPickedUp(lists);
            if (!lists.current() && clock.instant().isBefore(followUntil)) {
                follow();
            } else if (!lists.current()) {
                pickedUp.set("The hub has not picked up the new lists within " + FOLLOW.toSeconds() + " s: it may be"
                        + " stopped or starting. They are saved; it picks them up when it next starts.");
            }
        }, failure -> pickedUp.set(ProblemException.of(failure).text()));
    }

    private void showPickedUp(HubUsers.Lists lists) {
        pickedUp.set(words(lists, clock.instant()));
    }

    /** "The hub picked up these lists at 14:02:11 (version 3)." and the like. */
    public static String words(HubUsers.Lists lists, Instant now) {
        if (lists.pickedUp().isEmpty()) {
            return "The hub has not picked up its lists yet: it does within a minute of starting.";
        }
        HubUsers.PickedUp last = lists.pickedUp().get();
        String at = TIME.format(last.at().atZone(ZoneId.systemDefault()));
        long seconds = Math.max(0, Duration.between(last.at(), now).toSeconds());
        String ago = seconds < 90 ? seconds + " s ago" : seconds / 60 + " min ago";
        return lists.current() ? "The hub picked up these lists at " + at + " (" + ago + ")."
                : "Waiting for the hub to pick up the new lists (it last did at " + at + ", " + ago + ").";
    }

    private HubUserLists lists() {
        return new HubUserLists(UserNames.parseLines(admins.get()), UserNames.parseLines(allowed.get()));
    }

    private void check() {
        List<String> adminNames = UserNames.parseLines(admins.get());
        List<String> allowedNames = UserNames.parseLines(allowed.get());
        Optional<String> found = ProfileValidator.admins(adminNames).map(p -> "Admins: " + p)
                .or(() -> ProfileValidator.allowedUsers(allowedNames).map(p -> "Allowed users: " + p))
                .or(() -> new HubUserLists(adminNames, allowedNames).problem());
        problem.set(found.orElse(""));
    }
}
