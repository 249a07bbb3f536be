package dev.hubwizard.docker;

import java.util.Map;

/**
 * How to run a hub image on this computer for a look before it goes to AWS.
 *
 * @param image       the image id or reference
 * @param name        the container's name; a leftover of an earlier crashed run with this name is
 *                    removed first
 * @param port        where the hub answers on this computer ({@code http://localhost:PORT})
 * @param hostNetwork share the host's network instead of publishing the port (for engines without
 *                    a bridge network); the hub then listens on 127.0.0.1 only
 * @param environment further variables for the hub ({@link HubEnvironment})
 */
public record LocalRun(String image, String name, int port, boolean hostNetwork, Map<String, String> environment) {

    public LocalRun {
        environment = Map.copyOf(environment);
    }
}
