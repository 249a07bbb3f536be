package dev.hubwizard.profile;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JupyterHub version a hub is built on: the tag of the official image,
 * {@code quay.io/jupyterhub/jupyterhub:VERSION}, that the hub image's Dockerfile starts from.
 */
public final class JupyterHubVersion {

    /** What a new hub gets: the version the hub image's Dockerfile pins. */
    public static final String PINNED = "5.5.0";
    /**
     * The versions the hub image is proven on: CI builds a stand-in of each official image and runs the
     * local test (sign in, server, code) on it. The newest first, then the pinned one.
     */
    public static final List<String> TESTED = List.of("6.1.1", PINNED);
    /** The official image's repository; the version is its tag. */
    public static final String OFFICIAL_IMAGE = "quay.io/jupyterhub/jupyterhub";

    /** MAJOR.MINOR.PATCH, as the official image's tags name versions. */
    private static final Pattern VERSION = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

    private JupyterHubVersion() {
    }

    /** The official image of {@code version}. */
    public static String officialImage(String version) {
        return OFFICIAL_IMAGE + ":" + version;
    }

    /** Why {@code version} cannot be built on, or empty when it can. */
    public static Optional<String> problem(String version) {
        Matcher m = VERSION.matcher(version == null ? "" : version);
        if (!m.matches()) {
            return Optional.of("'" + version + "' is not a JupyterHub version: write it as the official image's tag,"
                    + " such as " + PINNED);
        }
        int major = Integer.parseInt(m.group(1));
        if (major < 5 || major > 6) {
            return Optional.of("the hub image's configuration is written for JupyterHub 5 and 6 (tested on "
                    + String.join(" and ", TESTED) + "), not " + major);
        }
        return Optional.empty();
    }
}
