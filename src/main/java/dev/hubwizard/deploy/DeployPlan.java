package dev.hubwizard.deploy;

import dev.hubwizard.engine.Plan;

import java.util.List;
import java.util.Set;

/** The deploy, as a dependency graph: the one place that knows the order of the steps. */
public final class DeployPlan {

    private DeployPlan() {
    }

    /** Placeholders with the real ids and dependencies, until the real steps land. */
    public static Plan placeholders() {
        return new Plan("deploy", List.of(
                new PlaceholderStep("preflight", "Preflight", Set.of(), "Would check Docker and AWS credentials"),
                new PlaceholderStep("build", "Build", Set.of(), "Would build the hub image"),
                new PlaceholderStep("test-local", "Test locally", Set.of("build"), "Would run the image locally"),
                new PlaceholderStep("repository", "Repository", Set.of(), "Would find or create the repository"),
                new PlaceholderStep("push", "Push", Set.of("build", "repository"), "Would push the image"),
                new PlaceholderStep("network", "Network", Set.of(), "Would create the VPC and security group"),
                new PlaceholderStep("cluster", "Cluster", Set.of(), "Would create the ECS cluster"),
                new PlaceholderStep("role", "Execution role", Set.of(), "Would find or create the role"),
                new PlaceholderStep("log-group", "Log group", Set.of(), "Would create the log group"),
                new PlaceholderStep("task-definition", "Task definition", Set.of("push", "role", "log-group"),
                        "Would register the task definition"),
                new PlaceholderStep("service", "Service", Set.of("task-definition", "network", "cluster", "test-local"),
                        "Would create the service"),
                new PlaceholderStep("hub-url", "Hub URL", Set.of("service"), "Would find the hub's URL")));
    }
}
