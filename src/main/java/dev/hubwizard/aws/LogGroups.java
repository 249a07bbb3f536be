package dev.hubwizard.aws;

import dev.hubwizard.engine.Cancellation;
import dev.hubwizard.engine.Intent;
import dev.hubwizard.engine.ProblemException;
import dev.hubwizard.engine.ResourceRecord;
import dev.hubwizard.engine.StepContext;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import static dev.hubwizard.aws.AwsCall.call;
import static dev.hubwizard.aws.AwsCall.run;

/** CloudWatch log groups: the hub's, with the profile's retention, and the last lines of a task's stream. */
public final class LogGroups {

    private final AwsClients aws;
    private final ProfileTags tags;

    public LogGroups(AwsClients aws, ProfileTags tags) {
        this.aws = aws;
        this.tags = tags;
    }

    /** The console's convention for a task family's logs. */
    public static String nameFor(String taskFamily) {
        return "/ecs/" + taskFamily;
    }

    public Optional<LogGroup> find(String name) throws ProblemException {
        return call("logs:DescribeLogGroups", () -> aws.logs()
                .describeLogGroupsPaginator(r -> r.logGroupNamePrefix(name)).logGroups().stream()
                .filter(g -> g.logGroupName().equals(name)).findFirst());
    }

    public CloudWatchLogGroup ensure(StepContext ctx, String name, int retentionDays) throws ProblemException {
        Journaled.Outcome<LogGroup> outcome = Journaled.ensure(ctx, ResourceKind.LOG_GROUP, "log group", name,
                () -> find(name), Journaled.NAME_IS_IDENTITY,
                () -> {
                    run("logs:CreateLogGroup", () -> aws.logs().createLogGroup(r -> r.logGroupName(name)
                            .tags(tags.named(name))));
                    // CreateLogGroup answers with nothing: a new group keeps logs forever until told otherwise.
                    return LogGroup.builder().logGroupName(name).build();
                },
                new Journaled.Identity<>() {
                    @Override
                    public String id(LogGroup g) {
                        // Log groups are addressed (and deleted) by name.
                        return g.logGroupName();
                    }

                    @Override
                    public Map<String, String> attributes(LogGroup g) {
                        return Map.of();
                    }

                    @Override
                    public boolean owned(LogGroup g) throws ProblemException {
                        return tags.ownedBy(call("logs:ListTagsForResource", () -> aws.logs()
                                .listTagsForResource(r -> r.resourceArn(arnOf(g))).tags()));
                    }
                });
        LogGroup group = outcome.resource();
        if (!Objects.equals(group.retentionInDays(), retentionDays)) {
            run("logs:PutRetentionPolicy", () -> aws.logs().putRetentionPolicy(r -> r.logGroupName(name)
                    .retentionInDays(retentionDays)));
            ctx.log().info("Log group " + name + " keeps logs for " + retentionDays + " days");
        }
        return new CloudWatchLogGroup(name, retentionDays);
    }

    /** Deletes the recorded log group and the hub's logs in it (see {@link Deletion}). */
    public void delete(StepContext ctx, ResourceRecord record)
            throws ProblemException, Cancellation.CancelledException, InterruptedException {
        Deletion.delete(ctx, tags, record, "log group", () -> find(record.id()),
                g -> call("logs:ListTagsForResource", () -> aws.logs().listTagsForResource(r -> r
                        .resourceArn(arnOf(g))).tags()),
                g -> run("logs:DeleteLogGroup", () -> aws.logs().deleteLogGroup(r -> r.logGroupName(record.id()))));
    }

    public List<Intent> preview(String name, int retentionDays) throws ProblemException {
        Optional<LogGroup> group = find(name);
        String detail = "keeps logs for " + retentionDays + " days";
        if (group.isEmpty()) {
            return List.of(Intent.create("log group", name, detail));
        }
        return List.of(Objects.equals(group.get().retentionInDays(), retentionDays)
                ? Intent.reuse("log group", name, detail) : Intent.change("log group", name, detail));
    }

    /** The last {@code limit} lines of a stream, oldest first; empty when the stream does not exist (yet). */
    public List<String> lastLines(String group, String stream, int limit) throws ProblemException {
        return call("logs:GetLogEvents", () -> {
            try {
                return aws.logs().getLogEvents(r -> r.logGroupName(group).logStreamName(stream).limit(limit)
                        .startFromHead(false)).events().stream().map(OutputLogEvent::message).toList();
            } catch (ResourceNotFoundException e) {
                return List.of();
            }
        });
    }

    /** The group's ARN without the {@code :*} that DescribeLogGroups' older field appends. */
    private static String arnOf(LogGroup g) {
        return g.logGroupArn() != null ? g.logGroupArn() : g.arn().replaceFirst(":\\*$", "");
    }
}
