package dev.hubwizard.operate;

import dev.hubwizard.aws.DeletionWaits;
import dev.hubwizard.aws.EcsTasks;
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
    private final EcsTasks tasks;

    /** @param tasks with users' servers in their own tasks: stops those the hub leaves running */
    PauseStep(Profile profile, ServiceScaling scaling, HubSummary summary, DeletionWaits waits, EcsTasks tasks) {
        this.profile = profile;
        this.scaling = scaling;
        this.summary = summary;
        this.waits = waits;
        this.tasks = tasks;
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
        if (profile.servers().onFargate()) {
            // A hub whose state is kept leaves its users' servers running for the next hub: a paused hub has none.
            int servers = tasks.stop(ctx, cluster, waits, "Hub Wizard: the hub is paused");
            ctx.log().info(servers == 0 ? "No user's server was running" : servers + " user's server(s) stopped;"
                    + " their files stay");
        }
    }

    @Override
    public List<Intent> preview(StepContext context) {
        Intent service = Intent.change("ECS service", profile.names().service(), "runs no task until resumed");
        return profile.servers().onFargate() ? List.of(service, Intent.run("stop users' servers still running in "
                + profile.names().cluster() + " (their files stay)")) : List.of(service);
    }
}
