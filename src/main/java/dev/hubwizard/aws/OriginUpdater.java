package dev.hubwizard.aws;

import dev.hubwizard.engine.Cancellation;
import dev.hubwizard.engine.Intent;
import dev.hubwizard.engine.ProblemException;
import dev.hubwizard.engine.StepContext;
import software.amazon.awssdk.services.lambda.model.Runtime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * What keeps a hub's CloudFront origin on its running task while nobody has Hub Wizard open: ECS replaces a
 * crashed task by itself, with a new public address. An EventBridge rule matches ECS's "Task State Change" events
 * for the hub's service whose task is RUNNING, and runs a small Lambda function ({@code origin_updater.py}, from
 * the project's {@code origin-updater/}) that points the distribution's origin at that task's public DNS name.
 *
 * <p>The function's role may do only that: read network interfaces (EC2 allows no narrower resource), read and
 * update this one distribution, and write its own log group. It lives apart from the hub's task, which runs
 * people's code: no notebook can repoint the hub's address.
 */
public final class OriginUpdater {

    static final String SOURCE = "origin_updater.py";
    static final String HANDLER = "origin_updater.handler";
    static final Runtime RUNTIME = Runtime.PYTHON3_13;
    /** The function's environment: which distribution, and which of its origins, it keeps on the task. */
    static final String DISTRIBUTION_ID = "DISTRIBUTION_ID";
    static final String ORIGIN_ID = "ORIGIN_ID";
    private static final LocalDateTime ZIP_TIME = LocalDateTime.of(1980, 1, 1, 0, 0);

    /** The names of what it is made of, from {@link AwsTexts}. */
    public record Names(String function, String role, String rule, String logGroup) {

        static Names of(AwsTexts texts) {
            return new Names(texts.originUpdaterName(), texts.originUpdaterName(), texts.taskRunningRuleName(),
                    texts.originUpdaterLogGroup());
        }
    }

    /** Which hub it follows: the distribution to update, and the service whose tasks it follows. */
    public record Hub(HubDistribution distribution, String clusterArn, String service) {
    }

    private final AwsClients aws;
    private final ProfileTags tags;
    private final AwsTexts texts;
    private final Names names;
    private final FunctionRoles roles;
    private final LambdaFunctions functions;
    private final EventRules rules;
    private final LogGroups logGroups;

    public OriginUpdater(AwsClients aws, ProfileTags tags) {
        this.aws = aws;
        this.tags = tags;
        this.texts = new AwsTexts(tags.profile());
        this.names = Names.of(texts);
        this.roles = new FunctionRoles(aws, tags);
        this.functions = new LambdaFunctions(aws, tags);
        this.rules = new EventRules(aws, tags);
        this.logGroups = new LogGroups(aws, tags);
    }

    public Names names() {
        return names;
    }

    /** Makes (or checks) the role, the log group, the function and the rule, in that order. */
    public void ensure(StepContext ctx, Hub hub, int logRetentionDays)
            throws ProblemException, Cancellation.CancelledException, InterruptedException {
        logGroups.ensure(ctx, names.logGroup(), logRetentionDays);
        String roleArn = roles.ensure(ctx, role(hub));
        String functionArn = functions.ensure(ctx, function(hub, roleArn));
        rules.ensure(ctx, rule(hub, functionArn));
    }

    public List<Intent> preview(Hub hub, int logRetentionDays) throws ProblemException {
        List<Intent> intents = new ArrayList<>(logGroups.preview(names.logGroup(), logRetentionDays));
        intents.add(roles.preview(role(hub), "may only read network interfaces and repoint "
                + hub.distribution().domainName()));
        intents.add(functions.preview(function(hub, roleArn(hub)), "points " + hub.distribution().domainName()
                + " at the hub's task whenever ECS starts one (Python, " + RUNTIME + ")"));
        intents.add(rules.preview(rule(hub, ""), "runs the function when a task of " + hub.service() + " is RUNNING"));
        return intents;
    }

    FunctionRoles.Wanted role(Hub hub) {
        return new FunctionRoles.Wanted(ResourceKind.ORIGIN_UPDATER_ROLE, names.role(),
                texts.originUpdaterRoleDescription(), AwsTexts.ORIGIN_UPDATER_POLICY,
                policy(hub.distribution().arn(), logGroupArn(hub.clusterArn())));
    }

    LambdaFunctions.FunctionSpec function(Hub hub, String roleArn) {
        return new LambdaFunctions.FunctionSpec(names.function(),
                texts.originUpdaterDescription(hub.distribution().domainName()), RUNTIME, HANDLER, roleArn, zip(), 60,
                128, Map.of(DISTRIBUTION_ID, hub.distribution().id(), ORIGIN_ID, DistributionSpec.ORIGIN_ID));
    }

    EventRules.Wanted rule(Hub hub, String functionArn) {
        return new EventRules.Wanted(names.rule(), texts.taskRunningRuleDescription(),
                pattern(hub.clusterArn(), hub.service()), names.function(), functionArn,
                texts.originUpdaterStatementId());
    }

    /** ECS's events for a task of the service that runs (and is meant to). */
    static String pattern(String clusterArn, String service) {
        return """
                {"source":["aws.ecs"],"detail-type":["ECS Task State Change"],"detail":{"clusterArn":["%s"],\
                "group":["service:%s"],"lastStatus":["RUNNING"],"desiredStatus":["RUNNING"]}}"""
                .formatted(clusterArn, service);
    }

    /** Exactly what the function does: read interfaces, read and update one distribution, write its log. */
    static String policy(String distributionArn, String logGroupArn) {
        return """
                {"Version":"2012-10-17","Statement":[\
                {"Sid":"FindTheTaskAddress","Effect":"Allow","Action":"ec2:DescribeNetworkInterfaces","Resource":"*"},\
                {"Sid":"PointTheHubAddress","Effect":"Allow",\
                "Action":["cloudfront:GetDistributionConfig","cloudfront:UpdateDistribution"],"Resource":"%s"},\
                {"Sid":"WriteItsLog","Effect":"Allow","Action":["logs:CreateLogStream","logs:PutLogEvents"],\
                "Resource":"%s:*"}]}""".formatted(distributionArn, logGroupArn);
    }

    /** The function's log group's ARN, in the cluster's partition, region and account. */
    private String logGroupArn(String clusterArn) {
        String[] arn = clusterArn.split(":");
        return "arn:" + arn[1] + ":logs:" + arn[3] + ":" + arn[4] + ":log-group:" + names.logGroup();
    }

    /** The role's ARN as IAM will name it, for a preview before it exists. */
    private String roleArn(Hub hub) throws ProblemException {
        String[] cluster = hub.clusterArn().split(":");
        return roles.find(names.role()).map(r -> r.arn())
                .orElse("arn:" + cluster[1] + ":iam::" + cluster[4] + ":role/" + names.role());
    }

    /**
     * The function's code as Lambda takes it: {@code origin_updater.py} alone in a zip, byte for byte the same
     * every time (fixed entry times), so that its SHA-256 says whether Lambda runs this version already.
     */
    public static byte[] zip() {
        try (InputStream source = OriginUpdater.class.getResourceAsStream(SOURCE)) {
            if (source == null) {
                throw new IllegalStateException(SOURCE + " is missing from the app");
            }
            ByteArrayOutputStream zipped = new ByteArrayOutputStream();
            try (ZipOutputStream zip = new ZipOutputStream(zipped)) {
                ZipEntry entry = new ZipEntry(SOURCE);
                entry.setTimeLocal(ZIP_TIME);
                zip.putNextEntry(entry);
                source.transferTo(zip);
                zip.closeEntry();
            }
            return zipped.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
