package dev.hubwizard.aws;

import dev.hubwizard.engine.Cancellation;
import dev.hubwizard.engine.Intent;
import dev.hubwizard.engine.ProblemException;
import dev.hubwizard.engine.ResourceRecord;
import dev.hubwizard.engine.StepContext;
import software.amazon.awssdk.services.eventbridge.model.DescribeRuleResponse;
import software.amazon.awssdk.services.eventbridge.model.ResourceNotFoundException;
import software.amazon.awssdk.services.eventbridge.model.RuleState;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.hubwizard.aws.AwsCall.call;
import static dev.hubwizard.aws.AwsCall.run;

/**
 * EventBridge rules on the account's default event bus that run a profile's Lambda function: the rule (its
 * event pattern), the function as its one target, and the function's permission for EventBridge to invoke it
 * from that rule alone. AWS services' own events reach the default bus at no charge.
 */
public final class EventRules {

    static final String EVENTS_PRINCIPAL = "events.amazonaws.com";

    /**
     * A rule and what it runs.
     *
     * @param pattern     the event pattern, JSON; compared by content with what EventBridge has
     * @param statementId the function's permission for this rule, in its resource policy
     */
    public record Wanted(String name, String description, String pattern, String functionName, String functionArn,
                         String statementId) {
    }

    private final AwsClients aws;
    private final ProfileTags tags;

    public EventRules(AwsClients aws, ProfileTags tags) {
        this.aws = aws;
        this.tags = tags;
    }

    public Optional<DescribeRuleResponse> find(String name) throws ProblemException {
        return call("events:DescribeRule", () -> {
            try {
                return Optional.of(aws.eventBridge().describeRule(r -> r.name(name)));
            } catch (ResourceNotFoundException e) {
                return Optional.empty();
            }
        });
    }

    /** Finds or creates the rule, and makes its pattern, its target and the function's permission as wanted. */
    public void ensure(StepContext ctx, Wanted wanted) throws ProblemException {
        DescribeRuleResponse rule = Journaled.ensure(ctx, ResourceKind.EVENT_RULE, "EventBridge rule", wanted.name(),
                () -> find(wanted.name()), Journaled.NAME_IS_IDENTITY,
                () -> {
                    String arn = call("events:PutRule", () -> aws.eventBridge().putRule(r -> r.name(wanted.name())
                            .description(wanted.description()).eventPattern(wanted.pattern()).state(RuleState.ENABLED)
                            .tags(tags.eventBridge(wanted.name()))).ruleArn());
                    return DescribeRuleResponse.builder().name(wanted.name()).arn(arn).eventPattern(wanted.pattern())
                            .state(RuleState.ENABLED).build();
                },
                new Journaled.Identity<>() {
                    @Override
                    public String id(DescribeRuleResponse r) {
                        // Rules are addressed (and deleted) by name on their bus.
                        return r.name();
                    }

                    @Override
                    public Map<String, String> attributes(DescribeRuleResponse r) {
                        return Map.of("arn", r.arn());
                    }

                    @Override
                    public boolean owned(DescribeRuleResponse r) throws ProblemException {
                        return tags.ownedBy(tagsOf(r.arn()));
                    }
                }).resource();
        if (!FunctionRoles.sameJson(String.valueOf(rule.eventPattern()), wanted.pattern())
                || rule.state() != RuleState.ENABLED) {
            // PutRule on an existing name changes it in place (and keeps its targets).
            run("events:PutRule", () -> aws.eventBridge().putRule(r -> r.name(wanted.name())
                    .description(wanted.description()).eventPattern(wanted.pattern()).state(RuleState.ENABLED)));
            ctx.log().info("EventBridge rule " + wanted.name() + " now matches " + wanted.pattern());
        }
        if (!targetIs(wanted)) {
            run("events:PutTargets", () -> aws.eventBridge().putTargets(r -> r.rule(wanted.name())
                    .targets(Target.builder().id(AwsTexts.ORIGIN_UPDATER_TARGET).arn(wanted.functionArn()).build())));
            ctx.log().info("EventBridge rule " + wanted.name() + " runs " + wanted.functionName());
        }
        if (!permitted(wanted, rule.arn())) {
            try {
                run("lambda:AddPermission", () -> aws.lambda().addPermission(r -> r.functionName(wanted.functionName())
                        .statementId(wanted.statementId()).action("lambda:InvokeFunction")
                        .principal(EVENTS_PRINCIPAL).sourceArn(rule.arn())));
            } catch (ProblemException e) {
                // Already there: added by the run that died before it could say so.
                if (!(e.getCause() instanceof ResourceConflictException)) {
                    throw e;
                }
            }
            ctx.log().info("Lambda function " + wanted.functionName() + " may be run by EventBridge rule "
                    + wanted.name() + " alone");
        }
    }

    private boolean targetIs(Wanted wanted) throws ProblemException {
        List<Target> targets = call("events:ListTargetsByRule", () -> aws.eventBridge()
                .listTargetsByRule(r -> r.rule(wanted.name())).targets());
        return targets.size() == 1 && wanted.functionArn().equals(targets.get(0).arn());
    }

    /** Whether the function's resource policy lets EventBridge invoke it from this rule. */
    private boolean permitted(Wanted wanted, String ruleArn) throws ProblemException {
        Optional<String> policy = call("lambda:GetPolicy", () -> {
            try {
                return Optional.of(aws.lambda().getPolicy(r -> r.functionName(wanted.functionName())).policy());
            } catch (software.amazon.awssdk.services.lambda.model.ResourceNotFoundException e) {
                return Optional.empty();
            }
        });
        return policy.filter(p -> p.contains("\"" + wanted.statementId() + "\"") && p.contains(ruleArn)).isPresent();
    }

    /** Deletes the recorded rule, its targets first (see {@link Deletion}). */
    public void delete(StepContext ctx, ResourceRecord record)
            throws ProblemException, Cancellation.CancelledException, InterruptedException {
        Deletion.delete(ctx, tags, record, "EventBridge rule", () -> find(record.id()), r -> tagsOf(r.arn()),
                r -> {
                    List<String> targets = call("events:ListTargetsByRule", () -> aws.eventBridge()
                            .listTargetsByRule(t -> t.rule(record.id())).targets().stream().map(Target::id).toList());
                    if (!targets.isEmpty()) {
                        run("events:RemoveTargets", () -> aws.eventBridge().removeTargets(t -> t.rule(record.id())
                                .ids(targets)));
                    }
                    run("events:DeleteRule", () -> aws.eventBridge().deleteRule(t -> t.name(record.id())));
                });
    }

    public Intent preview(Wanted wanted, String detail) throws ProblemException {
        Optional<DescribeRuleResponse> rule = find(wanted.name());
        if (rule.isEmpty()) {
            return Intent.create("EventBridge rule", wanted.name(), detail);
        }
        return FunctionRoles.sameJson(String.valueOf(rule.get().eventPattern()), wanted.pattern())
                && rule.get().state() == RuleState.ENABLED
                ? Intent.reuse("EventBridge rule", wanted.name(), detail)
                : Intent.change("EventBridge rule", wanted.name(), detail + " (its pattern changes)");
    }

    private Map<String, String> tagsOf(String arn) throws ProblemException {
        return ProfileTags.fromEventBridge(call("events:ListTagsForResource", () -> aws.eventBridge()
                .listTagsForResource(r -> r.resourceARN(arn)).tags()));
    }
}
