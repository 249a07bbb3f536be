package dev.hubwizard.cli;

import picocli.CommandLine.IVersionProvider;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version Maven wrote into {@code version.properties} at build time. */
public final class Version implements IVersionProvider {

    public static String current() {
        Properties properties = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("/dev/hubwizard/version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException ignored) {
            // A build without the file reports "development"; nothing else depends on it.
        }
        return properties.getProperty("version", "development");
    }

    @Override
    public String[] getVersion() {
        return new String[] {"Hub Wizard " + current()};
    }
}
