package dev.hubwizard.ui.signin;

import java.util.function.Consumer;

/**
 * Opens the "Sign in to AWS" page for a profile: from the preflight, the settings' AWS profile field and
 * the problem panel's "Sign in again". FX thread.
 */
@FunctionalInterface
public interface SignInLauncher {

    /**
     * @param profileName the AWS profile to sign in (empty: the page proposes one)
     * @param again       the profile worked before: renew it without asking when that is possible
     * @param signedIn    told the profile's name once it is signed in (not called when the person gives up)
     */
    void open(String profileName, boolean again, Consumer<String> signedIn);
}
