package dev.hubwizard.docker;

import com.github.dockerjava.api.exception.InternalServerErrorException;
import dev.hubwizard.engine.Problem;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;

import static org.assertj.core.api.Assertions.assertThat;

class DockerProblemsTest {

    static final String NO_SOCKET = "unix:///tmp/hubwizard-no-such.sock";

    @Test
    void aMissingSocketWithoutADockerProgramMeansNotInstalled() {
        RuntimeException failure = new RuntimeException(new IOException("native connect() failed : No such file or directory"));

        Problem problem = DockerProblems.unreachable(failure, NO_SOCKET, false).orElseThrow();

        assertThat(problem.what()).isEqualTo("Docker is not installed");
        assertThat(problem.next()).contains("Install Docker Desktop");
    }

    @Test
    void aMissingSocketWithADockerProgramMeansNotRunning() {
        RuntimeException failure = new UncheckedIOException(new IOException("connect() failed: No such file or directory"));

        Problem problem = DockerProblems.unreachable(failure, NO_SOCKET, true).orElseThrow();

        assertThat(problem.what()).isEqualTo("Docker is not running");
        assertThat(problem.why()).contains(NO_SOCKET);
        assertThat(problem.next()).contains("Start Docker Desktop", "Retry");
    }

    @Test
    void aRefusedTcpConnectionMeansNotRunning() {
        RuntimeException failure = new RuntimeException(new ConnectException("Connection refused"));

        assertThat(DockerProblems.unreachable(failure, "tcp://127.0.0.1:2375", false).orElseThrow().what())
                .isEqualTo("Docker is not running");
    }

    @Test
    void permissionDeniedPointsAtTheDockerGroup() {
        RuntimeException failure = new RuntimeException(new IOException("connect() failed: Permission denied"));

        Problem problem = DockerProblems.unreachable(failure, "unix:///var/run/docker.sock", true).orElseThrow();

        assertThat(problem.what()).isEqualTo("Docker refused this program");
        assertThat(problem.next()).contains("docker group");
    }

    @Test
    void anAnswerFromDockerIsNeverUnreachableWhateverItSays() {
        RuntimeException failure = new InternalServerErrorException("stat /x: no such file or directory");

        assertThat(DockerProblems.unreachable(failure, NO_SOCKET, true)).isEmpty();
        assertThat(DockerProblems.of(failure, NO_SOCKET, "start the container").problem().what())
                .isEqualTo("Docker could not start the container");
    }

    @Test
    void diskFullIsRecognisedAnywhereInTheText() {
        Problem problem = DockerProblems.diskFull("failed to copy files:\nwrite /var/lib/docker/x: no space left on device\n")
                .orElseThrow();

        assertThat(problem.what()).isEqualTo("Docker ran out of disk space");
        assertThat(problem.why()).isEqualTo("write /var/lib/docker/x: no space left on device");
        assertThat(problem.next()).contains("docker system prune");
        assertThat(DockerProblems.diskFull("all fine")).isEmpty();
    }
}
