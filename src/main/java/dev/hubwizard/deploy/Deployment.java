package dev.hubwizard.deploy;

import dev.hubwizard.aws.AwsClients;
import dev.hubwizard.aws.DeletionWaits;
import dev.hubwizard.engine.Journal;
import dev.hubwizard.engine.Plan;
import dev.hubwizard.engine.Run;
import dev.hubwizard.engine.RunListener;
import dev.hubwizard.engine.Runner;
import dev.hubwizard.engine.Session;
import dev.hubwizard.profile.Profile;
import dev.hubwizard.profile.ProfileJournalStore;
import dev.hubwizard.profile.ProfileStore;

import java.io.IOException;
import java.time.Clock;

/**
 * One profile's deployment as the wizard and the CLI drive it: its AWS clients, its session (whose
 * journal is the profile file itself), and the plans that deploy and tear it down. Built cheaply;
 * the AWS clients and the journal are made on first use, on the thread that runs the plan.
 */
public final class Deployment implements AutoCloseable {

    private final Profile profile;
    private final ProfileStore store;
    private final DeployTools tools;
    private final AwsClients aws;
    private Session session;

    public Deployment(Profile profile, ProfileStore store, DeployTools tools) {
        this.profile = profile;
        this.store = store;
        this.tools = tools;
        this.aws = new AwsClients(profile.aws());
    }

    public Profile profile() {
        return profile;
    }

    public AwsClients aws() {
        return aws;
    }

    /** The session; loads the journal from the profile file the first time. */
    public synchronized Session session() throws IOException {
        if (session == null) {
            session = new Session(new Journal(new ProfileJournalStore(store, profile.name())));
        }
        return session;
    }

    public Plan deployPlan(LocalTestApproval approval) {
        return DeployPlan.create(profile, aws, tools, approval);
    }

    /**
     * Deletes what this profile's deploys created, as its journal records it; {@link TeardownPlan#preview}
     * lists that first.
     */
    public Plan teardownPlan(TeardownChoices choices) {
        return TeardownPlan.create(profile, aws, choices, DeletionWaits.DEFAULT);
    }

    /**
     * Starts a deploy or a teardown (or the part of one in {@code plan}) and keeps the profile's summary
     * true while it runs.
     */
    public Run start(Runner runner, Plan plan, RunListener listener) throws IOException {
        Session s = session();
        RunListener recorder = TeardownPlan.NAME.equals(plan.name())
                ? new TeardownRecorder(store, profile.name(), s.journal())
                : new DeploymentRecorder(store, profile.name(), s.values(), Clock.systemUTC());
        return runner.start(plan, s, RunListener.all(recorder, listener));
    }

    @Override
    public void close() {
        aws.close();
    }
}
