package dev.hubwizard.docker;

import dev.hubwizard.engine.Problem;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BuildOutputTest {

    @Test
    void joinsChunksIntoLinesAndTracksTheStep() {
        BuildOutput output = new BuildOutput();

        assertThat(output.lines("Step 1/9 : ARG BASE_")).isEmpty();
        assertThat(output.lines("IMAGE=x\n\nStep 2/9 : FROM x\n ---> 1234\npart")).containsExactly(
                "Step 1/9 : ARG BASE_IMAGE=x", "", "Step 2/9 : FROM x", " ---> 1234");
        assertThat(output.rest()).containsExactly("part");

        BuildOutput.Step step = output.step().orElseThrow();
        assertThat(step.label()).isEqualTo("Step 2/9: FROM x");
        assertThat(step.progress().done()).isEqualTo(1);
        assertThat(step.progress().total()).isEqualTo(9);
    }

    @Test
    void aFailureNamesTheStepAndShowsItsLatestOutput() {
        BuildOutput output = new BuildOutput();
        output.lines("Step 4/9 : RUN pip install nothing-here\n ---> Running in abc\n");
        for (int i = 1; i <= 20; i++) {
            output.lines("pip line " + i + "\n");
        }
        output.lines("ERROR: No matching distribution found for nothing-here\n");

        Problem problem = output.failure("The command '/bin/sh -c pip install nothing-here' returned a non-zero code: 1",
                "/home/me/hub-image/Dockerfile", "linux/amd64");

        assertThat(problem.what()).isEqualTo("The image build failed at step 4/9");
        assertThat(problem.why()).startsWith("RUN pip install nothing-here: The command")
                .contains("ERROR: No matching distribution found for nothing-here", "pip line 20")
                .doesNotContain("pip line 5\n", "Running in abc");
        assertThat(problem.next()).contains("/home/me/hub-image/Dockerfile");
    }

    @Test
    void aFailingFromPointsAtTheBaseImage() {
        BuildOutput output = new BuildOutput();
        output.lines("Step 2/9 : FROM quay.io/jupyterhub/jupyterhub:5.5.0\n");

        Problem problem = output.failure("manifest unknown", "Dockerfile", "linux/amd64");

        assertThat(problem.next()).contains("base image");
    }

    @Test
    void aFailureBeforeAnyStepSaysSo() {
        Problem problem = new BuildOutput().failure("dockerfile parse error line 3: unknown instruction: RUNN", "x/Dockerfile",
                "linux/amd64");

        assertThat(problem.what()).isEqualTo("The image build failed");
        assertThat(problem.why()).contains("unknown instruction: RUNN");
    }

    @Test
    void anotherArchitectureWithoutEmulationSaysSo() {
        BuildOutput output = new BuildOutput();
        output.lines("Step 5/9 : RUN python3 -m pip install -r /tmp/hub-requirements.txt\n"
                + "exec /bin/sh: exec format error\n");

        Problem problem = output.failure("The command '/bin/sh -c python3 -m pip install' returned a non-zero code: 1",
                "Dockerfile", "linux/arm64");

        assertThat(problem.what()).isEqualTo("Docker on this computer cannot run linux/arm64 programs");
        assertThat(problem.next()).contains("Docker Desktop", "CPU architecture");
    }

    @Test
    void builderBookkeepingIsChatter() {
        assertThat(BuildOutput.isChatter(" ---> Running in 1a2b")).isTrue();
        assertThat(BuildOutput.isChatter("Removing intermediate container 1a2b")).isTrue();
        assertThat(BuildOutput.isChatter("Collecting oauthenticator")).isFalse();
    }
}
