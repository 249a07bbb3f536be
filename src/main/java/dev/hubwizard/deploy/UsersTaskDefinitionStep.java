package dev.hubwizard.deploy;

import dev.hubwizard.aws.AwsClients;
import dev.hubwizard.aws.AwsTexts;
import dev.hubwizard.aws.CloudWatchLogGroup;
import dev.hubwizard.aws.ExecutionRole;
import dev.hubwizard.aws.ProfileTags;
import dev.hubwizard.aws.TaskDefinitionRevision;
import dev.hubwizard.aws.TaskDefinitions;
import dev.hubwizard.aws.UserTaskDefinitionSpec;
import dev.hubwizard.engine.Intent;
import dev.hubwizard.engine.Key;
import dev.hubwizard.engine.Step;
import dev.hubwizard.engine.StepContext;
import dev.hubwizard.profile.Profile;
import dev.hubwizard.profile.ServerSize;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The users' task definition, {@code <prefix>-user}, that the hub starts each person's server from: the pushed users'
 * image, the execution role, the hub's log group, no task role, and the profile's first size as the default (the
 * hub overrides it with the size a person picks). A new revision only when something differs from the latest; the
 * hub names the family, so it starts the newest.
 */
public final class UsersTaskDefinitionStep implements Step {

    public static final String ID = "users-task-definition";
    public static final Key<TaskDefinitionRevision> TASK_DEFINITION =
            Key.of("users-task-definition", TaskDefinitionRevision.class);

    private final Profile profile;
    private final AwsClients aws;
    private final TaskDefinitions taskDefinitions;
    private final String family;

    public UsersTaskDefinitionStep(Profile profile, AwsClients aws) {
        this.profile = profile;
        this.aws = aws;
        this.taskDefinitions = new TaskDefinitions(aws, new ProfileTags(profile.name()));
        this.family = new AwsTexts(profile.name()).userTaskFamily();
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Users' task definition";
    }

    @Override
    public Set<String> dependsOn() {
        return Set.of(UsersPushStep.ID, ExecutionRoleStep.ID, LogGroupStep.ID);
    }

    @Override
    public void run(StepContext context) throws Exception {
        context.put(TASK_DEFINITION, taskDefinitions.ensure(context, spec(context.require(UsersPushStep.PUSHED_IMAGE),
                context.require(ExecutionRoleStep.ROLE), context.require(LogGroupStep.LOG_GROUP))));
    }

    @Override
    public List<Intent> preview(StepContext context) throws Exception {
        Optional<PushedImage> image = context.get(UsersPushStep.PUSHED_IMAGE);
        Optional<ExecutionRole> role = context.get(ExecutionRoleStep.ROLE);
        Optional<CloudWatchLogGroup> logGroup = context.get(LogGroupStep.LOG_GROUP);
        String what = "Fargate, port 8888, " + defaultSize().label() + " unless a person picks another size";
        if (taskDefinitions.latest(family).isEmpty()) {
            return List.of(Intent.create("task definition", family, what));
        }
        if (image.isEmpty() || role.isEmpty() || logGroup.isEmpty()) {
            return List.of(Intent.change("task definition", family, "a new revision if the users' image or "
                    + "settings changed"));
        }
        return List.of(taskDefinitions.wouldRegister(spec(image.get(), role.get(), logGroup.get()))
                ? Intent.change("task definition", family, "new revision: " + what)
                : Intent.reuse("task definition", family, "unchanged"));
    }

    private UserTaskDefinitionSpec spec(PushedImage image, ExecutionRole role, CloudWatchLogGroup logGroup) {
        ServerSize size = defaultSize();
        return new UserTaskDefinitionSpec(family, size.cpu(), size.memory(), profile.task().architecture(), role.arn(),
                image.image(), logGroup.name(), aws.region().id());
    }

    private ServerSize defaultSize() {
        return profile.servers().sizes().get(0);
    }
}
