package dev.hubwizard.aws;

import dev.hubwizard.engine.Cancellation;
import dev.hubwizard.engine.Intent;
import dev.hubwizard.engine.Journal;
import dev.hubwizard.engine.ProblemException;
import dev.hubwizard.engine.ResourceRecord;
import dev.hubwizard.engine.StepContext;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AliasAttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeDataType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.DeletionProtectionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.SchemaAttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolDescriptionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.VerifiedAttributeType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.hubwizard.aws.AwsCall.call;
import static dev.hubwizard.aws.AwsCall.run;

/**
 * The Cognito user pool people sign in with. Made for a hub: only an administrator adds users (Hub Wizard's
 * invitations; nobody signs themselves up); every user has an e-mail address, where Cognito sends the
 * invitation with a temporary password, and may sign in with it instead of the user name; and
 * {@code preferred_username}, the claim the hub takes the user's hub name from, is set by the invitation and
 * cannot be changed afterwards (a user who could change it could sign in to the hub as someone else).
 *
 * <p>A pool of the profile's pool name is found by the journal, then by its tag, then by name alone — a pool
 * the user made before is reused, and never deleted by teardown.
 */
public final class UserPools {

    private final AwsClients aws;
    private final ProfileTags tags;

    public UserPools(AwsClients aws, ProfileTags tags) {
        this.aws = aws;
        this.tags = tags;
    }

    public Optional<UserPoolType> find(Journal journal, String name) throws ProblemException {
        return Journaled.find(journal, ResourceKind.USER_POOL, name, this::describe, () -> byName(name));
    }

    /** @param hubUrl where the invitation sends people */
    public UserPoolType ensure(StepContext ctx, String name, String hubUrl) throws ProblemException {
        return Journaled.ensure(ctx, ResourceKind.USER_POOL, "user pool", name, () -> find(ctx.journal(), name),
                id -> describe(id).isEmpty(),
                () -> call("cognito-idp:CreateUserPool", () -> aws.cognito().createUserPool(r -> r
                        .poolName(name)
                        .aliasAttributes(AliasAttributeType.EMAIL)
                        .autoVerifiedAttributes(VerifiedAttributeType.EMAIL)
                        .usernameConfiguration(u -> u.caseSensitive(false))
                        .schema(SchemaAttributeType.builder().name("email").attributeDataType(AttributeDataType.STRING)
                                        .required(true).mutable(true).build(),
                                SchemaAttributeType.builder().name("preferred_username")
                                        .attributeDataType(AttributeDataType.STRING).required(false).mutable(false)
                                        .build())
                        .adminCreateUserConfig(a -> a.allowAdminCreateUserOnly(true).inviteMessageTemplate(m -> m
                                .emailSubject(AwsTexts.invitationSubject())
                                .emailMessage(AwsTexts.invitationMessage(hubUrl))))
                        .deletionProtection(DeletionProtectionType.INACTIVE)
                        .userPoolTags(tags.named(name))).userPool()),
                new Journaled.Identity<>() {
                    @Override
                    public String id(UserPoolType p) {
                        return p.id();
                    }

                    @Override
                    public Map<String, String> attributes(UserPoolType p) {
                        return Map.of();
                    }

                    @Override
                    public boolean owned(UserPoolType p) {
                        return tags.ownedBy(p.userPoolTags());
                    }
                }).resource();
    }

    /** Deletes the recorded pool (see {@link Deletion}): only one this profile made carries its tag. */
    public void delete(StepContext ctx, ResourceRecord record)
            throws ProblemException, Cancellation.CancelledException, InterruptedException {
        Deletion.delete(ctx, tags, record, "user pool", () -> describe(record.id()), UserPoolType::userPoolTags,
                p -> run("cognito-idp:DeleteUserPool", () -> aws.cognito().deleteUserPool(r -> r.userPoolId(record.id()))));
    }

    public Intent preview(Journal journal, String name) throws ProblemException {
        Optional<UserPoolType> pool = find(journal, name);
        if (pool.isEmpty()) {
            return Intent.create("user pool", name, "Cognito; users are invited by e-mail, nobody signs up alone");
        }
        return Intent.reuse("user pool", name, pool.get().id() + (tags.ownedBy(pool.get().userPoolTags()) ? ""
                : ", which this profile did not create: teardown leaves it"));
    }

    /** Pools with this name: this profile's (by tag) first; otherwise the only one there is. */
    private Optional<UserPoolType> byName(String name) throws ProblemException {
        List<String> ids = call("cognito-idp:ListUserPools", () -> aws.cognito()
                .listUserPoolsPaginator(r -> r.maxResults(60)).userPools().stream()
                .filter(p -> name.equals(p.name())).map(UserPoolDescriptionType::id).toList());
        List<UserPoolType> pools = new ArrayList<>();
        for (String id : ids) {
            describe(id).ifPresent(pools::add);
        }
        Optional<UserPoolType> ours = pools.stream().filter(p -> tags.ownedBy(p.userPoolTags())).findFirst();
        if (ours.isPresent() || pools.size() <= 1) {
            return ours.or(() -> pools.stream().findFirst());
        }
        throw new ProblemException("There are " + pools.size() + " user pools named " + name,
                "Cognito allows several pools of one name, and none of them is tagged for this profile, so Hub "
                        + "Wizard cannot tell which one to use",
                "Give the hub's pool a name of its own in the settings (hub.cognito.userPoolName), then press Retry");
    }

    private Optional<UserPoolType> describe(String id) throws ProblemException {
        return call("cognito-idp:DescribeUserPool", () -> {
            try {
                return Optional.of(aws.cognito().describeUserPool(r -> r.userPoolId(id)).userPool());
            } catch (ResourceNotFoundException e) {
                return Optional.empty();
            }
        });
    }
}
