package dev.hubwizard.operate;

import dev.hubwizard.aws.DeletionWaits;
import dev.hubwizard.aws.ServiceScaling;
import dev.hubwizard.engine.Intent;
import dev.hubwizard.engine.Step;
import dev.hubwizard.engine.StepContext;
import dev.hubwizard.profile.Profile;

import java.util.List;

/**
 * Pauses the hub: its service runs no task (Fargate bills nothing for it), then waits until ECS has stopped the
 * task. What does not depend on a task (a load balancer, users' files, the image) stays, and keeps costing.
 */
public final class PauseStep implements Step {

    public static final String ID = "pause";

    private final Profile profile;
    private final ServiceScaling scaling;
    private final HubSummary summary;
    private final DeletionWaits waits;

    PauseStep(Profile profile, ServiceScaling scaling, HubSummary summary, DeletionWaits waits) {
        this.profile = profile;
        this.scaling = scaling;
        this.summary = summary;
        this.waits = waits;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Pause the hub";
    }

    @Override
    public void run(StepContext ctx) throws Exception {
        String cluster = profile.names().cluster();
        String service = profile.names().service();
        scaling.setDesiredCount(cluster, service, 0);
        // From here ECS stops the task on its own, with the app closed or not.
        summary.paused();
        ctx.log().info("Service " + service + " now runs no task");
        int stopped = scaling.waitUntilStopped(ctx, cluster, service, waits);
        ctx.log().info(stopped == 0 ? "No task was running" : "The hub's task stopped: the hub is paused");
    }

    @Override
    public List<Intent> preview(StepContext context) {
        return List.of(Intent.change("ECS service", profile.names().service(), "runs no task until resumed"));
    }
}
