package dev.hubwizard.profile;

import java.util.List;

/**
 * What goes into the hub image and how it runs locally.
 *
 * @param imageFolder  the hub image's build context (a folder like the project's {@code hub-image/})
 * @param admins       admin user names, normalised ({@link UserNames})
 * @param allowedUsers allowed user names, normalised
 * @param localPort    the port the local test serves on (8000 unless taken)
 * @param hostNetwork  run the local test with host networking, for engines without a bridge network
 */
public record HubSettings(String imageFolder, List<String> admins, List<String> allowedUsers, SignIn signIn,
                          CognitoSettings cognito, int localPort, boolean hostNetwork) {

    public static final int PORT = 8000;

    public HubSettings {
        imageFolder = imageFolder == null ? "" : imageFolder.trim();
        admins = List.copyOf(admins == null ? List.of() : admins);
        allowedUsers = List.copyOf(allowedUsers == null ? List.of() : allowedUsers);
        signIn = signIn == null ? SignIn.FIRST_USE_PASSWORD : signIn;
        cognito = cognito == null ? CognitoSettings.NONE : cognito;
        localPort = localPort == 0 ? PORT : localPort;
    }
}
