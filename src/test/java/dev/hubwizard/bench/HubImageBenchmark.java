package dev.hubwizard.bench;

import dev.hubwizard.deploy.BuildImageStep;
import dev.hubwizard.deploy.LocalTestApproval;
import dev.hubwizard.deploy.LocalTestCheck;
import dev.hubwizard.deploy.LocalTestResult;
import dev.hubwizard.deploy.LocalTestStep;
import dev.hubwizard.docker.BuildNetwork;
import dev.hubwizard.docker.BuiltImage;
import dev.hubwizard.docker.DockerClients;
import dev.hubwizard.docker.ImageBuilder;
import dev.hubwizard.docker.ImagePusher;
import dev.hubwizard.docker.LiveContainers;
import dev.hubwizard.docker.LocalHubRunner;
import dev.hubwizard.docker.PushRequest;
import dev.hubwizard.docker.RegistryCredentials;
import dev.hubwizard.engine.StepContext;
import dev.hubwizard.hub.HubCheck;
import dev.hubwizard.profile.HubSettings;
import dev.hubwizard.profile.JupyterHubVersion;
import dev.hubwizard.profile.Profile;
import dev.hubwizard.testbed.DockerEngine;
import dev.hubwizard.testbed.LocalRegistry;
import dev.hubwizard.testbed.StepRecorder;
import org.opentest4j.TestAbortedException;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The hub image on the stand-ins of its official base images (every version it is proven on): the local
 * test's clock from {@code docker run} to the hub answering, a person signed in and their code run (the median
 * of {@link #RUNS} fresh containers, the slowest in brackets), the image's size in the engine and what a push
 * sends (compressed). The stand-in carries the wheels the hub image installs, for offline builds: a layer the
 * official image does not have, left out of both sizes (and said so).
 */
final class HubImageBenchmark implements Benchmark {

    private static final String NAME = "hub image (test bed)";
    private static final int RUNS = 3;
    private static final String PASSWORD = "bench-registry-password";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Row> run() throws Exception {
        DockerClients docker;
        try {
            docker = DockerEngine.require();
            JupyterHubVersion.TESTED.forEach(version -> DockerEngine.requireHubBase(docker, version));
            LocalRegistry.require();
        } catch (TestAbortedException | AssertionError missing) {
            return List.of(new Row(NAME, "local test, sizes", "not run: " + missing.getMessage(), ""));
        }
        List<Row> rows = new ArrayList<>();
        try (docker; LocalRegistry registry = LocalRegistry.start(PASSWORD)) {
            for (String version : JupyterHubVersion.TESTED) {
                rows.addAll(measure(docker, registry, version));
            }
        }
        return rows;
    }

    private static List<Row> measure(DockerClients docker, LocalRegistry registry, String version) throws Exception {
        Profile profile = profile(version);
        StepRecorder built = new StepRecorder();
        new BuildImageStep(profile, new ImageBuilder(docker), Path.of("hub-image"), BuildNetwork.NONE)
                .run(built.context(BuildImageStep.ID));
        BuiltImage image = built.session().values().require(BuildImageStep.IMAGE);
        LiveContainers live = new LiveContainers(docker);
        try {
            List<LocalTestResult> runs = new ArrayList<>();
            for (int i = 0; i < RUNS; i++) {
                StepRecorder recorder = new StepRecorder();
                StepContext context = recorder.context(LocalTestStep.ID);
                context.put(BuildImageStep.IMAGE, image);
                new LocalTestStep(profile, new LocalHubRunner(docker, live), LocalTestApproval.WHEN_CHECKED,
                        LocalTestStep.HEALTH_TIMEOUT).run(context);
                runs.add(recorder.session().values().require(LocalTestStep.RESULT));
            }
            String base = JupyterHubVersion.officialImage(version);
            long wheelhouse = wheelhouseBytes(base);
            return List.of(
                    new Row(NAME, "JupyterHub " + version + ": docker run → /hub/health answers",
                            median(runs, HubCheck.HUB_ANSWERS), ""),
                    new Row(NAME, "JupyterHub " + version + ": docker run → signed in", median(runs, HubCheck.SIGNED_IN),
                            ""),
                    new Row(NAME, "JupyterHub " + version + ": docker run → server started",
                            median(runs, HubCheck.SERVER_STARTED), ""),
                    new Row(NAME, "JupyterHub " + version + ": docker run → code ran", median(runs, HubCheck.CODE_RAN),
                            ""),
                    new Row(NAME, "JupyterHub " + version + ": image size in the engine",
                            Benchmarks.megabytes(image.sizeBytes() - wheelhouse) + " (the stand-in's wheels, "
                                    + Benchmarks.megabytes(wheelhouse) + ", left out)", ""),
                    new Row(NAME, "JupyterHub " + version + ": compressed push size",
                            pushed(docker, registry, image, base, version), ""));
        } finally {
            live.removeAll();
            docker.client().removeImageCmd(image.reference()).exec();
        }
    }

    /** The compressed size of every layer a first push sends, without the stand-in's wheel layer. */
    private static String pushed(DockerClients docker, LocalRegistry registry, BuiltImage image, String base,
                                 String version) throws Exception {
        String repository = "bench-hub-" + version.replace('.', '-');
        new ImagePusher(docker).push(new PushRequest(image.imageId(), registry.repositoryUri(repository), "v1",
                new RegistryCredentials(LocalRegistry.USER, PASSWORD)), new StepRecorder().context("push"));
        // The push tagged the image with the registry's address; the image itself goes when the benchmark ends.
        docker.client().removeImageCmd(registry.repositoryUri(repository) + ":v1").exec();
        List<Long> layers = registry.layerSizes(repository, "v1");
        // The stand-in's last two layers are its wheels and its pip.conf; the hub image's own follow.
        int baseLayers = docker.client().inspectImageCmd(base).exec().getRootFS().getLayers().size();
        long wheels = layers.get(baseLayers - 2);
        long total = layers.stream().mapToLong(Long::longValue).sum();
        long own = layers.subList(baseLayers, layers.size()).stream().mapToLong(Long::longValue).sum();
        return Benchmarks.megabytes(total - wheels) + " in " + (layers.size() - 1) + " layers, of which the hub"
                + " image's own " + Benchmarks.megabytes(own) + " (the stand-in's wheels, " + Benchmarks.megabytes(wheels)
                + " compressed, left out)";
    }

    /** The size of the stand-in's wheel folder, as {@code du} counts it (in a throwaway container). */
    private static long wheelhouseBytes(String base) throws Exception {
        Process du = new ProcessBuilder("docker", "run", "--rm", "--network", "none", base, "du", "-sb",
                "/opt/hubwizard-test/wheels").start();
        String out = new String(du.getInputStream().readAllBytes()).trim();
        du.waitFor();
        return Long.parseLong(out.split("\\s+")[0]);
    }

    private static String median(List<LocalTestResult> runs, HubCheck check) {
        List<Duration> times = runs.stream().map(r -> r.sinceStart(check)).sorted().toList();
        return String.format(Locale.ROOT, "%.1f s (slowest %.1f s)", times.get(times.size() / 2).toMillis() / 1000.0,
                times.get(times.size() - 1).toMillis() / 1000.0);
    }

    private static Profile profile(String version) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        // A name of its own: other runs on the same engine name their local test's container after theirs.
        Profile profile = Profile.named("bench-image-" + UUID.randomUUID().toString().substring(0, 8))
                .withHub(new HubSettings("", List.of("alice"), List.of("alice", "bob"), null, null, port, true));
        return profile.withAdvanced(profile.advanced().withJupyterhubVersion(version));
    }
}
