package dev.hubwizard.cli;

import dev.hubwizard.aws.AwsClients;
import dev.hubwizard.deploy.HubUserLists;
import dev.hubwizard.engine.ProblemException;
import dev.hubwizard.operate.HubUsers;
import dev.hubwizard.profile.Profile;
import dev.hubwizard.profile.UserNames;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code hubwizard users}: a deployed hub's admins and allowed users, changed while it runs. Without options it
 * shows the lists and when the hub last picked them up; with {@code --add}, {@code --add-admin},
 * {@code --remove} or {@code --remove-admin} it changes them (the profile, then the hub, which picks them up
 * within a minute: no rebuild, no new task). {@code --wait} waits until it has.
 */
@Command(name = "users", description = {"Show or change who may sign in to a deployed hub, while it runs.",
        "Removing a person stops their server and ends their session; their files are kept."})
final class UsersCommand implements Callable<Integer> {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final Duration WAIT = Duration.ofSeconds(90);

    private final CliContext context;

    @Mixin
    ProfileOption target;

    @Option(names = "--add", paramLabel = "NAME", description = "Allow this person to sign in.")
    List<String> add = new ArrayList<>();

    @Option(names = "--add-admin", paramLabel = "NAME", description = "Make this person an admin (and allowed).")
    List<String> addAdmin = new ArrayList<>();

    @Option(names = "--remove", paramLabel = "NAME", description = "Remove this person from both lists.")
    List<String> remove = new ArrayList<>();

    @Option(names = "--remove-admin", paramLabel = "NAME", description = "No longer an admin; still allowed.")
    List<String> removeAdmin = new ArrayList<>();

    @Option(names = "--wait", description = "Wait until the running hub has picked up the change (up to 90 s).")
    boolean await;

    UsersCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws InterruptedException {
        Optional<Profile> loaded = ProfileLoader.load(context, target.name, false);
        if (loaded.isEmpty()) {
            return ExitCodes.BROKEN_PROFILE;
        }
        Profile profile = loaded.get();
        try (AwsClients aws = new AwsClients(profile.aws(), context.terminal())) {
            HubUsers users = new HubUsers(context.store(), aws, profile.name());
            if (add.isEmpty() && addAdmin.isEmpty() && remove.isEmpty() && removeAdmin.isEmpty()) {
                print(users.read());
                return ExitCodes.OK;
            }
            HubUserLists wanted = changed(profile);
            HubUsers.Change change = users.change(profile, wanted);
            if (change.notSent().isPresent()) {
                context.err().println(change.notSent().get().text());
                return ExitCodes.FAILED;
            }
            context.out().println("Sent to the hub (version " + change.sentVersion().orElseThrow() + "): "
                    + describe(wanted) + ". The hub picks the lists up within a minute.");
            if (await) {
                return awaitPickedUp(users, change.sentVersion().orElseThrow());
            }
            return ExitCodes.OK;
        } catch (ProblemException e) {
            context.err().println(e.problem().text());
            return ExitCodes.FAILED;
        }
    }

    /** The profile's lists with the options applied, names in the hub's form; invalid ones are checked later. */
    private HubUserLists changed(Profile profile) {
        List<String> admins = new ArrayList<>(profile.hub().admins());
        List<String> allowed = new ArrayList<>(profile.hub().allowedUsers());
        normalised(remove).forEach(n -> {
            admins.remove(n);
            allowed.remove(n);
        });
        normalised(removeAdmin).forEach(n -> {
            if (admins.remove(n) && !allowed.contains(n)) {
                allowed.add(n);
            }
        });
        normalised(add).stream().filter(n -> !allowed.contains(n) && !admins.contains(n)).forEach(allowed::add);
        normalised(addAdmin).forEach(n -> {
            allowed.remove(n);
            if (!admins.contains(n)) {
                admins.add(n);
            }
        });
        return new HubUserLists(admins, allowed);
    }

    private static List<String> normalised(List<String> names) {
        return names.stream().map(UserNames::normalise).toList();
    }

    private int awaitPickedUp(HubUsers users, long version) throws InterruptedException, ProblemException {
        Instant deadline = Instant.now().plus(WAIT);
        while (Instant.now().isBefore(deadline)) {
            HubUsers.Lists lists = users.read();
            if (lists.pickedUp().filter(p -> p.version() >= version).isPresent()) {
                context.out().println("The hub picked them up at " + TIME.format(lists.pickedUp().get().at()) + ".");
                return ExitCodes.OK;
            }
            Thread.sleep(2000);
        }
        context.err().println("The hub has not picked up version " + version + " within " + WAIT.toSeconds()
                + " s. It may be stopped or starting: the lists are saved and it picks them up when it next starts. "
                + "`hubwizard status --profile " + target.name + "` shows whether it answers.");
        return ExitCodes.FAILED;
    }

    private void print(HubUsers.Lists lists) {
        var out = context.out();
        out.println("Admins:        " + String.join(", ", lists.lists().admins()));
        out.println("Allowed users: " + (lists.lists().allowedUsers().isEmpty() ? "-"
                : String.join(", ", lists.lists().allowedUsers())));
        out.println("Picked up:     " + lists.pickedUp().map(p -> TIME.format(p.at()) + " (version " + p.version()
                + (lists.current() ? ", the newest)" : "; version " + lists.version() + " is waiting)"))
                .orElse("not yet: the hub picks up version " + lists.version() + " within a minute of starting"));
    }

    private static String describe(HubUserLists lists) {
        return lists.admins().size() + " admin(s) (" + String.join(", ", lists.admins()) + "), "
                + lists.allowedUsers().size() + " allowed user(s)" + (lists.allowedUsers().isEmpty() ? ""
                : " (" + String.join(", ", lists.allowedUsers()) + ")");
    }
}
