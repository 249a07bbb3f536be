package dev.hubwizard.testbed;

import dev.hubwizard.hub.CheckFailed;
import dev.hubwizard.hub.HubBrowser;
import dev.hubwizard.hub.HubCheck;
import dev.hubwizard.hub.SignIn;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;

/**
 * "Sign in with Amazon Cognito" against {@link CognitoStandIn}, as a browser does it: the hub's
 * {@code /hub/oauth_login} sends it to the hosted UI, where the person signs in (the stand-in lets them
 * straight through), which sends it back to the hub's callback with a code; the hub's answer to that is where
 * the sign-in ends. The redirect after it is not followed: it would start the person's server.
 */
public record CognitoStandInSignIn(CognitoStandIn cognito, CognitoStandIn.Person person, String username)
        implements SignIn {

    @Override
    public void signIn(HubBrowser browser) throws CheckFailed, IOException, InterruptedException {
        cognito.signInAs(person);
        URI start = browser.resolve("/hub/oauth_login");
        HttpResponse<String> toCognito = browser.get(start);
        URI authorize = start.resolve(location(toCognito, "/hub/oauth_login"));
        HttpResponse<String> back = browser.get(authorize);
        HttpResponse<String> callback = browser.get(authorize.resolve(location(back, "the hosted UI")));
        String next = location(callback, "the hub's callback");
        if (next.contains("/hub/login")) {
            throw new CheckFailed(HubCheck.SIGNED_IN, "the hub sent " + person.preferredUsername()
                    + " back to its sign-in page");
        }
    }

    private String location(HttpResponse<String> response, String from) throws CheckFailed {
        if (response.statusCode() != 302 || response.headers().firstValue("Location").isEmpty()) {
            throw new CheckFailed(HubCheck.SIGNED_IN, from + " answered HTTP " + response.statusCode()
                    + " instead of a redirect" + (cognito.refusals().isEmpty() ? "" : "; Cognito refused: "
                    + cognito.refusals()));
        }
        return response.headers().firstValue("Location").orElseThrow();
    }
}
