package dev.hubwizard.aws;

/** The CloudWatch Logs group the hub's container writes to (through the awslogs driver). */
public record CloudWatchLogGroup(String name, int retentionDays) {
}
