package dev.hubwizard.ui;

import dev.hubwizard.aws.CognitoUsers;
import dev.hubwizard.aws.signin.MfaCodePrompt;
import dev.hubwizard.deploy.DeployTools;
import dev.hubwizard.deploy.Deployment;
import dev.hubwizard.deploy.LocalTestApproval;
import dev.hubwizard.engine.Plan;
import dev.hubwizard.engine.ProblemException;
import dev.hubwizard.engine.RunResult;
import dev.hubwizard.engine.Run;
import dev.hubwizard.engine.RunListener;
import dev.hubwizard.engine.Runner;
import dev.hubwizard.engine.Session;
import dev.hubwizard.profile.Profile;
import dev.hubwizard.profile.ProfileStore;
import dev.hubwizard.ui.finish.Invites;
import dev.hubwizard.ui.wizard.DeploySource;

import java.util.List;
import java.util.function.Supplier;

/**
 * The profile a wizard has open, as the source of its runs. When the settings page saves a change the
 * next run gets a fresh Deployment (new AWS clients for a new region or account, the journal reloaded
 * from the file); until then one Deployment serves every run.
 */
final class OpenHub implements DeploySource, Invites, AutoCloseable {

    private final ProfileStore store;
    private final Supplier<DeployTools> tools;
    private final Runner runner;
    private final LocalTestApproval approval;
    private final MfaCodePrompt mfaCodes;
    private Profile profile;
    private Deployment deployment;

    OpenHub(Profile profile, ProfileStore store, Supplier<DeployTools> tools, Runner runner,
            LocalTestApproval approval, MfaCodePrompt mfaCodes) {
        this.mfaCodes = mfaCodes;
        this.profile = profile;
        this.store = store;
        this.tools = tools;
        this.runner = runner;
        this.approval = approval;
    }

    synchronized Profile profile() {
        return profile;
    }

    /** The profile as just saved; the next run uses it. */
    synchronized void saved(Profile saved) {
        profile = saved;
        closeDeployment();
    }

    /** The AWS sign-in changed: the next run builds new AWS clients, which read it afresh. */
    synchronized void signedIn() {
        closeDeployment();
    }

    private synchronized Deployment deployment() {
        if (deployment == null) {
            deployment = new Deployment(profile, store, tools.get(), mfaCodes);
        }
        return deployment;
    }

    @Override
    public Session session() throws Exception {
        return deployment().session();
    }

    @Override
    public Plan plan() {
        return deployment().deployPlan(approval);
    }

    @Override
    public Run start(Plan plan, RunListener listener) throws Exception {
        return deployment().start(runner, plan, listener);
    }

    @Override
    public List<CognitoUsers.InvitedUser> invited() throws Exception {
        return deployment().invitedUsers();
    }

    @Override
    public void invite(List<CognitoUsers.Invitation> invitations) throws Exception {
        RunResult result = deployment().start(runner, deployment().invitePlan(invitations), new RunListener() {
        }).await();
        if (result.firstFailure().isPresent()) {
            throw new ProblemException(result.firstFailure().get().problem());
        }
    }

    private synchronized void closeDeployment() {
        if (deployment != null) {
            deployment.close();
            deployment = null;
        }
    }

    @Override
    public void close() {
        closeDeployment();
    }
}
