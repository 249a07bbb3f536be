package dev.hubwizard.profile;

import java.util.List;

/**
 * What goes into the hub image, who uses it, and how it runs locally.
 *
 * @param imageFolder  the hub image's build context (a folder like the project's {@code hub-image/}); empty for
 *                     the one that comes with the app
 * @param admins       admin user names, normalised ({@link UserNames})
 * @param allowedUsers allowed user names, normalised
 * @param localPort    the port the local test serves on (8000 unless taken)
 * @param hostNetwork  run the local test with host networking, for engines without a bridge network
 * @param expectedUsers how many people will use the hub, as the person deploying it said; 0 when not said.
 *                      The size and the reach the settings page suggests follow from it ({@link HubSizing})
 */
public record HubSettings(String imageFolder, List<String> admins, List<String> allowedUsers, SignIn signIn,
                          CognitoSettings cognito, int localPort, boolean hostNetwork, int expectedUsers) {

    public static final int PORT = 8000;

    /** Settings of a hub whose number of users has not been said. */
    public HubSettings(String imageFolder, List<String> admins, List<String> allowedUsers, SignIn signIn,
                       CognitoSettings cognito, int localPort, boolean hostNetwork) {
        this(imageFolder, admins, allowedUsers, signIn, cognito, localPort, hostNetwork, 0);
    }

    public HubSettings withExpectedUsers(int people) {
        return new HubSettings(imageFolder, admins, allowedUsers, signIn, cognito, localPort, hostNetwork, people);
    }

    public HubSettings withImageFolder(String folder) {
        return new HubSettings(folder, admins, allowedUsers, signIn, cognito, localPort, hostNetwork, expectedUsers);
    }

    public HubSettings {
        imageFolder = imageFolder == null ? "" : imageFolder.trim();
        admins = List.copyOf(admins == null ? List.of() : admins);
        allowedUsers = List.copyOf(allowedUsers == null ? List.of() : allowedUsers);
        signIn = signIn == null ? SignIn.FIRST_USE_PASSWORD : signIn;
        cognito = cognito == null ? CognitoSettings.NONE : cognito;
        localPort = localPort == 0 ? PORT : localPort;
    }
}
