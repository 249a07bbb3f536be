package dev.hubwizard.cli;

import dev.hubwizard.profile.DeploymentState;
import dev.hubwizard.profile.HubStanding;
import dev.hubwizard.profile.ProfileEntry;
import dev.hubwizard.profile.ProfileException;
import dev.hubwizard.profile.ProfileStore;
import picocli.CommandLine.Command;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code hubwizard profiles}: every saved profile with its region, state and URL; broken files too. */
@Command(name = "profiles", description = "List the saved profiles: name, region, state, URL.")
final class ProfilesCommand implements Callable<Integer> {

    private final CliContext context;

    ProfilesCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws ProfileException {
        ProfileStore store = context.store();
        PrintStream out = context.out();
        PrintStream err = context.err();
        List<ProfileEntry> entries = store.list();
        if (entries.isEmpty()) {
            out.println("No profiles yet in " + store.directory()
                    + ". Create one in the wizard, or write one by hand (see docs/profiles.md).");
            return ExitCodes.OK;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"NAME", "REGION", "STATE", "URL"});
        int broken = 0;
        for (ProfileEntry entry : entries) {
            if (entry instanceof ProfileEntry.Loaded loaded) {
                DeploymentState state = loaded.profile().deployment();
                rows.add(new String[] {loaded.name(), loaded.profile().aws().region(),
                        words(HubStanding.of(state)), state.url()});
            } else if (entry instanceof ProfileEntry.Broken b) {
                rows.add(new String[] {b.name(), "", "broken", ""});
                err.println(b.name() + ": " + b.problem().getMessage());
                broken++;
            }
        }
        Table.print(out, rows);
        return broken == 0 ? ExitCodes.OK : ExitCodes.BROKEN_PROFILE;
    }

    /** Where a hub stands, as the window's list says it: "not deployed", "interrupted", "last deploy failed"… */
    static String words(HubStanding standing) {
        return standing.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
