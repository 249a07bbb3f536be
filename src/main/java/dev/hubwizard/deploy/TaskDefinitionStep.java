package dev.hubwizard.deploy;

import dev.hubwizard.aws.AwsClients;
import dev.hubwizard.aws.CloudWatchLogGroup;
import dev.hubwizard.aws.ExecutionRole;
import dev.hubwizard.aws.ProfileTags;
import dev.hubwizard.aws.SecurityGroups;
import dev.hubwizard.aws.TaskDefinitionRevision;
import dev.hubwizard.aws.TaskDefinitionSpec;
import dev.hubwizard.aws.TaskDefinitions;
import dev.hubwizard.docker.HubEnvironment;
import dev.hubwizard.engine.Intent;
import dev.hubwizard.engine.Key;
import dev.hubwizard.engine.Step;
import dev.hubwizard.engine.StepContext;
import dev.hubwizard.profile.Profile;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Registers a task definition revision for the pushed image, only when it differs from the latest. */
public final class TaskDefinitionStep implements Step {

    public static final String ID = "task-definition";
    public static final Key<TaskDefinitionRevision> TASK_DEFINITION =
            Key.of("task-definition", TaskDefinitionRevision.class);

    private final Profile profile;
    private final AwsClients aws;
    private final TaskDefinitions taskDefinitions;

    public TaskDefinitionStep(Profile profile, AwsClients aws) {
        this.profile = profile;
        this.aws = aws;
        this.taskDefinitions = new TaskDefinitions(aws, new ProfileTags(profile.name()));
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Task definition";
    }

    @Override
    public Set<String> dependsOn() {
        return Set.of(PushStep.ID, ExecutionRoleStep.ID, LogGroupStep.ID);
    }

    @Override
    public void run(StepContext context) throws Exception {
        TaskDefinitionSpec spec = spec(context.require(PushStep.PUSHED_IMAGE), context.require(ExecutionRoleStep.ROLE),
                context.require(LogGroupStep.LOG_GROUP));
        context.put(TASK_DEFINITION, taskDefinitions.ensure(context, spec));
    }

    @Override
    public List<Intent> preview(StepContext context) throws Exception {
        Optional<PushedImage> image = context.get(PushStep.PUSHED_IMAGE);
        Optional<ExecutionRole> role = context.get(ExecutionRoleStep.ROLE);
        Optional<CloudWatchLogGroup> logGroup = context.get(LogGroupStep.LOG_GROUP);
        Optional<TaskDefinitionSpec> spec = image.isPresent() && role.isPresent() && logGroup.isPresent()
                ? Optional.of(spec(image.get(), role.get(), logGroup.get())) : Optional.empty();
        return taskDefinitions.preview(profile.names().taskFamily(), spec);
    }

    private TaskDefinitionSpec spec(PushedImage image, ExecutionRole role, CloudWatchLogGroup logGroup) {
        return new TaskDefinitionSpec(profile.names().taskFamily(), profile.task().cpu(), profile.task().memory(),
                profile.task().architecture(), role.arn(), image.image(), SecurityGroups.HUB_PORT, logGroup.name(),
                aws.region().id(), HubEnvironment.forTask(profile));
    }
}
