package dev.hubwizard.deploy;

import dev.hubwizard.aws.DeletionWaits;
import dev.hubwizard.aws.EcsTasks;
import dev.hubwizard.aws.ResourceKind;
import dev.hubwizard.engine.Intent;
import dev.hubwizard.engine.ProblemException;
import dev.hubwizard.engine.ResourceRecord;
import dev.hubwizard.engine.Step;
import dev.hubwizard.engine.StepContext;

import java.util.List;
import java.util.Set;

/**
 * A teardown step: once the service is gone, stops the hub's tasks still running in the profile's
 * clusters and waits until they have stopped; the network, the cluster and the log group go after. Users' servers
 * in their own Fargate tasks go with them: the hub tags each with the profile as the service tags the hub's, and with
 * the hub gone nothing starts another.
 * A task that does not stop is reported by the cluster that still holds it.
 */
final class StopTasksStep implements Step {

    static final String ID = "stop-tasks";

    private final EcsTasks tasks;
    private final DeletionWaits waits;
    private final Set<String> dependsOn;

    StopTasksStep(EcsTasks tasks, DeletionWaits waits, Set<String> dependsOn) {
        this.tasks = tasks;
        this.waits = waits;
        this.dependsOn = Set.copyOf(dependsOn);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Stop the hub's tasks";
    }

    @Override
    public Set<String> dependsOn() {
        return dependsOn;
    }

    @Override
    public void run(StepContext context) throws Exception {
        for (ResourceRecord cluster : context.journal().ofKind(ResourceKind.ECS_CLUSTER)) {
            context.throwIfCancelled();
            try {
                if (tasks.stop(context, cluster.id(), waits) == 0) {
                    context.log().info("No task of this profile runs in cluster " + cluster.name());
                }
            } catch (ProblemException e) {
                context.log().warn(e.problem().text());
            }
        }
    }

    @Override
    public List<Intent> preview(StepContext context) {
        List<String> clusters = context.journal().ofKind(ResourceKind.ECS_CLUSTER).stream()
                .map(ResourceRecord::name).toList();
        return clusters.isEmpty() ? List.of() : List.of(Intent.run("stop the hub's tasks (and users' servers) in "
                + String.join(", ", clusters) + " and wait until they have stopped"));
    }
}
