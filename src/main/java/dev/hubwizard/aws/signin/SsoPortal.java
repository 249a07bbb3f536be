package dev.hubwizard.aws.signin;

import dev.hubwizard.engine.Problem;
import dev.hubwizard.engine.ProblemException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sso.SsoClient;
import software.amazon.awssdk.services.sso.model.RoleCredentials;
import software.amazon.awssdk.services.sso.model.UnauthorizedException;

import java.util.Comparator;
import java.util.List;

/**
 * The AWS access portal behind IAM Identity Center: which accounts and roles the signed-in person may use
 * (ListAccounts, ListAccountRoles, through the SDK's paginators), and a role's credentials.
 */
public final class SsoPortal {

    /** An account the person may use. */
    public record Account(String id, String name, String email) {
        public String label() {
            return (name == null || name.isBlank() ? id : name + " (" + id + ")");
        }
    }

    private final SignInClients clients;

    public SsoPortal(SignInClients clients) {
        this.clients = clients;
    }

    public List<Account> accounts(SsoSession session, SsoToken token) throws ProblemException {
        try (SsoClient sso = clients.portal(session.region())) {
            return sso.listAccountsPaginator(r -> r.accessToken(token.accessToken())).accountList().stream()
                    .map(a -> new Account(a.accountId(), a.accountName(), a.emailAddress()))
                    .sorted(Comparator.comparing(Account::label, String.CASE_INSENSITIVE_ORDER))
                    .toList();
        } catch (SdkException e) {
            throw problem(session, e);
        }
    }

    public List<String> roles(SsoSession session, SsoToken token, String accountId) throws ProblemException {
        try (SsoClient sso = clients.portal(session.region())) {
            return sso.listAccountRolesPaginator(r -> r.accessToken(token.accessToken()).accountId(accountId))
                    .roleList().stream().map(r -> r.roleName()).sorted().toList();
        } catch (SdkException e) {
            throw problem(session, e);
        }
    }

    /** The role's temporary credentials: proves the choice works before it is saved. */
    public RoleCredentials credentials(SsoSession session, SsoToken token, String accountId, String role)
            throws ProblemException {
        try (SsoClient sso = clients.portal(session.region())) {
            return sso.getRoleCredentials(r -> r.accessToken(token.accessToken()).accountId(accountId)
                    .roleName(role)).roleCredentials();
        } catch (SdkException e) {
            throw problem(session, e);
        }
    }

    private static ProblemException problem(SsoSession session, SdkException e) {
        if (e instanceof UnauthorizedException) {
            return new ProblemException(new Problem("Your IAM Identity Center sign-in has ended",
                    "the AWS access portal no longer accepts it (" + SignInProblems.said(e) + ")",
                    "Press Sign in to sign in again"), e);
        }
        return SignInProblems.identityCenter(session, e);
    }
}
