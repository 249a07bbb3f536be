package dev.hubwizard.deploy;

import dev.hubwizard.aws.AwsTexts;
import dev.hubwizard.aws.TaskDefinitions;
import dev.hubwizard.engine.Intent;
import dev.hubwizard.engine.Step;
import dev.hubwizard.engine.StepContext;
import dev.hubwizard.profile.Profile;

import java.util.List;
import java.util.Set;

/**
 * A teardown step: once every task has stopped, deregisters every revision of the users' task definition family and
 * of each person's, which the hub registered for their home folder and the journal never saw. Only revisions tagged
 * with the profile are touched.
 */
final class DeregisterUsersFamiliesStep implements Step {

    static final String ID = "deregister-users-task-definitions";

    private final UsersServersLeftovers leftovers;
    private final TaskDefinitions taskDefinitions;
    private final String family;

    DeregisterUsersFamiliesStep(Profile profile, TaskDefinitions taskDefinitions) {
        this.leftovers = new UsersServersLeftovers(profile);
        this.taskDefinitions = taskDefinitions;
        this.family = new AwsTexts(profile.name()).userTaskFamily();
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Deregister the users' task definitions";
    }

    @Override
    public Set<String> dependsOn() {
        return Set.of(StopTasksStep.ID);
    }

    @Override
    public void run(StepContext context) throws Exception {
        if (!leftovers.possible(context.journal())) {
            return;
        }
        int deregistered = taskDefinitions.deregisterUsers(context, family);
        if (deregistered == 0) {
            context.log().info("No users' task definition of this profile is registered (" + family + ", "
                    + family + "-*)");
        }
    }

    @Override
    public List<Intent> preview(StepContext context) {
        return leftovers.possible(context.journal()) ? List.of(Intent.run("deregister every revision of " + family
                + " and of each person's " + family + "-NAME")) : List.of();
    }
}
