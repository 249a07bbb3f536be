package dev.hubwizard.deploy;

import dev.hubwizard.profile.Advanced;
import dev.hubwizard.profile.CognitoSettings;
import dev.hubwizard.profile.HubSettings;
import dev.hubwizard.profile.Profile;
import dev.hubwizard.profile.SignIn;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;

/** Profiles for the hub image tests: the stand-in of the official base image, host networking, a port of their own. */
final class TestProfiles {

    /** The project's own hub image folder, which the tests build. */
    static final Path HUB_IMAGE = Path.of("hub-image");

    private TestProfiles() {
    }

    /** Admin alice; allowed bob and carol@example.org; first-use passwords. */
    static Profile hub(String name, int port, String imageFolder, String baseImage) {
        return Profile.named(name)
                .withHub(new HubSettings(imageFolder, List.of("alice"), List.of("bob", "carol_example_org"),
                        SignIn.FIRST_USE_PASSWORD, CognitoSettings.NONE, port, true))
                .withAdvanced(new Advanced("", 30, baseImage));
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
