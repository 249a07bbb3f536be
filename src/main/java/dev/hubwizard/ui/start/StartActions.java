package dev.hubwizard.ui.start;

import dev.hubwizard.profile.Profile;

/**
 * What the start screen asks the rest of the app to do with a profile. The composition root
 * implements it: the start screen has already asked the user to confirm where that is needed.
 */
public interface StartActions {

    /** Shows the profile's wizard. */
    void open(Profile profile);

    /**
     * Deploys the profile from start to end in its wizard, stopping for the local test: a hub with nothing in
     * AWS, or one whose deploy stopped half-way (the run reuses what exists).
     */
    void deploy(Profile profile);

    /** Deploys the profile again; the user has been told what a redeploy changes and agreed. */
    void redeploy(Profile profile);

    /** Removes the AWS resources the profile's deploys created; the user has agreed. */
    void tearDown(Profile profile);

    /** Opens the deployed hub's users editor. */
    void editUsers(Profile profile);

    /** When the running hub last picked up its lists of users, in words. Slow (AWS): never on the FX thread. */
    String usersPickedUp(Profile profile) throws Exception;

    /** Shows the hub's own log (its CloudWatch Logs stream), newest lines first, following new ones. */
    void showLogs(Profile profile);
}
