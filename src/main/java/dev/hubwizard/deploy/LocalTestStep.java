package dev.hubwizard.deploy;

import dev.hubwizard.docker.BuiltImage;
import dev.hubwizard.docker.HubEnvironment;
import dev.hubwizard.docker.LocalHub;
import dev.hubwizard.docker.LocalHubRunner;
import dev.hubwizard.docker.LocalRun;
import dev.hubwizard.engine.Intent;
import dev.hubwizard.engine.Key;
import dev.hubwizard.engine.ProblemException;
import dev.hubwizard.engine.Step;
import dev.hubwizard.engine.StepContext;
import dev.hubwizard.profile.Profile;
import dev.hubwizard.profile.SignIn;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Step 2: runs the built image on this computer, waits until {@code /hub/health} answers, offers
 * the address until the approval says so, then stops and removes the container.
 */
public final class LocalTestStep implements Step {

    public static final String ID = "test-local";
    public static final Key<LocalTestResult> RESULT = Key.of("local-test", LocalTestResult.class);
    /** JupyterHub answers in about 2 s on a laptop; the first start of a fresh image takes longer. */
    public static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(60);

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
            context.log().info("The local test signs in with first-use passwords: Cognito needs the hub's HTTPS address");
        }
        LocalRun run = new LocalRun(image.imageId(), containerName(profile), profile.hub().localPort(),
                profile.hub().hostNetwork(),
                Map.of(HubEnvironment.SIGN_IN, HubEnvironment.signIn(SignIn.FIRST_USE_PASSWORD)));
        try (LocalHub hub = runner.start(run, context)) {
            Duration took = hub.awaitHealthy(healthTimeout, context);
            context.log().info("The hub answers at " + hub.url() + " after " + took.toMillis() + " ms. Sign in as one of "
                    + "the admins or allowed users with a new password of 7 or more characters.");
            if (!approval.approve(hub.url(), context)) {
                throw new ProblemException("The local test was turned down", "the hub did not look right",
                        "Change the users or the image folder, then build and test again");
            }
            context.put(RESULT, new LocalTestResult(image.imageId(), hub.url(), took));
        }
        context.log().info("Stopped and removed the test container");
    }

    @Override
    public List<Intent> preview(StepContext context) {
        return List.of(Intent.run("run the image at http://localhost:" + profile.hub().localPort()
                + "/ until it looks good, then stop and remove it"));
    }

    /** The local test's container for a profile; the preflight removes one a killed run left behind. */
    static String containerName(Profile profile) {
        return "hubwizard-test-" + profile.names().repository();
    }
}
