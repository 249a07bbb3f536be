package dev.hubwizard.deploy;

import com.github.dockerjava.api.exception.NotFoundException;
import dev.hubwizard.aws.AwsClients;
import dev.hubwizard.docker.BuildNetwork;
import dev.hubwizard.docker.BuiltImage;
import dev.hubwizard.docker.DockerClients;
import dev.hubwizard.docker.ImageBuildRequest;
import dev.hubwizard.docker.ImageBuilder;
import dev.hubwizard.docker.LiveContainers;
import dev.hubwizard.docker.LocalHub;
import dev.hubwizard.docker.LocalHubRunner;
import dev.hubwizard.docker.LocalRun;
import dev.hubwizard.engine.ProblemException;
import dev.hubwizard.hub.FirstUsePassword;
import dev.hubwizard.hub.HubBrowser;
import dev.hubwizard.hub.Kernel;
import dev.hubwizard.hub.SingleUserServer;
import dev.hubwizard.profile.Architecture;
import dev.hubwizard.profile.AwsTarget;
import dev.hubwizard.profile.JupyterHubVersion;
import dev.hubwizard.profile.Profile;
import dev.hubwizard.testbed.DockerEngine;
import dev.hubwizard.testbed.MotoServer;
import dev.hubwizard.testbed.StepRecorder;
import dev.hubwizard.testbed.strict.StrictAws;
import dev.hubwizard.testbed.strict.Windows;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.Task;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A hub with HUB_SPAWNER=fargate on the test bed, for {@link FargateSpawnerIT} and the spawn benchmark: the
 * project's hub image (its FargateSpawner) in a container, calling ECS and EFS (moto behind the strict layer) from
 * inside, and people's servers in containers of the single-user image (hub-image/singleuser) that the test bed's
 * Fargate starts for the tasks the hub runs ({@link FargateUsersStandIn}). The hub is configured by its HUB_*
 * variables, set here as Hub Wizard's deploy sets them on the hub's task definition.
 * <p>
 * {@link #build} makes the two images once; {@link #newCluster} gives each scenario an empty account with the
 * users' cluster; {@link #endScenario} stops what the scenario started; {@link #close} removes the images.
 */
public final class FargateHubBed implements AutoCloseable {

    /** How long a person's server may take to start, and code to run. */
    public static final Duration SERVER = Duration.ofMinutes(3);
    /** What the hub's botocore adds to its User-Agent (hubwizard_hub/ecs.py): its calls in the strict layer. */
    public static final String HUB_USER_AGENT = "hubwizard-hub";

    private final DockerClients docker;
    private final BuiltImage hubImage;
    private final String singleUserImage;

    private StrictAws strict;
    private AwsClients aws;
    private UsersCluster users;
    private FargateUsersStandIn fargate;
    private LocalHub hub;
    private final Set<String> volumes = new HashSet<>();

    private FargateHubBed(DockerClients docker, BuiltImage hubImage, String singleUserImage) {
        this.docker = docker;
        this.hubImage = hubImage;
        this.singleUserImage = singleUserImage;
    }

    /** Builds the hub image and the users' image, as the app builds them (the same base, no network). */
    public static FargateHubBed build() throws Exception {
        DockerClients docker = DockerEngine.require();
        DockerEngine.requireHubBase(docker);
        Profile profile = TestProfiles.hub("hubwizard-fargate-e2e", TestProfiles.freePort(), "", "");
        StepRecorder recorder = new StepRecorder();
        new BuildImageStep(profile, new ImageBuilder(docker), TestProfiles.HUB_IMAGE, BuildNetwork.NONE)
                .run(recorder.context(BuildImageStep.ID));
        BuiltImage hubImage = recorder.session().values().require(BuildImageStep.IMAGE);
        ImageBuildRequest request = new ImageBuildRequest(TestProfiles.HUB_IMAGE, "unused", List.of("alice"),
                List.of(), Architecture.X86_64, JupyterHubVersion.PINNED, "", BuildNetwork.NONE);
        String singleUserImage = new ImageBuilder(docker).build(request.forUsers("hubwizard-test-singleuser-"
                + UUID.randomUUID().toString().substring(0, 8)), recorder.context("build-user")).reference();
        return new FargateHubBed(docker, hubImage, singleUserImage);
    }

    /** An empty account with the users' cluster, and the test bed's Fargate playing its tasks. */
    public void newCluster() {
        MotoServer.shared().reset();
        strict = MotoServer.shared().strict().windows(Windows.SHARED.withEc2NewIds(Duration.ZERO));
        aws = new AwsClients(new AwsTarget("", MotoServer.REGION), StrictAws.PATIENCE);
        users = UsersCluster.make(aws, singleUserImage);
        fargate = new FargateUsersStandIn(aws, docker, strict, users.cluster(), users.family());
    }

    /** The hub in Fargate mode, as Hub Wizard's deploy configures it, with {@code more} variables. */
    public void startHub(Map<String, String> more) throws Exception {
        Map<String, String> environment = new HashMap<>(Map.of(
                "HUB_SPAWNER", "fargate",
                "HUB_FARGATE_CLUSTER", users.cluster(),
                "HUB_FARGATE_TASK_DEFINITION", users.family(),
                "HUB_FARGATE_SUBNETS", users.subnet(),
                "HUB_FARGATE_SECURITY_GROUPS", users.securityGroup(),
                "HUB_FARGATE_PROFILE", "e2e",
                "HUB_FARGATE_FILE_SYSTEM", users.fileSystem(),
                "HUB_SERVER_SIZES", "Small=0.5/1, Large=1/2",
                // Where the users' servers reach the hub's API (on ECS: the task metadata's address).
                "HUB_CONNECT_IP", "127.0.0.1",
                "HUB_ALLOWED_USERS", "alice bob"));
        environment.putAll(Map.of(
                "AWS_ENDPOINT_URL", System.getProperty("aws.endpointUrl"),
                "AWS_ACCESS_KEY_ID", "testing", "AWS_SECRET_ACCESS_KEY", "testing",
                "AWS_REGION", MotoServer.REGION, "AWS_DEFAULT_REGION", MotoServer.REGION));
        environment.putAll(more);
        int port = TestProfiles.freePort();
        StepRecorder log = new StepRecorder();
        hub = new LocalHubRunner(docker, new LiveContainers(docker)).start(new LocalRun(hubImage.reference(),
                "hubwizard-fargate-e2e-" + port, port, true, environment), log.context("hub"));
        try {
            hub.awaitHealthy(Duration.ofMinutes(2), log.context("hub"));
        } catch (ProblemException e) {
            throw new AssertionError("The hub did not start; its log:\n" + String.join("\n", hub.log()), e);
        }
    }

    /** The hub's process ends (killed: no shutdown at all) and its container starts again with its files. */
    public void restartHub(boolean kill) throws Exception {
        if (kill) {
            docker.client().killContainerCmd(hub.containerId()).exec();
        } else {
            docker.client().stopContainerCmd(hub.containerId()).withTimeout(30).exec();
        }
        docker.client().startContainerCmd(hub.containerId()).exec();
        hub.awaitHealthy(Duration.ofMinutes(2), new StepRecorder().context("hub"));
    }

    /** Stops the scenario's hub, tasks and volumes; what went wrong while playing Fargate (empty: nothing). */
    public List<Throwable> endScenario() {
        List<Throwable> failures = new ArrayList<>();
        if (hub != null) {
            hub.close();
            hub = null;
        }
        if (fargate != null) {
            fargate.close();
            failures.addAll(fargate.failures());
            fargate = null;
        }
        for (String volume : volumes) {
            try {
                docker.client().removeVolumeCmd(volume).exec();
            } catch (NotFoundException gone) {
                // Never made.
            }
        }
        volumes.clear();
        if (aws != null) {
            aws.close();
            aws = null;
        }
        return failures;
    }

    @Override
    public void close() {
        endScenario();
        for (String image : new String[] {singleUserImage, hubImage.reference()}) {
            try {
                docker.client().removeImageCmd(image).withForce(true).exec();
            } catch (NotFoundException gone) {
                // Removed already.
            }
        }
    }

    public DockerClients docker() {
        return docker;
    }

    public AwsClients aws() {
        return aws;
    }

    UsersCluster users() {
        return users;
    }

    public FargateUsersStandIn fargate() {
        return fargate;
    }

    public LocalHub hub() {
        return hub;
    }

    /** The ECS and EFS calls the hub made since the scenario began or {@link StrictAws#forgetCalls}. */
    public List<String> hubCalls() {
        return strict.callsFrom(HUB_USER_AGENT);
    }

    public void forgetHubCalls() {
        strict.forgetCalls();
    }

    public HubBrowser signedIn(String person) throws Exception {
        HubBrowser browser = new HubBrowser(hub.url());
        new FirstUsePassword(person, person + "s-password").signIn(browser);
        return browser;
    }

    /** The spawn page's form, with the size picked; then the server, once ready. */
    public URI spawn(HubBrowser browser, String person, String size) throws Exception {
        browser.get("/hub/spawn");
        String xsrf = browser.xsrfToken(browser.resolve("/hub/spawn")).orElse("");
        HttpResponse<String> posted = browser.postForm("/hub/spawn", Map.of("size", size, "_xsrf", xsrf));
        if (posted.statusCode() != 302) {
            throw new AssertionError("the spawn form answered " + posted.statusCode() + ": " + posted.body());
        }
        task(person);
        volumes.add(FargateUsersStandIn.volumeOf(users.fileSystem(), accessPoint(person)));
        return new SingleUserServer(browser, person).start(SERVER, new StepRecorder().context("spawn"));
    }

    private String accessPoint(String person) {
        return accessPointAt("/home/" + person);
    }

    /** The access point whose root directory is {@code path} on the homes' file system. */
    public String accessPointAt(String path) {
        return aws.efs().describeAccessPoints(r -> r.fileSystemId(users.fileSystem())).accessPoints().stream()
                .filter(p -> p.rootDirectory().path().equals(path)).findFirst().orElseThrow()
                .accessPointId();
    }

    /** The Docker volume that plays the access point goes when the scenario ends. */
    public void removesVolumeOf(String accessPointId) {
        volumes.add(FargateUsersStandIn.volumeOf(users.fileSystem(), accessPointId));
    }

    /** Runs {@code code} in a new kernel of the person's server; what it printed. */
    public static String runs(HubBrowser browser, URI server, String code) throws Exception {
        String person = server.getPath().split("/")[2];
        try (Kernel kernel = Kernel.start(browser, server, person, SERVER)) {
            kernel.awaitReady(SERVER);
            return kernel.run(code, SERVER).strip();
        }
    }

    /** The person's running task, as the hub started it. */
    public Task task(String person) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            List<String> arns = runningTasks(person);
            if (!arns.isEmpty()) {
                return aws.ecs().describeTasks(r -> r.cluster(users.cluster()).tasks(arns)).tasks().get(0);
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the hub started no task for " + person + ":\n" + hub.lastLogLines());
    }

    public List<String> runningTasks(String person) {
        return aws.ecs().listTasks(r -> r.cluster(users.cluster()).startedBy("jh-" + person)
                .desiredStatus(DesiredStatus.RUNNING)).taskArns();
    }

    /** The hub container's whole log (every start of it) once it contains {@code text} (a minute at most). */
    public String awaitLog(String text) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        while (true) {
            String log = wholeLog();
            if (log.contains(text)) {
                return log;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the hub did not log \"" + text + "\":\n" + log);
            }
            Thread.sleep(500);
        }
    }

    private String wholeLog() throws InterruptedException {
        StringBuilder log = new StringBuilder();
        docker.client().logContainerCmd(hub.containerId()).withStdOut(true).withStdErr(true)
                .exec(new com.github.dockerjava.api.async.ResultCallback.Adapter<com.github.dockerjava.api.model.Frame>() {
                    @Override
                    public void onNext(com.github.dockerjava.api.model.Frame frame) {
                        log.append(new String(frame.getPayload(), java.nio.charset.StandardCharsets.UTF_8));
                    }
                }).awaitCompletion(10, java.util.concurrent.TimeUnit.SECONDS);
        return log.toString();
    }

    public static String address(Task task) {
        return task.attachments().stream().flatMap(a -> a.details().stream())
                .filter(d -> d.name().equals("privateIPv4Address")).map(d -> d.value()).findFirst().orElse(null);
    }
}
