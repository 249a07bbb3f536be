package dev.hubwizard.docker;

/** The network the image build's {@code RUN} steps get. */
public enum BuildNetwork {
    /** The engine's default (its bridge): what Docker Desktop users have. */
    DEFAULT(null),
    /** The host's network: for engines started without a bridge, like the test bed's. */
    HOST("host"),
    /** None at all: proves a build needs nothing from the network (the tests build this way). */
    NONE("none");

    private final String dockerName;

    BuildNetwork(String dockerName) {
        this.dockerName = dockerName;
    }

    /** The name {@code docker build --network} takes; null for the engine's default. */
    String dockerName() {
        return dockerName;
    }

    /** The network that works with the engine the profile describes. */
    public static BuildNetwork matching(boolean engineWithoutBridge) {
        return engineWithoutBridge ? HOST : DEFAULT;
    }
}
