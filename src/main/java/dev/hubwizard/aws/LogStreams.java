package dev.hubwizard.aws;

import dev.hubwizard.engine.ProblemException;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogStream;
import software.amazon.awssdk.services.cloudwatchlogs.model.OrderBy;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static dev.hubwizard.aws.AwsCall.call;

/**
 * The hub's CloudWatch log streams, one per task ({@code hub/hub/<task id>}): the newest one, its last lines, and
 * what it wrote since the last look (GetLogEvents' forward token), for the logs view and {@code hubwizard logs}.
 */
public final class LogStreams {

    /** Where a task's stream starts: the task definition's stream prefix, then the container's name. */
    public static final String HUB_STREAMS = TaskDefinitionSpec.LOG_STREAM_PREFIX + "/" + TaskDefinitionSpec.CONTAINER
            + "/";

    private final AwsClients aws;

    public LogStreams(AwsClients aws) {
        this.aws = aws;
    }

    /** One line the hub wrote. */
    public record Event(Instant time, String message) {
    }

    /**
     * Lines of a stream and where to go on from.
     *
     * @param forwardToken give it back to {@link #after} for the lines written since
     */
    public record Page(String stream, List<Event> events, String forwardToken) {

        public Page {
            events = List.copyOf(events);
        }
    }

    /**
     * The stream that was written to last (the running task's, or the last one's); empty when the group has none or
     * is gone. CloudWatch orders by last event time only without a name prefix, so the newest few are filtered.
     */
    public Optional<String> newest(String group) throws ProblemException {
        return call("logs:DescribeLogStreams", () -> {
            try {
                return aws.logs().describeLogStreams(r -> r.logGroupName(group).orderBy(OrderBy.LAST_EVENT_TIME)
                                .descending(true).limit(50)).logStreams().stream().map(LogStream::logStreamName)
                        .filter(name -> name.startsWith(HUB_STREAMS)).findFirst();
            } catch (ResourceNotFoundException e) {
                return Optional.<String>empty();
            }
        });
    }

    /** The stream's last {@code limit} lines (at most 10,000, CloudWatch's page), oldest first. */
    public Page last(String group, String stream, int limit) throws ProblemException {
        return page(group, stream, call("logs:GetLogEvents", () -> aws.logs().getLogEvents(r -> r.logGroupName(group)
                .logStreamName(stream).startFromHead(false).limit(Math.min(limit, 10_000)))));
    }

    /** What the stream wrote after the page {@code forwardToken} came with; the same token when nothing new. */
    public Page after(String group, String stream, String forwardToken) throws ProblemException {
        return page(group, stream, call("logs:GetLogEvents", () -> aws.logs().getLogEvents(r -> r.logGroupName(group)
                .logStreamName(stream).startFromHead(true).nextToken(forwardToken))));
    }

    private static Page page(String group, String stream, GetLogEventsResponse response) {
        return new Page(stream, response.events().stream().map(e -> new Event(Instant.ofEpochMilli(e.timestamp()),
                e.message())).toList(), response.nextForwardToken());
    }
}
