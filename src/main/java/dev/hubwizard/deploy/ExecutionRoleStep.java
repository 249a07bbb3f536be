package dev.hubwizard.deploy;

import dev.hubwizard.aws.AwsClients;
import dev.hubwizard.aws.AwsTexts;
import dev.hubwizard.aws.ExecutionRole;
import dev.hubwizard.aws.ExecutionRoles;
import dev.hubwizard.aws.ProfileTags;
import dev.hubwizard.engine.Intent;
import dev.hubwizard.engine.Key;
import dev.hubwizard.engine.Step;
import dev.hubwizard.engine.StepContext;
import dev.hubwizard.profile.Profile;
import dev.hubwizard.profile.SignIn;

import java.util.List;
import java.util.Set;

/**
 * Finds or creates the task execution role ECS pulls the image and writes logs with: the account's shared
 * {@code ecsTaskExecutionRole}, or with Cognito sign-in a role of the hub's own that may also read the app
 * client's secret (see {@link ExecutionRoles} for why not the shared one).
 */
public final class ExecutionRoleStep implements Step {

    public static final String ID = "role";
    public static final Key<ExecutionRole> ROLE = Key.of("role", ExecutionRole.class);

    private final ExecutionRoles roles;
    private final boolean cognito;
    private final String name;

    public ExecutionRoleStep(Profile profile, AwsClients aws) {
        this.roles = new ExecutionRoles(aws, new ProfileTags(profile.name()));
        this.cognito = profile.hub().signIn() == SignIn.COGNITO;
        this.name = cognito ? new AwsTexts(profile.name()).ownExecutionRoleName() : ExecutionRoles.NAME;
    }

    @Override
    public Set<String> dependsOn() {
        return cognito ? Set.of(CognitoStep.ID) : Set.of();
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
        ExecutionRole role = roles.ensure(context, name);
        if (cognito) {
            role = roles.allowSecretsRead(context, role, List.of(context.require(CognitoStep.CLIENT).secretArn()));
        }
        context.put(ROLE, role);
    }

    @Override
    public List<Intent> preview(StepContext context) throws Exception {
        return roles.preview(name, cognito ? "may read the Cognito client secret, and nothing else of the account's"
                + " secrets" : "");
    }
}
