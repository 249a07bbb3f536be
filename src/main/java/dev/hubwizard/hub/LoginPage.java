package dev.hubwizard.hub;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Optional;

/**
 * What a person meets at a hub's {@code /hub/login}, looked at without signing in (so without creating
 * anyone on a real hub): the first-use password form, or the way to an identity provider's sign-in.
 */
public final class LoginPage {

    /** What the page offers, in words for the person: "the first-use password form". */
    public record Found(boolean form, URI identityProvider, String description) {
    }

    private LoginPage() {
    }

    /**
     * Opens {@code /hub/login} and, when it offers an identity provider's button, follows that to where it
     * sends people.
     *
     * @throws IOException when the hub does not answer
     * @throws CheckFailed when the page is neither a sign-in form nor a way to an identity provider
     */
    public static Found at(HubBrowser browser) throws IOException, InterruptedException, CheckFailed {
        HttpResponse<String> login = browser.get("/hub/login");
        if (login.statusCode() == 200 && login.body().contains("name=\"username\"")
                && login.body().contains("name=\"password\"")) {
            return new Found(true, null, "the sign-in form (a name and a first-use password)");
        }
        // OAuthenticator's page has a button to /hub/oauth_login, or (with auto_login) redirects there at once.
        Optional<String> oauthLogin = login.statusCode() == 302 ? login.headers().firstValue("Location")
                : login.statusCode() == 200 && login.body().contains("oauth_login") ? Optional.of("/hub/oauth_login")
                : Optional.empty();
        if (oauthLogin.isPresent()) {
            HttpResponse<String> start = browser.get(browser.resolve(oauthLogin.get()));
            Optional<String> location = start.headers().firstValue("Location");
            if (start.statusCode() == 302 && location.isPresent() && location.get().contains("://")) {
                URI provider = URI.create(location.get());
                return new Found(false, provider, "a redirect to " + provider.getScheme() + "://"
                        + provider.getAuthority() + " to sign in");
            }
        }
        throw new CheckFailed(HubCheck.SIGNED_IN, "/hub/login answered HTTP " + login.statusCode()
                + " with neither a sign-in form nor a way to an identity provider");
    }
}
