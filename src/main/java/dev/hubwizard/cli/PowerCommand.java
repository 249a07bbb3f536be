package dev.hubwizard.cli;

import dev.hubwizard.aws.HubAddress;
import dev.hubwizard.cost.CostEstimator;
import dev.hubwizard.cost.PriceList;
import dev.hubwizard.deploy.Deployment;
import dev.hubwizard.deploy.ResourcesInAws;
import dev.hubwizard.deploy.HubUrlStep;
import dev.hubwizard.engine.RunResult;
import dev.hubwizard.operate.HubPower;
import dev.hubwizard.operate.HubStatusReader;
import dev.hubwizard.profile.HubStanding;
import dev.hubwizard.profile.Profile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code hubwizard pause} and {@code hubwizard resume}: the hub's service runs no task (Fargate stops billing for
 * it) or one again; a resume waits until the hub answers and prints its address last, which without a stable
 * address is a new one. Running either again after Ctrl+C or a crash ends in the same state.
 */
@Command(description = "Pause the hub: its service runs no task, so Fargate stops billing for it.")
final class PowerCommand implements Callable<Integer> {

    private final CliContext context;
    private final boolean resume;

    @Mixin
    ProfileOption target;

    @Option(names = {"-v", "--verbose"}, description = "Also print debug lines.")
    boolean verbose;

    PowerCommand(CliContext context, boolean resume) {
        this.context = context;
        this.resume = resume;
    }

    @Override
    public Integer call() throws Exception {
        Optional<Profile> loaded = ProfileLoader.load(context, target.name, false);
        if (loaded.isEmpty()) {
            return ExitCodes.BROKEN_PROFILE;
        }
        Profile profile = loaded.get();
        if (!HubStatusReader.hasService(profile)) {
            context.err().println("'" + profile.name() + "' has no hub in AWS to " + (resume ? "resume" : "pause")
                    + " (it is " + ProfilesCommand.words(HubStanding.of(profile.deployment())) + "): deploy it first"
                    + " with `hubwizard deploy --profile " + profile.name() + "`.");
            return ExitCodes.FAILED;
        }
        try (Deployment deployment = new Deployment(profile, context.store(), context.tools(), context.terminal())) {
            HubPower power = new HubPower(deployment, context.store());
            RunResult result = new PlanRunner(context, verbose).run(deployment,
                    resume ? power.resumePlan() : power.pausePlan(), resume ? "resume" : "pause");
            if (result != null && result.succeeded()) {
                if (resume) {
                    deployment.session().values().get(HubUrlStep.HUB_URL).map(HubAddress::url)
                            .ifPresent(url -> context.out().println("Hub URL: " + url));
                } else {
                    Profile paused = context.store().load(profile.name());
                    context.out().println("Paused. Fargate bills nothing for the stopped task; what stays: "
                            + ResourcesInAws.of(paused, new CostEstimator(PriceList.bundled())).text()
                            + ". Resume with `hubwizard resume --profile " + profile.name() + "`.");
                }
            }
            return PlanRunner.exitCode(result);
        }
    }
}
