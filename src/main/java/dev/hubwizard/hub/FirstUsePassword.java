package dev.hubwizard.hub;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The hub's own sign-in form with a first-use password, as a person fills it in: the form's {@code _xsrf}
 * token with the name and password. The first password used for a name becomes its password.
 *
 * @param username a name the hub allows (an admin or allowed user)
 * @param password at least 7 characters (FirstUseAuthenticator's minimum)
 */
public record FirstUsePassword(String username, String password) implements SignIn {

    private static final Pattern XSRF_FIELD = Pattern.compile("name=\"_xsrf\"\\s+value=\"([^\"]+)\"");
    private static final Pattern LOGIN_ERROR = Pattern.compile("class=\"login_error\">\\s*([^<]+?)\\s*<");

    @Override
    public void signIn(HubBrowser browser) throws CheckFailed, IOException, InterruptedException {
        HttpResponse<String> form = browser.get("/hub/login");
        if (form.statusCode() != 200) {
            throw new CheckFailed(HubCheck.SIGNED_IN, "the sign-in page /hub/login answered HTTP " + form.statusCode());
        }
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("username", username);
        fields.put("password", password);
        Matcher xsrf = XSRF_FIELD.matcher(form.body());
        if (xsrf.find()) {
            fields.put("_xsrf", xsrf.group(1));
        }
        HttpResponse<String> answer = browser.postForm("/hub/login", fields);
        Optional<String> location = answer.headers().firstValue("Location");
        if (answer.statusCode() == 302 && location.isPresent() && !location.get().contains("/hub/login")) {
            return;
        }
        Matcher error = LOGIN_ERROR.matcher(answer.body());
        throw new CheckFailed(HubCheck.SIGNED_IN, "the hub answered HTTP " + answer.statusCode()
                + " to signing in as " + username + (error.find() ? " (\"" + error.group(1) + "\")" : ""));
    }
}
