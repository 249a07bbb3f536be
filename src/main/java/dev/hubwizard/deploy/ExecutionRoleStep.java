package dev.hubwizard.deploy;

import dev.hubwizard.aws.AwsClients;
import dev.hubwizard.aws.ExecutionRole;
import dev.hubwizard.aws.ExecutionRoles;
import dev.hubwizard.aws.ProfileTags;
import dev.hubwizard.engine.Intent;
import dev.hubwizard.engine.Key;
import dev.hubwizard.engine.Step;
import dev.hubwizard.engine.StepContext;
import dev.hubwizard.profile.Profile;

import java.util.List;

/** Finds or creates the task execution role ECS pulls the image and writes logs with. */
public final class ExecutionRoleStep implements Step {

    public static final String ID = "role";
    public static final Key<ExecutionRole> ROLE = Key.of("role", ExecutionRole.class);

    private final ExecutionRoles roles;

    public ExecutionRoleStep(Profile profile, AwsClients aws) {
        this.roles = new ExecutionRoles(aws, new ProfileTags(profile.name()));
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Task execution role";
    }

    @Override
    public void run(StepContext context) throws Exception {
        context.put(ROLE, roles.ensure(context));
    }

    @Override
    public List<Intent> preview(StepContext context) throws Exception {
        return roles.preview();
    }
}
