package dev.hubwizard.cli;

import dev.hubwizard.deploy.Deployment;
import dev.hubwizard.deploy.TeardownChoices;
import dev.hubwizard.deploy.TeardownPlan;
import dev.hubwizard.engine.Intent;
import dev.hubwizard.engine.Plan;
import dev.hubwizard.engine.RunResult;
import dev.hubwizard.profile.Profile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.Console;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code hubwizard teardown}: shows every resource the profile's journal says it created, then deletes
 * them in dependency order once confirmed ({@code --yes}, or the profile's name typed at a terminal).
 * It never touches what the profile did not create.
 */
@Command(name = "teardown", description = "Delete everything the profile created in AWS (the plan is shown first).")
final class TeardownCommand implements Callable<Integer> {

    private final CliContext context;

    @Mixin
    ProfileOption target;

    @Option(names = "--yes", description = "Do not ask: delete what the plan lists.")
    boolean yes;

    @Option(names = "--keep-images", description = "Keep the ECR repository and its images.")
    boolean keepImages;

    @Option(names = "--delete-user-files", paramLabel = "NAME",
            description = "Also delete the users' files (the EFS file system); kept otherwise. Give the profile's "
                    + "name again to confirm.")
    String deleteUserFiles;

    @Option(names = {"-v", "--verbose"}, description = "Also print debug lines.")
    boolean verbose;

    TeardownCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        Optional<Profile> loaded = ProfileLoader.load(context, target.name, false);
        if (loaded.isEmpty()) {
            return ExitCodes.BROKEN_PROFILE;
        }
        Profile profile = loaded.get();
        TeardownChoices choices = keepImages ? TeardownChoices.KEEP_IMAGES : TeardownChoices.DELETE_EVERYTHING;
        if (deleteUserFiles != null) {
            Optional<String> problem = TeardownChoices.fileSystemConfirmationProblem(profile.name(), deleteUserFiles);
            if (problem.isPresent()) {
                context.err().println(problem.get() + " (--delete-user-files " + profile.name() + ")");
                return ExitCodes.USAGE;
            }
            choices = choices.deletingFileSystem(profile.name(), deleteUserFiles);
        }
        try (Deployment deployment = new Deployment(profile, context.store(), context.tools(), context.terminal())) {
            Plan plan = deployment.teardownPlan(choices);
            List<Intent> intents = TeardownPlan.preview(plan, deployment.session());
            List<Intent> deletions = intents.stream().filter(i -> i.action() == Intent.Action.DELETE).toList();
            if (deletions.isEmpty()) {
                context.out().println("Nothing to tear down: profile " + profile.name()
                        + " records no AWS resources it created.");
                return ExitCodes.OK;
            }
            context.out().println("Tearing down " + profile.name() + " (" + profile.aws().region() + ") deletes "
                    + deletions.size() + " resources it created, and nothing else:");
            for (Intent intent : intents) {
                context.out().println(String.format("  %-6s  %-18s  %s%s", intent.action().name().toLowerCase(),
                        intent.kind(), intent.name(), intent.detail().isBlank() ? "" : "  (" + intent.detail() + ")"));
            }
            if (!confirmed(profile)) {
                return ExitCodes.USAGE;
            }
            RunResult result = new PlanRunner(context, verbose).run(deployment, plan, "teardown");
            if (result != null && result.succeeded()) {
                context.out().println("Torn down: " + profile.name() + " has no resources left in AWS"
                        + (keepImages ? " but its ECR repository with the images." : "."));
            }
            return PlanRunner.exitCode(result);
        }
    }

    private boolean confirmed(Profile profile) {
        if (yes) {
            return true;
        }
        Console console = System.console();
        if (console == null) {
            context.err().println("Nothing was deleted. Add --yes to delete what is listed above.");
            return false;
        }
        String typed = console.readLine("Type the profile name (%s) to delete these: ", profile.name());
        if (typed != null && typed.trim().equals(profile.name())) {
            return true;
        }
        context.err().println("Nothing was deleted: the name did not match.");
        return false;
    }
}
