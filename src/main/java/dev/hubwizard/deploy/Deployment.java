package dev.hubwizard.deploy;

import dev.hubwizard.aws.AwsClients;
import dev.hubwizard.aws.CognitoUsers;
import dev.hubwizard.aws.FileSystems;
import dev.hubwizard.aws.ProfileTags;
import dev.hubwizard.aws.ResourceKind;
import dev.hubwizard.aws.UserPools;
import dev.hubwizard.aws.signin.MfaCodePrompt;
import dev.hubwizard.cost.CostEstimator;
import dev.hubwizard.engine.Journal;
import dev.hubwizard.engine.Plan;
import dev.hubwizard.engine.ProblemException;
import dev.hubwizard.engine.ResourceRecord;
import dev.hubwizard.engine.Run;
import dev.hubwizard.engine.RunListener;
import dev.hubwizard.engine.Runner;
import dev.hubwizard.engine.Session;
import dev.hubwizard.profile.Profile;
import dev.hubwizard.profile.ProfileJournalStore;
import dev.hubwizard.profile.ProfileStore;

import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolType;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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
        this(profile, store, tools, MfaCodePrompt.NONE);
    }

    /** @param mfaCodes asks for the code when the profile's AWS role needs one (a dialog, or the terminal) */
    public Deployment(Profile profile, ProfileStore store, DeployTools tools, MfaCodePrompt mfaCodes) {
        this.profile = profile;
        this.store = store;
        this.tools = tools;
        this.aws = new AwsClients(profile.aws(), mfaCodes, tools.consistency());
    }

    public Profile profile() {
        return profile;
    }

    public AwsClients aws() {
        return aws;
    }

    /** The waits and the Docker side its plans are made with; day-two operations wait the same way. */
    public DeployTools tools() {
        return tools;
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
        return TeardownPlan.create(profile, aws, choices, tools.deletionWaits());
    }

    /**
     * Invites people to the hub's Cognito user pool (see {@link InviteUsersStep}, whose {@code problems} a dialog
     * can show while the list is typed); run it with {@link #start}.
     */
    public Plan invitePlan(List<CognitoUsers.Invitation> invitations) {
        return new Plan(InviteUsersStep.PLAN, List.of(new InviteUsersStep(profile, aws, invitations)));
    }

    /** Who is in the hub's user pool and whether they have signed in yet; empty before the first deploy. */
    public List<CognitoUsers.InvitedUser> invitedUsers() throws IOException, ProblemException {
        Optional<UserPoolType> pool = new UserPools(aws, new ProfileTags(profile.name()))
                .find(session().journal(), profile.hub().cognito().userPoolName());
        return pool.isEmpty() ? List.of() : new CognitoUsers(aws).list(pool.get().id());
    }

    /**
     * The users' files a teardown keeps (by default), with what keeping them costs a month at their size now:
     * for the teardown confirmation.
     */
    public List<KeptFileSystem> keptFileSystems(CostEstimator costs) throws IOException, ProblemException {
        FileSystems fileSystems = new FileSystems(aws, new ProfileTags(profile.name()));
        List<KeptFileSystem> kept = new ArrayList<>();
        for (ResourceRecord record : session().journal().ofKind(ResourceKind.FILE_SYSTEM)) {
            Optional<Long> bytes = fileSystems.size(record.id());
            if (bytes.isPresent()) {
                double gigabytes = bytes.get() / 1e9;
                kept.add(new KeptFileSystem(record.id(), bytes.get(),
                        costs.keptFileSystemMonthly(profile.aws().region(), gigabytes)));
            }
        }
        return kept;
    }

    /**
     * Starts a deploy, a teardown or an invitation (or the part of one in {@code plan}); a deploy or teardown
     * keeps the profile's summary true while it runs.
     */
    public Run start(Runner runner, Plan plan, RunListener listener) throws IOException {
        Session s = session();
        if (TeardownPlan.NAME.equals(plan.name())) {
            return runner.start(plan, s, RunListener.all(new TeardownRecorder(store, profile.name(), s.journal()),
                    listener));
        }
        if (DeployPlan.NAME.equals(plan.name())) {
            return runner.start(plan, s, RunListener.all(new DeploymentRecorder(store, profile.name(), s.values(),
                    Clock.systemUTC()), listener));
        }
        return runner.start(plan, s, listener);
    }

    @Override
    public void close() {
        aws.close();
    }
}
