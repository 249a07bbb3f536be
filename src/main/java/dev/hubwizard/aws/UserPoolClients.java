package dev.hubwizard.aws;

import dev.hubwizard.engine.Intent;
import dev.hubwizard.engine.Journal;
import dev.hubwizard.engine.ProblemException;
import dev.hubwizard.engine.ResourceRecord;
import dev.hubwizard.engine.StepContext;
import software.amazon.awssdk.services.cognitoidentityprovider.model.OAuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.PreventUserExistenceErrorTypes;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolClientDescription;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolClientType;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.hubwizard.aws.AwsCall.call;
import static dev.hubwizard.aws.AwsCall.run;

/**
 * The hub's app client in the user pool: a confidential client (with a secret, which only the hub's task
 * gets), the OAuth code flow with the scopes {@code openid email profile} ({@code profile} brings
 * {@code preferred_username} to userInfo), Cognito's own sign-in page only, and the hub's HTTPS callback.
 * App clients carry no tags; one is this profile's when it recorded it, or when it has this profile's client
 * name ({@code hubwizard-PROFILE}), which a run that died before recording it gave it.
 */
public final class UserPoolClients {

    static final List<String> SCOPES = List.of("openid", "email", "profile");
    static final String COGNITO = "COGNITO";

    /** What the client must allow. */
    public record Wanted(String name, String callbackUrl, String logoutUrl) {
    }

    private final AwsClients aws;

    public UserPoolClients(AwsClients aws) {
        this.aws = aws;
    }

    public Optional<UserPoolClientType> find(Journal journal, String poolId, String name) throws ProblemException {
        return Journaled.find(journal, ResourceKind.USER_POOL_CLIENT, name, id -> describe(poolId, id),
                () -> byName(poolId, name));
    }

    /** The client, created or brought up to date; registers its secret with the log's redactor at once. */
    public UserPoolClientType ensure(StepContext ctx, String poolId, Wanted wanted) throws ProblemException {
        UserPoolClientType client = Journaled.ensure(ctx, ResourceKind.USER_POOL_CLIENT, "app client", wanted.name(),
                () -> find(ctx.journal(), poolId, wanted.name()),
                id -> describe(poolId, id).isEmpty(),
                () -> call("cognito-idp:CreateUserPoolClient", () -> aws.cognito().createUserPoolClient(r -> r
                        .userPoolId(poolId).clientName(wanted.name()).generateSecret(true)
                        .allowedOAuthFlowsUserPoolClient(true)
                        .allowedOAuthFlows(OAuthFlowType.CODE)
                        .allowedOAuthScopes(SCOPES)
                        .supportedIdentityProviders(COGNITO)
                        .callbackURLs(wanted.callbackUrl())
                        .logoutURLs(wanted.logoutUrl())
                        .preventUserExistenceErrors(PreventUserExistenceErrorTypes.ENABLED)).userPoolClient()),
                new Journaled.Identity<>() {
                    @Override
                    public String id(UserPoolClientType c) {
                        return c.clientId();
                    }

                    @Override
                    public Map<String, String> attributes(UserPoolClientType c) {
                        return Map.of("userPool", poolId);
                    }

                    @Override
                    public boolean owned(UserPoolClientType c) {
                        return wanted.name().equals(c.clientName());
                    }
                }).resource();
        if (client.clientSecret() != null) {
            ctx.secret(client.clientSecret());
        }
        if (!asWanted(client, wanted)) {
            UserPoolClientType updated = call("cognito-idp:UpdateUserPoolClient", () -> aws.cognito()
                    .updateUserPoolClient(r -> r
                            // Update replaces every setting: all of them are given, the ones kept included.
                            .userPoolId(poolId).clientId(client.clientId()).clientName(wanted.name())
                            .allowedOAuthFlowsUserPoolClient(true)
                            .allowedOAuthFlows(OAuthFlowType.CODE)
                            .allowedOAuthScopes(SCOPES)
                            .supportedIdentityProviders(COGNITO)
                            .callbackURLs(wanted.callbackUrl())
                            .logoutURLs(wanted.logoutUrl())
                            .preventUserExistenceErrors(PreventUserExistenceErrorTypes.ENABLED)).userPoolClient());
            ctx.log().info("App client " + wanted.name() + " now calls back " + wanted.callbackUrl());
            return updated.clientSecret() == null ? updated.toBuilder().clientSecret(client.clientSecret()).build()
                    : updated;
        }
        return client;
    }

    /** Deletes the recorded client; one its pool no longer has is gone. */
    public void delete(StepContext ctx, ResourceRecord record) throws ProblemException {
        String poolId = record.attribute("userPool");
        Optional<UserPoolClientType> client = describe(poolId, record.id());
        if (client.isEmpty()) {
            Deletion.gone(ctx, record, "app client");
            return;
        }
        run("cognito-idp:DeleteUserPoolClient", () -> aws.cognito().deleteUserPoolClient(r -> r.userPoolId(poolId)
                .clientId(record.id())));
        ctx.journal().forget(record.kind(), record.id());
        ctx.log().info("Deleted app client " + record.name() + " (" + record.id() + ")");
    }

    public Intent preview(Journal journal, Optional<String> poolId, Wanted wanted) throws ProblemException {
        Optional<UserPoolClientType> client = poolId.isEmpty() ? Optional.empty()
                : find(journal, poolId.get(), wanted.name());
        String detail = "OAuth code flow, with a secret kept in Secrets Manager; calls back " + wanted.callbackUrl();
        if (client.isEmpty()) {
            return Intent.create("app client", wanted.name(), detail);
        }
        return asWanted(client.get(), wanted) ? Intent.reuse("app client", wanted.name(), detail)
                : Intent.change("app client", wanted.name(), detail);
    }

    static boolean asWanted(UserPoolClientType client, Wanted wanted) {
        return Boolean.TRUE.equals(client.allowedOAuthFlowsUserPoolClient())
                && client.allowedOAuthFlows().equals(List.of(OAuthFlowType.CODE))
                && new HashSet<>(client.allowedOAuthScopes()).equals(new HashSet<>(SCOPES))
                && client.supportedIdentityProviders().equals(List.of(COGNITO))
                && client.callbackURLs().equals(List.of(wanted.callbackUrl()))
                && client.logoutURLs().equals(List.of(wanted.logoutUrl()));
    }

    private Optional<UserPoolClientType> byName(String poolId, String name) throws ProblemException {
        Optional<String> id = call("cognito-idp:ListUserPoolClients", () -> {
            try {
                return aws.cognito().listUserPoolClientsPaginator(r -> r.userPoolId(poolId).maxResults(60))
                        .userPoolClients().stream().filter(c -> name.equals(c.clientName()))
                        .map(UserPoolClientDescription::clientId).findFirst();
            } catch (ResourceNotFoundException e) {
                return Optional.empty();
            }
        });
        return id.isEmpty() ? Optional.empty() : describe(poolId, id.get());
    }

    private Optional<UserPoolClientType> describe(String poolId, String clientId) throws ProblemException {
        return call("cognito-idp:DescribeUserPoolClient", () -> {
            try {
                return Optional.of(aws.cognito().describeUserPoolClient(r -> r.userPoolId(poolId)
                        .clientId(clientId)).userPoolClient());
            } catch (ResourceNotFoundException e) {
                return Optional.empty();
            }
        });
    }
}
