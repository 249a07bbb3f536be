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

    /** @param settings the page that edits the open profile (id {@code settings}); it runs no steps */
    public static List<PageModel> guide(PageModel settings) {
        return List.of(
                new PageModel("preflight", "Preflight",
                        "Checks that Docker runs, that AWS credentials work, which account and region the hub goes to, "
                                + "and that port 8000 is free.", List.of("preflight")),
                settings,
                new PageModel("build", "Build the image",
                        "Builds the JupyterHub image on this computer from the hub image folder, with your admins and "
                                + "allowed users written into it.", List.of("build")),
                new PageModel("test-local", "Test locally",
                        "Starts the image on this computer and waits until the hub answers on http://localhost:8000. "
                                + "Open it, look around, then press Next.", List.of("test-local")),
                new PageModel("repository", "Repository",
                        "Finds or creates the Amazon ECR repository that holds the hub image.",
                        List.of("repository")),
                new PageModel("push", "Push",
                        "Uploads the image to the repository, layer by layer.", List.of("push")),
                new PageModel("network", "Network and cluster",
                        "Creates a VPC with two public subnets, an internet gateway and a security group that lets "
                                + "your address reach port 8000, and an ECS cluster for Fargate.",
                        List.of("network", "cluster")),
                new PageModel("task-definition", "Task definition",
                        "Registers how the hub runs on Fargate: CPU, memory, port 8000, the image, the log group and "
                                + "the role that lets ECS pull the image.",
                        List.of("role", "log-group", "task-definition")),
                new PageModel("service", "Service",
                        "Creates or updates the ECS service that keeps one hub task running, and waits until it is "
                                + "stable.", List.of("service")),
                new PageModel("hub-url", "Hub URL",
                        "Finds the hub's public address and waits until it answers.", List.of("hub-url")));
    }
}
