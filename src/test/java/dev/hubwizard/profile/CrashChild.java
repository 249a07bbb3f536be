package dev.hubwizard.profile;

import dev.hubwizard.engine.Journal;
import dev.hubwizard.engine.ResourceRecord;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The process {@link ProfileCrashTest} kills. It writes as fast as it can and prints what it has
 * written only after the write returned, so the parent knows what must have survived.
 * <ul>
 * <li>{@code save DIR}: saves profile {@code crash} version 1, 2, 3... and prints each version number
 * <li>{@code journal DIR}: records resources in profile {@code journal}'s journal and prints each id
 * </ul>
 */
public final class CrashChild {

    static final String SAVED = "crash";
    static final String JOURNALED = "journal";

    private CrashChild() {
    }

    public static void main(String[] args) throws Exception {
        ProfileStore store = new ProfileStore(Path.of(args[1]));
        if (args[0].equals("save")) {
            for (int version = 1; ; version++) {
                store.save(version(version));
                System.out.println(version);
                System.out.flush();
            }
        }
        Journal journal = new Journal(new ProfileJournalStore(store, JOURNALED));
        for (int i = journal.all().size(); ; i++) {
            String id = "res-" + i;
            journal.record(new ResourceRecord("test-resource", id, "r" + i, Map.of("index", String.valueOf(i)),
                    "crash-child", Instant.now()));
            System.out.println(id);
            System.out.flush();
        }
    }

    /**
     * Version {@code n} of the saved profile. Its size changes with {@code n}, so a file cut short or
     * mixed from two versions cannot pass for a complete one.
     */
    static Profile version(int n) {
        List<ResourceRecord> resources = new ArrayList<>();
        for (int i = 0; i < 100 + n % 50; i++) {
            resources.add(new ResourceRecord("subnet", "subnet-" + n + "-" + i, "team-" + i,
                    Map.of("zone", "eu-central-1" + (char) ('a' + i % 3), "version", String.valueOf(n)), "network",
                    Instant.ofEpochSecond(1_700_000_000L + n, i)));
        }
        Profile full = TestProfiles.full(SAVED);
        return full.withDeployment(new DeploymentState(DeploymentStatus.DEPLOYING, resources, "v" + n, "", "", "",
                "", null));
    }
}
