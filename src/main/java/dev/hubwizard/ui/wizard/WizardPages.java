package dev.hubwizard.ui.wizard;

import java.util.List;

/**
 * The wizard's pages, in the order of the guide, and the engine steps each one runs. Page ids are
 * stable: preflight, settings, build, test-local, repository, push, network, task-definition,
 * service, hub-url.
 */
public final class WizardPages {

    private WizardPages() {
    }

    /**
     * The guide's pages. The ones with views of their own are made by the caller (they need the
     * deploy controller and the open profile); the rest are plain step pages.
     */
    public static List<PageModel> guide(PageModel preflight, PageModel settings, PageModel plan, PageModel localTest,
                                        PageModel finish) {
        return List.of(
                preflight,
                settings,
                plan,
                new PageModel("build", "Build the image",
                        "Builds the JupyterHub image on this computer from the hub image folder, with your admins and "
                                + "allowed users written into it, for the task's CPU architecture.", List.of("build")),
                localTest,
                new PageModel("repository", "Repository",
                        "Finds or creates the Amazon ECR repository that holds the hub image.",
                        List.of("repository")),
                new PageModel("push", "Push",
                        "Uploads the image to the repository, layer by layer. An image the repository holds already "
                                + "is not sent again.", List.of("push")),
                new PageModel("network", "Network and cluster",
                        "Creates a VPC with two public subnets, an internet gateway and a security group that lets "
                                + "your address reach port 8000, and an ECS cluster for Fargate. With the team options "
                                + "also the load balancer, its HTTPS certificate and DNS records, and the file system "
                                + "for users' files.",
                        // The option steps show here when the profile has them; Run runs what every profile has.
                        List.of("network", "cluster", "certificate", "load-balancer", "listeners", "domain-record",
                                "file-system"), List.of("network", "cluster"), "Run"),
                new PageModel("task-definition", "Task definition",
                        "Registers how the hub runs on Fargate: CPU, memory, port 8000, the image, the log group and "
                                + "the role that lets ECS pull the image. A new revision only when something changed. "
                                + "With Cognito sign-in, first the user pool and the hub's app client.",
                        List.of("cognito", "role", "log-group", "task-definition"),
                        List.of("role", "log-group", "task-definition"), "Run"),
                new PageModel("service", "Service",
                        "Creates or updates the ECS service that keeps one hub task running, and waits until it is "
                                + "stable. Its events appear in the log as they happen.", List.of("service")),
                finish);
    }

    /** A page per step of a plan, in its order: for runs such as the teardown that have no guide. */
    public static List<PageModel> forPlan(dev.hubwizard.engine.Plan plan) {
        return plan.steps().stream()
                .map(step -> new PageModel(step.id(), step.title(), step.title() + ".", List.of(step.id())))
                .toList();
    }
}
