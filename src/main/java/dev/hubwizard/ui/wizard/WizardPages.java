package dev.hubwizard.ui.wizard;

import dev.hubwizard.engine.Intent;
import dev.hubwizard.engine.Plan;
import dev.hubwizard.engine.Preview;
import dev.hubwizard.engine.Step;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

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
                                + "allowed users written into it, for the task's CPU architecture.", List.of("build"))
                        .typically("A first build downloads the JupyterHub base image and installs its packages:"
                                + " usually 2 to 5 minutes. Later builds reuse them and take seconds."),
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
                                "file-system"), List.of("network", "cluster"), "Run")
                        .typically("The network and the cluster take under a minute. With a domain name, AWS first"
                                + " checks the certificate's DNS record: usually 2 to 10 minutes, at most 30."),
                new PageModel("task-definition", "Task definition",
                        "Registers how the hub runs on Fargate: CPU, memory, port 8000, the image, the log group and "
                                + "the role that lets ECS pull the image. A new revision only when something changed. "
                                + "With Cognito sign-in, first the user pool and the hub's app client.",
                        List.of("cognito", "role", "log-group", "task-definition"),
                        List.of("role", "log-group", "task-definition"), "Run"),
                new PageModel("service", "Service",
                        "Creates or updates the ECS service that keeps one hub task running, and waits until it is "
                                + "stable. Its events appear in the log as they happen.", List.of("service"))
                        .typically("Waiting for AWS: Fargate pulls the image and starts the hub, and ECS waits until"
                                + " it keeps running. This usually takes 1 to 3 minutes; a hub that keeps stopping"
                                + " takes up to 20 minutes to give up, and its events in the log say why."),
                finish);
    }

    /**
     * The pages of a run that has no guide, such as the teardown: one per step that its preview says has
     * something to do, in the plan's order, described by what it acts on; the last step (the teardown's
     * check that nothing is left) always shows, so the run ends on a page.
     */
    public static List<PageModel> forPlan(Plan plan, List<Preview.StepPreview> previews) {
        Map<String, Preview.StepPreview> byStep = previews.stream()
                .collect(Collectors.toMap(Preview.StepPreview::stepId, p -> p, (a, b) -> a));
        List<Step> steps = plan.steps();
        Step last = steps.get(steps.size() - 1);
        List<PageModel> pages = new ArrayList<>();
        for (Step step : steps) {
            List<Intent> acts = Optional.ofNullable(byStep.get(step.id())).map(Preview.StepPreview::intents)
                    .orElse(List.of()).stream().filter(i -> i.action() != Intent.Action.RUN).toList();
            if (acts.isEmpty() && step != last) {
                continue;
            }
            String description = acts.isEmpty() ? step.title() + "."
                    : acts.stream().map(i -> i.kind() + " " + i.name()).collect(Collectors.joining("\n"));
            pages.add(new PageModel(step.id(), step.title(), description, List.of(step.id())));
        }
        return pages;
    }
}
