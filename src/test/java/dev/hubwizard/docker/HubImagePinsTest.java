package dev.hubwizard.docker;

import dev.hubwizard.profile.JupyterHubVersion;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The version the app calls pinned is the one the hub image's Dockerfile pins, and CI can prove each it tests. */
class HubImagePinsTest {

    @Test
    void theDockerfilePinsTheAppsDefaultVersion() throws Exception {
        Matcher pin = Pattern.compile("(?m)^ARG JUPYTERHUB_VERSION=(\\S+)$")
                .matcher(Files.readString(Path.of("hub-image", "Dockerfile")));

        assertThat(pin.find()).as("hub-image/Dockerfile has ARG JUPYTERHUB_VERSION=…").isTrue();
        assertThat(pin.group(1)).isEqualTo(JupyterHubVersion.PINNED);
    }

    @Test
    void everyTestedVersionHasAStandInRecipeWithThatJupyterHub() throws Exception {
        for (String version : JupyterHubVersion.TESTED) {
            Path pins = Path.of(".ci", "hub-base-image", "requirements-" + version + ".txt");
            assertThat(pins).as("the stand-in's pins for %s", version).isRegularFile();
            assertThat(Files.readAllLines(pins)).contains("jupyterhub==" + version);
        }
    }
}
