package dev.hubwizard.deploy;

import dev.hubwizard.docker.BuildNetwork;
import dev.hubwizard.docker.DockerClients;
import dev.hubwizard.docker.ImageBuilder;
import dev.hubwizard.docker.LiveContainers;
import dev.hubwizard.docker.LocalHubRunner;
import dev.hubwizard.engine.Intent;
import dev.hubwizard.profile.Architecture;
import dev.hubwizard.profile.Profile;
import dev.hubwizard.profile.TaskSize;
import dev.hubwizard.testbed.StepRecorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.hubwizard.engine.ProblemException;
import java.nio.file.Files;

import java.nio.file.Path;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The plan page's lines come from the steps themselves; previews touch no Docker, only the hub image folder. */
class StepPreviewTest {

    /** Never asked for a client: a preview that tried would fail on this address. */
    static final DockerClients NOWHERE = DockerClients.forHost("unix:///nonexistent/docker.sock");

    @Test
    void theBuildSaysWhatItBuildsFromWhatAndForWhichArchitecture(@TempDir Path folder) throws Exception {
        Files.writeString(folder.resolve("Dockerfile"), "FROM scratch\n");
        Files.writeString(folder.resolve("jupyterhub_config.py"), "c = get_config()\n");
        Profile profile = TestProfiles.hub("Team Hub", 8000, folder.toString(), "mirror.example/jupyterhub:5.5.0")
                .withTask(new TaskSize(1024, 2048, Architecture.ARM64));

        Intent intent = new BuildImageStep(profile, new ImageBuilder(NOWHERE), Path.of("hub-image"), BuildNetwork.DEFAULT)
                .preview(new StepRecorder().context(BuildImageStep.ID)).get(0);

        assertThat(intent.action()).isEqualTo(Intent.Action.CREATE);
        assertThat(intent.name()).isEqualTo("team-hub:<image id>");
        assertThat(intent.detail()).contains("ARM64 (linux/arm64)", folder.toString(),
                "mirror.example/jupyterhub:5.5.0", "1 admin(s) and 2 allowed user(s)");
    }

    @Test
    void aFolderThatCannotBeBuiltFromIsOnThePlanBeforeAnythingIsBuilt() {
        Profile profile = TestProfiles.hub("team", 8000, "/srv/no-such-hub-image", "");
        BuildImageStep build = new BuildImageStep(profile, new ImageBuilder(NOWHERE), Path.of("hub-image"),
                BuildNetwork.DEFAULT);

        assertThatThrownBy(() -> build.preview(new StepRecorder().context(BuildImageStep.ID)))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.problem().what()).isEqualTo("The hub image folder is missing");
                    assertThat(e.problem().next()).contains("Settings page");
                });
    }

    @Test
    void withoutAFolderTheProjectsHubImageIsBuilt() throws Exception {
        Profile profile = TestProfiles.hub("team", 8000, "", "");

        String detail = new BuildImageStep(profile, new ImageBuilder(NOWHERE), Path.of("hub-image"), BuildNetwork.DEFAULT)
                .preview(new StepRecorder().context(BuildImageStep.ID)).get(0).detail();

        assertThat(detail).contains(Path.of("hub-image").toAbsolutePath().toString(),
                " on quay.io/jupyterhub/jupyterhub:5.5.0");
    }

    @Test
    void aNewerJupyterHubIsTheOfficialImageOfThatVersion() throws Exception {
        Profile profile = TestProfiles.hub("team", 8000, "", "");
        profile = profile.withAdvanced(profile.advanced().withJupyterhubVersion("6.1.1"));

        String detail = new BuildImageStep(profile, new ImageBuilder(NOWHERE), Path.of("hub-image"), BuildNetwork.DEFAULT)
                .preview(new StepRecorder().context(BuildImageStep.ID)).get(0).detail();

        assertThat(detail).contains(" on quay.io/jupyterhub/jupyterhub:6.1.1");
    }

    @Test
    void theLocalTestRunsAfterTheBuildOnTheProfilesPort() {
        LocalTestStep step = new LocalTestStep(TestProfiles.hub("team", 8123, "", ""),
                new LocalHubRunner(NOWHERE, new LiveContainers(NOWHERE)), LocalTestApproval.WHEN_CHECKED,
                LocalTestStep.HEALTH_TIMEOUT);

        assertThat(step.dependsOn()).isEqualTo(Set.of(BuildImageStep.ID));
        assertThat(step.preview(new StepRecorder().context(LocalTestStep.ID)).get(0).name())
                .contains("http://localhost:8123/");
    }
}
