package dev.hubwizard.hub;

import java.io.IOException;

/** How a person signs in to the hub in a browser. */
public interface SignIn {

    /** The name the hub knows the person by once signed in (normalised, as the hub does). */
    String username();

    /**
     * Signs in; returns once the hub has a session for the person in {@code browser}.
     *
     * @throws CheckFailed when the hub turns the person away, saying how
     */
    void signIn(HubBrowser browser) throws CheckFailed, IOException, InterruptedException;
}
