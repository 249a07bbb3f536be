package dev.hubwizard.cli;

import dev.hubwizard.aws.HubAddress;
import dev.hubwizard.deploy.Deployment;
import dev.hubwizard.deploy.DockerImagePush;
import dev.hubwizard.deploy.HubUrlStep;
import dev.hubwizard.deploy.LocalTestApproval;
import dev.hubwizard.engine.RunResult;
import dev.hubwizard.engine.Session;
import dev.hubwizard.profile.Profile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code hubwizard deploy} and {@code hubwizard redeploy}: the same plan (every step finds what exists
 * and changes only what differs). Redeploy warns first what a new task means, and says so when
 * nothing changed. The hub URL is the last line on stdout.
 */
@Command(description = "Deploy the profile's hub (build, test locally, push, network, task definition, service).")
final class DeployCommand implements Callable<Integer> {

    private final CliContext context;
    private final boolean redeploy;

    @Mixin
    ProfileOption target;

    @Option(names = {"-v", "--verbose"}, description = "Also print debug lines.")
    boolean verbose;

    DeployCommand(CliContext context, boolean redeploy) {
        this.context = context;
        this.redeploy = redeploy;
    }

    @Override
    public Integer call() throws Exception {
        Optional<Profile> loaded = ProfileLoader.load(context, target.name, true);
        if (loaded.isEmpty()) {
            return ExitCodes.BROKEN_PROFILE;
        }
        Profile profile = loaded.get();
        if (redeploy) {
            warn(profile);
        }
        try (Deployment deployment = new Deployment(profile, context.store(), context.tools(), context.terminal())) {
            RunResult result = new PlanRunner(context, verbose).run(deployment,
                    deployment.deployPlan(LocalTestApproval.WHEN_CHECKED), redeploy ? "redeploy" : "deploy");
            if (result != null && result.succeeded()) {
                Session session = deployment.session();
                Map<String, Integer> changing = deployment.aws().calls().changing();
                boolean pushed = !session.values().get(DockerImagePush.ALREADY_THERE).orElse(false);
                if (changing.isEmpty() && !pushed) {
                    context.out().println("Nothing changed: the hub already ran this image and task definition.");
                } else if (redeploy) {
                    context.out().println("Changed in AWS: " + (changing.isEmpty() ? "nothing but the image"
                            : String.join(", ", changing.keySet())));
                }
                session.values().get(HubUrlStep.HUB_URL).map(HubAddress::url)
                        .ifPresent(url -> context.out().println("Hub URL: " + url));
            }
            return PlanRunner.exitCode(result);
        }
    }

    private void warn(Profile profile) {
        if (!profile.options().stableAddress()) {
            context.out().println("Note: if the hub's task is replaced, its public IP address and so its URL change.");
        }
        if (!profile.options().keepUserFiles()) {
            context.out().println("Note: files in users' home folders are lost when the task is replaced "
                    + "(turn on \"keep users' files\" to keep them).");
        }
    }
}
