package dev.hubwizard.deploy;

import dev.hubwizard.docker.BuiltImage;
import dev.hubwizard.docker.HubEnvironment;
import dev.hubwizard.docker.LocalHub;
import dev.hubwizard.docker.LocalHubRunner;
import dev.hubwizard.docker.LocalRun;
import dev.hubwizard.engine.Intent;
import dev.hubwizard.engine.Key;
import dev.hubwizard.engine.Problem;
import dev.hubwizard.engine.ProblemException;
import dev.hubwizard.engine.Step;
import dev.hubwizard.engine.StepContext;
import dev.hubwizard.hub.CheckFailed;
import dev.hubwizard.hub.FirstUsePassword;
import dev.hubwizard.hub.HubBrowser;
import dev.hubwizard.hub.HubCheck;
import dev.hubwizard.hub.HubLogExcerpt;
import dev.hubwizard.hub.PersonCheck;
import dev.hubwizard.profile.Profile;
import dev.hubwizard.profile.SignIn;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Step 2: runs the built image on this computer and uses it as a person would: waits until
 * {@code /hub/health} answers, signs in as a throwaway admin (added to this container only, with a random
 * password), waits for that person's notebook server, runs a line of Python in a kernel and checks the
 * answer. Then it offers the address until the approval says so, and stops and removes the container.
 *
 * <p>With Cognito sign-in the container still signs people in with first-use passwords: Cognito's hosted UI
 * only sends people back to the hub's HTTPS address on AWS, and the user pool is made later in the deploy.
 * Everything after the sign-in (the account, the server, the kernel) is the same either way; the hub URL
 * step checks that the deployed hub sends people to Cognito.
 */
public final class LocalTestStep implements Step {

    public static final String ID = "test-local";
    public static final Key<LocalTestResult> RESULT = Key.of("local-test", LocalTestResult.class);
    /** JupyterHub answers in about 2 s on a laptop; the first start of a fresh image takes longer. */
    public static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(60);
    /**
     * A first notebook server starts in seconds (10 s on two busy cores); the hub image gives it 120 s, so the
     * check waits a little longer and reports the hub's own verdict.
     */
    public static final Duration SERVER_TIMEOUT = Duration.ofSeconds(150);

    /** The hub's log reaches this app a moment after the answer that failed a check. */
    private static final Duration LOG_CATCH_UP = Duration.ofMillis(500);

    private final Profile profile;
    private final LocalHubRunner runner;
    private final LocalTestApproval approval;
    private final Duration healthTimeout;

    public LocalTestStep(Profile profile, LocalHubRunner runner, LocalTestApproval approval, Duration healthTimeout) {
        this.profile = profile;
        this.runner = runner;
        this.approval = approval;
        this.healthTimeout = healthTimeout;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Test the hub on this computer";
    }

    @Override
    public Set<String> dependsOn() {
        return Set.of(BuildImageStep.ID);
    }

    @Override
    public void run(StepContext context) throws Exception {
        BuiltImage image = context.require(BuildImageStep.IMAGE);
        if (profile.hub().signIn() != SignIn.FIRST_USE_PASSWORD) {
            context.log().info("The local test signs in with a first-use password: Cognito sends people back only to "
                    + "the hub's HTTPS address on AWS. After the deploy, the hub URL step checks the Cognito sign-in.");
        }
        LocalTestAccount account = LocalTestAccount.random();
        context.secret(account.password());
        LocalRun run = new LocalRun(image.imageId(), containerName(profile), profile.hub().localPort(),
                profile.hub().hostNetwork(), Map.of(
                HubEnvironment.SIGN_IN, HubEnvironment.signIn(SignIn.FIRST_USE_PASSWORD),
                HubEnvironment.ADMIN_USERS, account.name()));
        try (LocalHub hub = runner.start(run, context)) {
            Checks checks = new Checks(hub, context);
            checks.started(HubCheck.HUB_ANSWERS);
            long logMark = hub.logMark();
            try {
                Duration took = hub.awaitHealthy(healthTimeout, context);
                checks.passed(HubCheck.HUB_ANSWERS, took, "at " + hub.url());
                logMark = hub.logMark();
                new PersonCheck(new HubBrowser(hub.loopbackUrl()), new FirstUsePassword(account.name(),
                        account.password()), SERVER_TIMEOUT).run(context, checks);
            } catch (ProblemException e) {
                checks.failed(HubCheck.HUB_ANSWERS, e.problem().what());
                throw e;
            } catch (CheckFailed failed) {
                context.pause(LOG_CATCH_UP);
                List<String> hubLog = HubLogExcerpt.of(hub.log(), hub.logIndex(logMark), account.name());
                checks.failed(failed.check(), failed.what());
                throw problem(failed, hubLog, failed);
            }
            context.log().info("Every check passed: the hub answers, a person signs in, gets a server and runs code. "
                    + "Sign in as one of the admins or allowed users with a new password of 7 or more characters "
                    + "to look around.");
            if (!approval.approve(hub.url(), context)) {
                throw new ProblemException("The local test was turned down", "the hub did not look right",
                        "Change the users or the image folder, then build and test again");
            }
            context.put(RESULT, new LocalTestResult(image.imageId(), hub.url(), checks.passed));
        }
        context.log().info("Stopped and removed the test container");
    }

    @Override
    public List<Intent> preview(StepContext context) {
        return List.of(Intent.run("run the image at http://localhost:" + profile.hub().localPort()
                + "/, sign in as a throwaway admin, start a server and run a line of Python, then stop and remove it"));
    }

    /** The local test's container for a profile; the preflight removes one a killed run left behind. */
    static String containerName(Profile profile) {
        return "hubwizard-test-" + profile.names().repository();
    }

    /** A check that failed, named, with what the hub did and the hub's own words about it. */
    static ProblemException problem(CheckFailed failed, List<String> hubLog, Throwable cause) {
        String log = hubLog.isEmpty() ? "" : ". The hub's log:\n" + String.join("\n", hubLog);
        Problem problem = switch (failed.check()) {
            case HUB_ANSWERS -> new Problem("The hub did not answer", failed.what() + log,
                    "Fix what the log shows, then press Retry");
            case SIGNED_IN -> new Problem("Nobody could sign in to the hub", failed.what() + log,
                    "A sign-in creates the person's account in the image: fix what the log shows (the image "
                            + "folder's Dockerfile or configuration), then build and test again");
            case SERVER_STARTED -> new Problem("A signed-in person got no notebook server", failed.what() + log,
                    "The hub could not start the server it starts for each person: fix what the log shows (the "
                            + "image's notebook package or the account), then build and test again");
            case CODE_RAN -> new Problem("Code did not run in the person's notebook server", failed.what() + log,
                    "The server started but its Python kernel did not answer: fix what the log shows, then "
                            + "build and test again");
        };
        return new ProblemException(problem, cause);
    }

    /** The checks as they go: to the approval (the page), to the log (the CLI), and kept for the result. */
    private final class Checks implements PersonCheck.Listener {

        private final LocalHub hub;
        private final StepContext context;
        private final List<LocalTestCheck> passed = new ArrayList<>();

        Checks(LocalHub hub, StepContext context) {
            this.hub = hub;
            this.context = context;
        }

        @Override
        public void started(HubCheck check) {
            approval.checked(LocalTestCheck.running(check));
        }

        @Override
        public void passed(HubCheck check, Duration took, String detail) {
            LocalTestCheck done = LocalTestCheck.passed(check, took, hub.sinceStart(), detail);
            passed.add(done);
            context.log().info(done.line());
            approval.checked(done);
        }

        void failed(HubCheck check, String what) {
            LocalTestCheck failed = LocalTestCheck.failed(check, hub.sinceStart(), what);
            context.log().warn(failed.line());
            approval.checked(failed);
        }
    }
}
