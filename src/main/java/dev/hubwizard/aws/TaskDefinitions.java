package dev.hubwizard.aws;

import dev.hubwizard.engine.Cancellation;
import dev.hubwizard.engine.Intent;
import dev.hubwizard.engine.Journal;
import dev.hubwizard.engine.ProblemException;
import dev.hubwizard.engine.ResourceRecord;
import dev.hubwizard.engine.StepContext;
import software.amazon.awssdk.services.ecs.model.ClientException;
import software.amazon.awssdk.services.ecs.model.DescribeTaskDefinitionResponse;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionFamilyStatus;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionField;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionStatus;

import java.util.ArrayList;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import static dev.hubwizard.aws.AwsCall.call;
import static dev.hubwizard.aws.AwsCall.run;

/**
 * The hub's task definition family. A new revision is registered only when the wanted definition
 * differs from the latest active one in a field that matters, so a redeploy with nothing changed
 * registers nothing and the service is left alone.
 */
public final class TaskDefinitions {

    private final AwsClients aws;
    private final ProfileTags tags;

    public TaskDefinitions(AwsClients aws, ProfileTags tags) {
        this.aws = aws;
        this.tags = tags;
    }

    /** The family's latest ACTIVE revision, with its tags. */
    public Optional<DescribeTaskDefinitionResponse> latest(String family) throws ProblemException {
        return describe(family);
    }

    public TaskDefinitionRevision ensure(StepContext ctx, TaskDefinitionSpec spec) throws ProblemException {
        return ensure(ctx, spec.family(), current -> TaskDefinitionSpec.of(current)
                        .map(registered -> registered.equals(spec) ? List.<String>of() : spec.differencesFrom(registered)),
                () -> spec.request(tags.ecs(spec.family())));
    }

    /** The users' task definition (servers in their own Fargate tasks), registered the same way. */
    public TaskDefinitionRevision ensure(StepContext ctx, UserTaskDefinitionSpec spec) throws ProblemException {
        return ensure(ctx, spec.family(), current -> UserTaskDefinitionSpec.of(current)
                        .map(registered -> registered.equals(spec) ? List.<String>of() : spec.differencesFrom(registered)),
                () -> spec.request(tags.ecs(spec.family())));
    }

    /** Whether {@link #ensure(StepContext, UserTaskDefinitionSpec)} would register a new revision. */
    public boolean wouldRegister(UserTaskDefinitionSpec spec) throws ProblemException {
        return latest(spec.family()).flatMap(d -> UserTaskDefinitionSpec.of(d.taskDefinition()))
                .filter(spec::equals).isEmpty();
    }

    /**
     * @param differences what the wanted definition changes in a registered one: nothing when it is the same, empty
     *                    when the registered one is not shaped like Hub Wizard's at all
     */
    private TaskDefinitionRevision ensure(StepContext ctx, String family,
                                          Function<TaskDefinition, Optional<List<String>>> differences,
                                          Supplier<RegisterTaskDefinitionRequest> request) throws ProblemException {
        Optional<DescribeTaskDefinitionResponse> latest = latest(family);
        if (latest.isPresent()) {
            TaskDefinition current = latest.get().taskDefinition();
            Optional<List<String>> changes = differences.apply(current);
            if (changes.isPresent() && changes.get().isEmpty()) {
                TaskDefinitionRevision revision = toRevision(current);
                if (ctx.journal().findById(ResourceKind.TASK_DEFINITION, current.taskDefinitionArn()).isEmpty()
                        && tags.ownedBy(ProfileTags.fromEcs(latest.get().tags()))) {
                    ctx.recordCreated(ResourceKind.TASK_DEFINITION, current.taskDefinitionArn(), family,
                            Map.of("revision", Integer.toString(revision.revision())));
                }
                ctx.log().info("Task definition " + revision + " is up to date");
                return revision;
            }
            ctx.log().info("Task definition " + family + ":" + current.revision() + " differs: "
                    + changes.map(c -> String.join("; ", c)).orElse("it is not shaped like Hub Wizard's"));
        }
        TaskDefinition registered = call("ecs:RegisterTaskDefinition",
                () -> aws.ecs().registerTaskDefinition(request.get()).taskDefinition());
        TaskDefinitionRevision revision = toRevision(registered);
        ctx.recordCreated(ResourceKind.TASK_DEFINITION, registered.taskDefinitionArn(), family,
                Map.of("revision", Integer.toString(revision.revision())));
        ctx.log().info("Registered task definition " + revision);
        return revision;
    }

    /**
     * Deregisters the recorded revision (see {@link Deletion}); one already INACTIVE is gone. ECS keeps
     * INACTIVE revisions listed, but nothing can start from them.
     */
    public void deregister(StepContext ctx, ResourceRecord record)
            throws ProblemException, Cancellation.CancelledException, InterruptedException {
        Deletion.delete(ctx, tags, record, "task definition", "Deregistered",
                () -> describe(record.id()).filter(d -> d.taskDefinition().status() == TaskDefinitionStatus.ACTIVE),
                d -> ProfileTags.fromEcs(d.tags()),
                d -> run("ecs:DeregisterTaskDefinition", () -> aws.ecs().deregisterTaskDefinition(r -> r
                        .taskDefinition(record.id()))));
    }

    /**
     * Deregisters every ACTIVE revision of the users' family and of each person's ({@code family-NAME}, which the hub
     * registers for their home folder and Hub Wizard never records), that carries this profile's tag: another
     * profile's families may share the prefix ({@code team-hub-user-x} of the profile {@code team-hub-user}).
     *
     * @return how many revisions were deregistered
     */
    public int deregisterUsers(StepContext ctx, String family) throws ProblemException, Cancellation.CancelledException {
        List<String> families = call("ecs:ListTaskDefinitionFamilies", () -> aws.ecs()
                .listTaskDefinitionFamiliesPaginator(r -> r.familyPrefix(family)
                        .status(TaskDefinitionFamilyStatus.ACTIVE)).families().stream()
                .filter(f -> f.equals(family) || f.startsWith(family + "-")).toList());
        int deregistered = 0;
        for (String each : families) {
            List<String> revisions = call("ecs:ListTaskDefinitions", () -> aws.ecs()
                    .listTaskDefinitionsPaginator(r -> r.familyPrefix(each).status(TaskDefinitionStatus.ACTIVE))
                    .taskDefinitionArns().stream().toList());
            for (String arn : revisions) {
                ctx.throwIfCancelled();
                Optional<DescribeTaskDefinitionResponse> found = describe(arn)
                        .filter(d -> each.equals(d.taskDefinition().family()))
                        .filter(d -> d.taskDefinition().status() == TaskDefinitionStatus.ACTIVE);
                if (found.isPresent() && tags.ownedBy(ProfileTags.fromEcs(found.get().tags()))) {
                    run("ecs:DeregisterTaskDefinition", () -> aws.ecs().deregisterTaskDefinition(r -> r
                            .taskDefinition(arn)));
                    ctx.journal().forget(ResourceKind.TASK_DEFINITION, arn);
                    ctx.log().info("Deregistered task definition " + each + ":" + found.get().taskDefinition()
                            .revision());
                    deregistered++;
                }
            }
        }
        return deregistered;
    }

    /** This profile's recorded revisions that are still ACTIVE and run their tasks with this role. */
    public List<String> recordedActiveUsing(Journal journal, String roleArn) throws ProblemException {
        List<String> users = new ArrayList<>();
        for (ResourceRecord record : journal.ofKind(ResourceKind.TASK_DEFINITION)) {
            Optional<TaskDefinition> td = describe(record.id()).map(DescribeTaskDefinitionResponse::taskDefinition)
                    .filter(t -> t.status() == TaskDefinitionStatus.ACTIVE);
            if (td.isPresent() && uses(td.get(), roleArn)) {
                users.add(record.id());
            }
        }
        return users;
    }

    /**
     * A task definition in this region, of any family, that runs its tasks with this role: the first found, so
     * that an account with many families is not read through when one uses the role early. Each family's latest
     * ACTIVE revision stands for the family (a family changes its role rarely); pages are read as they are needed.
     */
    public Optional<String> anyFamilyUsing(String roleArn) throws ProblemException {
        return call("ecs:ListTaskDefinitionFamilies", () -> aws.ecs().listTaskDefinitionFamiliesPaginator(r -> r
                .status(TaskDefinitionFamilyStatus.ACTIVE)).families().stream()
                .map(family -> aws.ecs().describeTaskDefinition(r -> r.taskDefinition(family)).taskDefinition())
                .filter(td -> uses(td, roleArn)).map(TaskDefinition::taskDefinitionArn).findFirst());
    }

    private static boolean uses(TaskDefinition td, String roleArn) {
        return roleArn.equals(td.executionRoleArn()) || roleArn.equals(td.taskRoleArn());
    }

    private Optional<DescribeTaskDefinitionResponse> describe(String taskDefinition) throws ProblemException {
        return call("ecs:DescribeTaskDefinition", () -> {
            try {
                return Optional.of(aws.ecs().describeTaskDefinition(r -> r.taskDefinition(taskDefinition)
                        .include(TaskDefinitionField.TAGS)));
            } catch (ClientException e) {
                // ECS's answer for a revision it does not know, or a family with no ACTIVE revision.
                return Optional.empty();
            }
        });
    }

    /** @param spec the wanted definition, or empty when the image (or role, log group) is not known yet */
    public List<Intent> preview(String family, Optional<TaskDefinitionSpec> spec) throws ProblemException {
        Optional<DescribeTaskDefinitionResponse> latest = latest(family);
        if (latest.isEmpty()) {
            return List.of(Intent.create("task definition", family, "Fargate, port 8000"));
        }
        TaskDefinition current = latest.get().taskDefinition();
        String name = family + ":" + current.revision();
        if (spec.isEmpty()) {
            return List.of(Intent.change("task definition", name, "a new revision if the image or settings changed"));
        }
        Optional<TaskDefinitionSpec> registered = TaskDefinitionSpec.of(current);
        if (registered.isPresent() && registered.get().equals(spec.get())) {
            return List.of(Intent.reuse("task definition", name, "unchanged"));
        }
        return List.of(Intent.change("task definition", name, "new revision: "
                + registered.map(r -> String.join("; ", spec.get().differencesFrom(r))).orElse("replaced")));
    }

    private static TaskDefinitionRevision toRevision(TaskDefinition td) {
        return new TaskDefinitionRevision(td.family(), td.revision(), td.taskDefinitionArn());
    }
}
