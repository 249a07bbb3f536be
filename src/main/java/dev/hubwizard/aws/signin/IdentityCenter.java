package dev.hubwizard.aws.signin;

import dev.hubwizard.engine.Problem;
import dev.hubwizard.engine.ProblemException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ssooidc.SsoOidcClient;
import software.amazon.awssdk.services.ssooidc.model.AccessDeniedException;
import software.amazon.awssdk.services.ssooidc.model.AuthorizationPendingException;
import software.amazon.awssdk.services.ssooidc.model.CreateTokenResponse;
import software.amazon.awssdk.services.ssooidc.model.ExpiredTokenException;
import software.amazon.awssdk.services.ssooidc.model.InvalidGrantException;
import software.amazon.awssdk.services.ssooidc.model.InvalidRequestException;
import software.amazon.awssdk.services.ssooidc.model.RegisterClientResponse;
import software.amazon.awssdk.services.ssooidc.model.SlowDownException;
import software.amazon.awssdk.services.ssooidc.model.SsoOidcException;
import software.amazon.awssdk.services.ssooidc.model.StartDeviceAuthorizationResponse;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Signs a person in to IAM Identity Center the way the AWS CLI v2 does, with the SDK's OIDC client: the
 * authorization code flow with PKCE and a loopback redirect on 127.0.0.1 (the browser on this computer
 * comes back to the app), or the device code flow when no browser here can be opened (the person types a
 * code on any device). Refreshes a cached sign-in with its refresh token, so that nobody is asked again
 * while the refresh token lasts.
 */
public final class IdentityCenter {

    static final String GRANT_AUTHORIZATION_CODE = "authorization_code";
    static final String GRANT_REFRESH_TOKEN = "refresh_token";
    static final String GRANT_DEVICE_CODE = "urn:ietf:params:oauth:grant-type:device_code";

    /** Opens an address in the person's browser; false when there is no browser to open here. */
    public interface Browser {
        boolean open(URI address);
    }

    /** Shows the device flow's code and where to type it (the window, or the terminal for the CLI). */
    public interface DeviceCodeDisplay {
        void show(URI verificationUri, String userCode);
    }

    private final SignInClients clients;
    private final Clock clock;

    public IdentityCenter(SignInClients clients, Clock clock) {
        this.clients = clients;
        this.clock = clock;
    }

    /**
     * Signs in with the browser on this computer; falls back to the device code when it cannot be opened.
     *
     * @throws ProblemException when the person declines, cancels, takes too long, or AWS refuses
     */
    public SsoToken signIn(SsoSession session, Browser browser, DeviceCodeDisplay display, SignInWait wait)
            throws ProblemException, InterruptedException {
        try (SsoOidcClient oidc = clients.oidc(session.region())) {
            String state = Pkce.state();
            try (LoopbackRedirect redirect = LoopbackRedirect.start(state)) {
                RegisterClientResponse client = call(session, () -> oidc.registerClient(r -> r
                        .clientName(clientName()).clientType("public").scopes(SsoSession.SCOPE)
                        .grantTypes(GRANT_AUTHORIZATION_CODE, GRANT_REFRESH_TOKEN)
                        .redirectUris(redirect.uri().toString()).issuerUrl(session.startUrl())));
                Pkce pkce = Pkce.create();
                URI authorize = URI.create(SignInClients.authorizeEndpoint(oidc, session.region())
                        + "?response_type=code"
                        + "&client_id=" + encode(client.clientId())
                        + "&redirect_uri=" + encode(redirect.uri().toString())
                        + "&state=" + encode(state)
                        + "&code_challenge_method=S256"
                        + "&scopes=" + encode(SsoSession.SCOPE)
                        + "&code_challenge=" + encode(pkce.challenge()));
                if (browser.open(authorize)) {
                    LoopbackRedirect.Answer answer = awaitBrowser(redirect, wait);
                    CreateTokenResponse token = call(session, () -> oidc.createToken(r -> r
                            .clientId(client.clientId()).clientSecret(client.clientSecret())
                            .grantType(GRANT_AUTHORIZATION_CODE).code(answer.code())
                            .codeVerifier(pkce.verifier()).redirectUri(redirect.uri().toString())));
                    return token(session, client, token, null);
                }
            } catch (IOException e) {
                // No loopback listener here (a locked-down computer): the device code needs none.
            }
            return deviceFlow(oidc, session, browser, display, wait);
        }
    }

    /** The device code flow: a code the person confirms in any browser, polled as AWS asks. */
    SsoToken deviceFlow(SsoOidcClient oidc, SsoSession session, Browser browser, DeviceCodeDisplay display,
                        SignInWait wait) throws ProblemException, InterruptedException {
        RegisterClientResponse client = call(session, () -> oidc.registerClient(r -> r
                .clientName(clientName()).clientType("public").scopes(SsoSession.SCOPE)));
        StartDeviceAuthorizationResponse device = call(session, () -> oidc.startDeviceAuthorization(r -> r
                .clientId(client.clientId()).clientSecret(client.clientSecret()).startUrl(session.startUrl())));
        URI verification = URI.create(device.verificationUriComplete() != null ? device.verificationUriComplete()
                : device.verificationUri());
        display.show(verification, device.userCode());
        browser.open(verification);
        Duration interval = Duration.ofSeconds(device.interval() == null || device.interval() <= 0 ? 5
                : device.interval());
        Instant deadline = earliest(clock.instant().plusSeconds(device.expiresIn() == null ? 600 : device.expiresIn()),
                clock.instant().plus(wait.timeout()));
        while (true) {
            if (!wait.sleep(interval)) {
                throw cancelled();
            }
            if (clock.instant().isAfter(deadline)) {
                throw timedOut(wait);
            }
            try {
                CreateTokenResponse token = oidc.createToken(r -> r.clientId(client.clientId())
                        .clientSecret(client.clientSecret()).grantType(GRANT_DEVICE_CODE)
                        .deviceCode(device.deviceCode()));
                return token(session, client, token, null);
            } catch (AuthorizationPendingException pending) {
                // Not confirmed yet: ask again after the interval.
            } catch (SlowDownException slowDown) {
                interval = interval.plusSeconds(5);
            } catch (ExpiredTokenException expired) {
                throw new ProblemException(new Problem("The sign-in code expired",
                        "nobody confirmed code " + device.userCode() + " in time",
                        "Press Sign in to get a new code, then confirm it in the browser"), expired);
            } catch (AccessDeniedException denied) {
                throw declined(denied);
            } catch (SdkException e) {
                throw SignInProblems.identityCenter(session, e);
            }
        }
    }

    /**
     * A new access token from the cached refresh token, without the browser; empty when there is none to
     * use or AWS no longer accepts it (then the person signs in again).
     */
    public Optional<SsoToken> refresh(SsoSession session, SsoToken cached) throws ProblemException {
        if (!cached.refreshable(clock.instant())) {
            return Optional.empty();
        }
        try (SsoOidcClient oidc = clients.oidc(session.region())) {
            CreateTokenResponse token = oidc.createToken(r -> r.clientId(cached.clientId())
                    .clientSecret(cached.clientSecret()).grantType(GRANT_REFRESH_TOKEN)
                    .refreshToken(cached.refreshToken()));
            Instant now = clock.instant();
            return Optional.of(new SsoToken(session.startUrl(), session.region(), token.accessToken(),
                    now.plusSeconds(token.expiresIn()), cached.clientId(), cached.clientSecret(),
                    cached.registrationExpiresAt(),
                    token.refreshToken() != null ? token.refreshToken() : cached.refreshToken()));
        } catch (InvalidGrantException | ExpiredTokenException | AccessDeniedException e) {
            return Optional.empty();
        } catch (SsoOidcException e) {
            if (e.statusCode() == 400 || e.statusCode() == 401) {
                return Optional.empty();
            }
            throw SignInProblems.identityCenter(session, e);
        } catch (SdkException e) {
            throw SignInProblems.identityCenter(session, e);
        }
    }

    private LoopbackRedirect.Answer awaitBrowser(LoopbackRedirect redirect, SignInWait wait)
            throws ProblemException, InterruptedException {
        SignInWait.Outcome<LoopbackRedirect.Answer> outcome = wait.await(redirect.answer(), wait.timeout());
        if (outcome.cancelled()) {
            throw cancelled();
        }
        if (outcome.timedOut()) {
            throw timedOut(wait);
        }
        LoopbackRedirect.Answer answer = outcome.value();
        if (answer.error() != null) {
            if ("access_denied".equals(answer.error())) {
                throw declined(null);
            }
            throw new ProblemException(new Problem("The AWS sign-in page reported a problem",
                    answer.error() + (answer.errorDescription().isBlank() ? "" : ": " + answer.errorDescription()),
                    "Check the start URL and the region, then press Sign in again"));
        }
        return answer;
    }

    private SsoToken token(SsoSession session, RegisterClientResponse client, CreateTokenResponse token,
                           String fallbackRefresh) {
        Instant now = clock.instant();
        Instant registrationEnds = client.clientSecretExpiresAt() == null || client.clientSecretExpiresAt() == 0
                ? now.plus(Duration.ofDays(90)) : Instant.ofEpochSecond(client.clientSecretExpiresAt());
        return new SsoToken(session.startUrl(), session.region(), token.accessToken(),
                now.plusSeconds(token.expiresIn() == null ? 3600 : token.expiresIn()), client.clientId(),
                client.clientSecret(), registrationEnds,
                token.refreshToken() != null ? token.refreshToken() : fallbackRefresh);
    }

    private interface OidcCall<T> {
        T call();
    }

    private static <T> T call(SsoSession session, OidcCall<T> call) throws ProblemException {
        try {
            return call.call();
        } catch (AccessDeniedException e) {
            throw declined(e);
        } catch (InvalidRequestException e) {
            throw new ProblemException(new Problem("IAM Identity Center did not accept the start URL",
                    session.startUrl() + " in " + session.region() + " is not an AWS access portal AWS knows ("
                            + SignInProblems.said(e) + ")",
                    "Copy the AWS access portal URL from the IAM Identity Center console (Settings → Identity "
                            + "source) or from your invitation e-mail, check its region, then press Sign in"), e);
        } catch (SdkClientException e) {
            throw SignInProblems.identityCenter(session, e);
        } catch (SdkException e) {
            throw SignInProblems.identityCenter(session, e);
        }
    }

    private static ProblemException declined(Exception cause) {
        return new ProblemException(new Problem("The sign-in was declined in the browser",
                "the AWS sign-in page answered that access was denied",
                "Press Sign in to try again, and choose Allow when the browser asks whether Hub Wizard may have "
                        + "access"), cause);
    }

    private static ProblemException cancelled() {
        return new ProblemException(new Problem("Sign-in cancelled", "", "Nothing was changed. Press Sign in to "
                + "start again"));
    }

    private static ProblemException timedOut(SignInWait wait) {
        return new ProblemException(new Problem("The sign-in took too long",
                "the browser did not come back within " + (wait.timeout().toMinutes() >= 1
                        ? wait.timeout().toMinutes() + " minutes" : wait.timeout().toSeconds() + " seconds"),
                "Nothing was changed. Press Sign in and finish signing in in the browser; if the browser shows an "
                        + "error, check the start URL and its region"));
    }

    private String clientName() {
        return "hubwizard-" + clock.instant().getEpochSecond();
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
