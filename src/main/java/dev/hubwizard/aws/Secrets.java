package dev.hubwizard.aws;

import dev.hubwizard.engine.Cancellation;
import dev.hubwizard.engine.Intent;
import dev.hubwizard.engine.ProblemException;
import dev.hubwizard.engine.ResourceRecord;
import dev.hubwizard.engine.StepContext;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

import java.util.Map;
import java.util.Optional;

import static dev.hubwizard.aws.AwsCall.call;
import static dev.hubwizard.aws.AwsCall.run;

/**
 * Secrets in AWS Secrets Manager, one per purpose and profile ({@code hubwizard/PROFILE/cognito-client-secret}):
 * where the Cognito app client's secret waits for the hub's task, which ECS gives it through the task
 * definition's {@code secrets}. The value never enters the profile file or a log (it is registered with the
 * redactor before anything could print it), and is written only when it differs from what is stored.
 *
 * <p>Teardown schedules deletion with a 7-day recovery window rather than deleting at once: a secret scheduled
 * for deletion costs nothing, a teardown made by mistake can be undone in the console for a week, and a
 * redeploy within the week restores the secret instead of failing on its name.
 */
public final class Secrets {

    public static final int RECOVERY_DAYS = 7;

    private final AwsClients aws;
    private final ProfileTags tags;

    public Secrets(AwsClients aws, ProfileTags tags) {
        this.aws = aws;
        this.tags = tags;
    }

    /** @return the secret's ARN, which the task definition names */
    public String ensure(StepContext ctx, String name, String value) throws ProblemException {
        ctx.secret(value);
        Optional<DescribeSecretResponse> existing = describe(name);
        if (existing.isPresent() && existing.get().deletedDate() != null
                && tags.ownedBy(ProfileTags.fromSecretsManager(existing.get().tags()))) {
            run("secretsmanager:RestoreSecret", () -> aws.secretsManager().restoreSecret(r -> r.secretId(name)));
            ctx.log().info("Restored secret " + name + ", which an earlier teardown had scheduled for deletion");
        }
        String arn = Journaled.ensure(ctx, ResourceKind.SECRET, "secret", name, () -> existing,
                Journaled.NAME_IS_IDENTITY,
                () -> {
                    String created = call("secretsmanager:CreateSecret", () -> aws.secretsManager().createSecret(r -> r
                            .name(name)
                            .description(new AwsTexts(tags.profile()).secretDescription())
                            .secretString(value)
                            .tags(tags.secretsManager(name))).arn());
                    return DescribeSecretResponse.builder().arn(created).name(name).build();
                },
                new Journaled.Identity<>() {
                    @Override
                    public String id(DescribeSecretResponse s) {
                        return s.arn();
                    }

                    @Override
                    public Map<String, String> attributes(DescribeSecretResponse s) {
                        return Map.of();
                    }

                    @Override
                    public boolean owned(DescribeSecretResponse s) {
                        return tags.ownedBy(ProfileTags.fromSecretsManager(s.tags()));
                    }
                }).resource().arn();
        if (existing.isPresent()) {
            String stored = call("secretsmanager:GetSecretValue", () -> aws.secretsManager()
                    .getSecretValue(r -> r.secretId(arn)).secretString());
            ctx.secret(stored);
            if (!value.equals(stored)) {
                run("secretsmanager:PutSecretValue", () -> aws.secretsManager().putSecretValue(r -> r.secretId(arn)
                        .secretString(value)));
                ctx.log().info("Secret " + name + " has a new value");
            }
        }
        return arn;
    }

    /**
     * Schedules the recorded secret's deletion (see {@link Deletion}); one already scheduled is gone as far as
     * this profile is concerned.
     */
    public void delete(StepContext ctx, ResourceRecord record)
            throws ProblemException, Cancellation.CancelledException, InterruptedException {
        Deletion.delete(ctx, tags, record, "secret", "Scheduled for deletion in " + RECOVERY_DAYS + " days:",
                () -> describe(record.id()).filter(s -> s.deletedDate() == null),
                s -> ProfileTags.fromSecretsManager(s.tags()),
                s -> run("secretsmanager:DeleteSecret", () -> aws.secretsManager().deleteSecret(r -> r
                        .secretId(record.id()).recoveryWindowInDays((long) RECOVERY_DAYS))));
    }

    public Intent preview(String name, String what) throws ProblemException {
        Optional<DescribeSecretResponse> existing = describe(name);
        if (existing.isEmpty()) {
            return Intent.create("secret", name, what + "; the task reads it, nobody else needs to");
        }
        return existing.get().deletedDate() != null ? Intent.change("secret", name, "restored: a teardown had "
                + "scheduled it for deletion") : Intent.reuse("secret", name, what + "; updated if it changed");
    }

    private Optional<DescribeSecretResponse> describe(String nameOrArn) throws ProblemException {
        return call("secretsmanager:DescribeSecret", () -> {
            try {
                return Optional.of(aws.secretsManager().describeSecret(r -> r.secretId(nameOrArn)));
            } catch (ResourceNotFoundException e) {
                return Optional.empty();
            }
        });
    }
}
