package dev.hubwizard.aws;

import dev.hubwizard.engine.Intent;
import dev.hubwizard.engine.Problem;
import dev.hubwizard.engine.ProblemException;
import dev.hubwizard.engine.ResourceRecord;
import dev.hubwizard.engine.StepContext;
import software.amazon.awssdk.services.cognitoidentityprovider.model.DomainDescriptionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolType;

import java.util.Map;
import java.util.Optional;

import static dev.hubwizard.aws.AwsCall.call;
import static dev.hubwizard.aws.AwsCall.run;

/**
 * The user pool's hosted UI domain, {@code https://PREFIX.auth.REGION.amazoncognito.com}: where the hub sends
 * people to sign in. Prefixes are global across AWS, so the one the profile names may be someone else's.
 * Domains carry no tags: one is this profile's when it recorded it and it still belongs to the recorded pool.
 */
public final class UserPoolDomains {

    private final AwsClients aws;

    public UserPoolDomains(AwsClients aws) {
        this.aws = aws;
    }

    /** The hosted UI's address for a domain prefix. */
    public static String url(String prefix, String region) {
        return "https://" + prefix + ".auth." + region + ".amazoncognito.com";
    }

    /** @return the prefix the pool's hosted UI uses: the profile's, or the one a reused pool already has */
    public String ensure(StepContext ctx, UserPoolType pool, String prefix, boolean poolIsOurs)
            throws ProblemException {
        String existing = pool.domain() == null ? "" : pool.domain();
        if (existing.equals(prefix)) {
            if (poolIsOurs && ctx.journal().findById(ResourceKind.USER_POOL_DOMAIN, prefix).isEmpty()) {
                // Made for this profile's own pool by a run that stopped before recording it.
                ctx.recordCreated(ResourceKind.USER_POOL_DOMAIN, prefix, prefix, Map.of("userPool", pool.id()));
            }
            ctx.log().info("Sign-in domain " + prefix + " is in place");
            return prefix;
        }
        if (!existing.isEmpty()) {
            ctx.log().warn("User pool " + pool.name() + " already signs people in at " + existing + ", so the hub "
                    + "uses that domain rather than " + prefix + " (a pool has one domain)");
            return existing;
        }
        Optional<String> holder = describe(prefix).map(DomainDescriptionType::userPoolId);
        if (holder.isPresent()) {
            throw new ProblemException(new Problem("The sign-in domain prefix " + prefix + " is taken",
                    "prefixes are shared by every AWS account, and " + prefix + " already belongs to user pool "
                            + holder.get(),
                    "Choose another domain prefix in the settings (hub.cognito.domainPrefix), then press Retry"));
        }
        run("cognito-idp:CreateUserPoolDomain", () -> aws.cognito().createUserPoolDomain(r -> r.domain(prefix)
                .userPoolId(pool.id())));
        ctx.recordCreated(ResourceKind.USER_POOL_DOMAIN, prefix, prefix, Map.of("userPool", pool.id()));
        ctx.log().info("Created sign-in domain " + prefix + " for user pool " + pool.name());
        return prefix;
    }

    /** Deletes the recorded domain while it still belongs to the recorded pool. */
    public void delete(StepContext ctx, ResourceRecord record) throws ProblemException {
        Optional<String> pool = describe(record.id()).map(DomainDescriptionType::userPoolId);
        if (pool.isEmpty()) {
            Deletion.gone(ctx, record, "sign-in domain");
            return;
        }
        if (!pool.get().equals(record.attribute("userPool"))) {
            throw new ProblemException(new Problem("Left the sign-in domain " + record.id() + " alone",
                    "Hub Wizard made it for user pool " + record.attribute("userPool") + ", and it now belongs to "
                            + pool.get(), "Remove its entry from deployment.resources in the profile file, then run "
                    + "the teardown again"));
        }
        run("cognito-idp:DeleteUserPoolDomain", () -> aws.cognito().deleteUserPoolDomain(r -> r.domain(record.id())
                .userPoolId(pool.get())));
        ctx.journal().forget(record.kind(), record.id());
        ctx.log().info("Deleted sign-in domain " + record.id());
    }

    public Intent preview(Optional<UserPoolType> pool, String prefix, String region) {
        String existing = pool.map(UserPoolType::domain).orElse(null);
        if (existing != null && !existing.isEmpty()) {
            return Intent.reuse("sign-in domain", existing, url(existing, region));
        }
        return Intent.create("sign-in domain", prefix, url(prefix, region));
    }

    /** The domain's description if the prefix is in use anywhere; Cognito answers an empty one when it is not. */
    private Optional<DomainDescriptionType> describe(String prefix) throws ProblemException {
        return call("cognito-idp:DescribeUserPoolDomain", () -> Optional.ofNullable(aws.cognito()
                        .describeUserPoolDomain(r -> r.domain(prefix)).domainDescription())
                .filter(d -> d.userPoolId() != null && !d.userPoolId().isEmpty()));
    }
}
