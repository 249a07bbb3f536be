package dev.hubwizard.deploy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The bundled hub image is found from where the code is, never from the folder the app was started in. */
class BundledHubImageTest {

    @TempDir
    Path root;

    private static Path hubImage(Path folder) throws Exception {
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("Dockerfile"), "FROM scratch\n");
        Files.writeString(folder.resolve("jupyterhub_config.py"), "c = get_config()\n");
        return folder;
    }

    @Test
    void anInstalledAppHasItBesideItsJar() throws Exception {
        Path app = root.resolve("opt/hubwizard/lib/app");
        Path bundled = hubImage(app.resolve("hub-image"));

        assertThat(BundledHubImage.locate(Optional.of(app.resolve("hubwizard.jar")))).contains(bundled);
    }

    @Test
    void aBuiltJarOrTheCompiledClassesUseTheProjectsFolder() throws Exception {
        Path project = root.resolve("checkout");
        Path bundled = hubImage(project.resolve("hub-image"));

        assertThat(BundledHubImage.locate(Optional.of(project.resolve("target/hubwizard.jar")))).contains(bundled);
        assertThat(BundledHubImage.locate(Optional.of(project.resolve("target/classes")))).contains(bundled);
    }

    @Test
    void aFolderWithoutTheHubsConfigIsNotTheHubImage() throws Exception {
        Path app = root.resolve("app");
        Files.createDirectories(app.resolve("hub-image"));
        Files.writeString(app.resolve("hub-image/Dockerfile"), "FROM scratch\n");

        assertThat(BundledHubImage.locate(Optional.of(app.resolve("hubwizard.jar")))).isEmpty();
        assertThat(BundledHubImage.locate(Optional.empty())).isEmpty();
    }

    @Test
    void thisBuildFindsTheProjectsHubImage() {
        assertThat(BundledHubImage.folder()).isEqualTo(Path.of("hub-image").toAbsolutePath());
        assertThat(BundledHubImage.folder().resolve("jupyterhub_config.py")).isRegularFile();
    }
}
