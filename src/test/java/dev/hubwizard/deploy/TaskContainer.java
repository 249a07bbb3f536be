package dev.hubwizard.deploy;

import com.github.dockerjava.api.command.ExecCreateCmdResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Volume;
import com.github.dockerjava.api.async.ResultCallback;
import dev.hubwizard.docker.DockerClients;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A played Fargate task whose task definition mounts EFS: the hub image on host networking serving
 * 127.0.0.1:8000, with the file system played by a Docker volume named after it, mounted where the task
 * definition says. The local test's runner has no volumes (the local test needs none), so the test runs
 * these itself. It also runs a task whose hub must reach names the test plays ({@link FargateStandIn#cognitoAt}).
 */
final class TaskContainer implements AutoCloseable {

    private final DockerClients docker;
    private final String id;

    private TaskContainer(DockerClients docker, String id) {
        this.docker = docker;
        this.id = id;
    }

    /** The system's CA bundle in the hub image (Ubuntu's), which the hub's HTTP client (libcurl) trusts. */
    private static final String CA_BUNDLE = "/etc/ssl/certs/ca-certificates.crt";

    /** The Docker volume that plays an EFS file system: its files outlive every task, as on EFS. */
    static String volumeOf(String fileSystemId) {
        return "hubwizard-test-efs-" + fileSystemId;
    }

    /** @param mounts Docker volume name → path in the container */
    static TaskContainer start(DockerClients docker, String image, String name, Map<String, String> environment,
                               Map<String, String> mounts) {
        return start(docker, image, name, environment, mounts, List.of(), List.of());
    }

    /**
     * @param hosts       {@code NAME:ADDRESS} lines for the container's {@code /etc/hosts}
     * @param authorities CA certificates (PEM) added to the container's system trust before the hub starts, as
     *                    {@code update-ca-certificates} adds one
     */
    static TaskContainer start(DockerClients docker, String image, String name, Map<String, String> environment,
                               Map<String, String> mounts, List<String> hosts, List<Path> authorities) {
        List<String> env = new ArrayList<>();
        environment.forEach((k, v) -> env.add(k + "=" + v));
        // Host networking, as the local test runs it: loopback only, the hub's inner ports out of the way. An API
        // port the environment names (a hub whose users' servers call it from their own tasks) is the caller's.
        env.add("HUB_IP=127.0.0.1");
        env.add("HUB_PORT=8000");
        if (!environment.containsKey("HUB_API_PORT")) {
            env.add("HUB_API_PORT=" + freePort());
        }
        env.add("HUB_PROXY_API_PORT=" + freePort());
        List<Bind> binds = new ArrayList<>();
        mounts.forEach((volume, path) -> binds.add(new Bind(volume, new Volume(path))));
        try {
            docker.client().removeContainerCmd(name).withForce(true).exec();
        } catch (NotFoundException none) {
            // The usual case.
        }
        String id = docker.client().createContainerCmd(image).withName(name).withEnv(env)
                .withHostConfig(HostConfig.newHostConfig().withNetworkMode("host").withInit(true).withBinds(binds)
                        .withExtraHosts(hosts.isEmpty() ? null : hosts.toArray(String[]::new)))
                .exec().getId();
        for (Path authority : authorities) {
            trust(docker, id, authority);
        }
        docker.client().startContainerCmd(id).exec();
        return new TaskContainer(docker, id);
    }

    /** Appends a CA certificate to the created container's CA bundle. */
    private static void trust(DockerClients docker, String id, Path authority) {
        try {
            ByteArrayOutputStream bundle = new ByteArrayOutputStream();
            try (TarArchiveInputStream in = new TarArchiveInputStream(docker.client()
                    .copyArchiveFromContainerCmd(id, CA_BUNDLE).exec())) {
                TarArchiveEntry entry = in.getNextEntry();
                while (entry != null && !entry.isFile()) {
                    entry = in.getNextEntry();
                }
                if (entry == null) {
                    throw new IllegalStateException("The hub image has no CA bundle at " + CA_BUNDLE);
                }
                in.transferTo(bundle);
            }
            bundle.write(Files.readAllBytes(authority));
            byte[] bytes = bundle.toByteArray();
            ByteArrayOutputStream tar = new ByteArrayOutputStream();
            try (TarArchiveOutputStream out = new TarArchiveOutputStream(tar)) {
                TarArchiveEntry entry = new TarArchiveEntry(Path.of(CA_BUNDLE).getFileName().toString());
                entry.setSize(bytes.length);
                entry.setMode(0644);
                out.putArchiveEntry(entry);
                out.write(bytes);
                out.closeArchiveEntry();
            }
            docker.client().copyArchiveToContainerCmd(id).withRemotePath(Path.of(CA_BUNDLE).getParent().toString())
                    .withTarInputStream(new ByteArrayInputStream(tar.toByteArray())).exec();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String id() {
        return id;
    }

    /** The hub's log, for a failure message. */
    String log() throws InterruptedException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        docker.client().logContainerCmd(id).withStdOut(true).withStdErr(true).withTail(200)
                .exec(new ResultCallback.Adapter<Frame>() {
                    @Override
                    public void onNext(Frame frame) {
                        out.writeBytes(frame.getPayload());
                    }
                }).awaitCompletion(10, TimeUnit.SECONDS);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Runs a command in a container as {@code user}; returns what it printed (stdout and stderr). */
    static String exec(DockerClients docker, String containerId, String user, String... command)
            throws InterruptedException {
        ExecCreateCmdResponse exec = docker.client().execCreateCmd(containerId).withUser(user).withCmd(command)
                .withAttachStdout(true).withAttachStderr(true).exec();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        docker.client().execStartCmd(exec.getId()).exec(new ResultCallback.Adapter<Frame>() {
            @Override
            public void onNext(Frame frame) {
                out.writeBytes(frame.getPayload());
            }
        }).awaitCompletion(30, TimeUnit.SECONDS);
        return out.toString(StandardCharsets.UTF_8).trim();
    }

    @Override
    public void close() {
        try {
            docker.client().stopContainerCmd(id).withTimeout(5).exec();
        } catch (RuntimeException stoppedOrGone) {
            // Removed below either way.
        }
        try {
            docker.client().removeContainerCmd(id).withForce(true).exec();
        } catch (NotFoundException gone) {
            // Already removed.
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
