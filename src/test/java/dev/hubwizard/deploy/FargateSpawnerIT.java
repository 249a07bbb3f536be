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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.Task;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * HUB_SPAWNER=fargate end to end: the project's hub image (its FargateSpawner) in a container, calling ECS and
 * EFS (moto behind the strict layer) from inside, and people's servers in containers of the single-user image
 * (hub-image/singleuser) that the test bed's Fargate starts for the tasks the hub runs
 * ({@link FargateUsersStandIn}). The hub is configured by its HUB_* variables, set here as Hub Wizard's deploy
 * will set them on the hub's task definition.
 */
class FargateSpawnerIT {

    private static final Duration SERVER = Duration.ofMinutes(3);

    private static DockerClients docker;
    private static BuiltImage hubImage;
    private static String singleUserImage;

    private AwsClients aws;
    private UsersCluster users;
    private FargateUsersStandIn fargate;
    private LocalHub hub;
    private final Set<String> volumes = new HashSet<>();

    @BeforeAll
    static void images() throws Exception {
        docker = DockerEngine.require();
        DockerEngine.requireHubBase(docker);
        Profile profile = TestProfiles.hub("hubwizard-fargate-e2e", TestProfiles.freePort(), "", "");
        StepRecorder recorder = new StepRecorder();
        new BuildImageStep(profile, new ImageBuilder(docker), TestProfiles.HUB_IMAGE, BuildNetwork.NONE)
                .run(recorder.context(BuildImageStep.ID));
        hubImage = recorder.session().values().require(BuildImageStep.IMAGE);
        // The users' image as the app builds it: hub-image/singleuser on the same base, without a network.
        ImageBuildRequest request = new ImageBuildRequest(TestProfiles.HUB_IMAGE, "unused", List.of("alice"),
                List.of(), Architecture.X86_64, JupyterHubVersion.PINNED, "", BuildNetwork.NONE);
        singleUserImage = new ImageBuilder(docker).build(request.forUsers("hubwizard-test-singleuser-"
                + UUID.randomUUID().toString().substring(0, 8)), recorder.context("build-user")).reference();
    }

    @AfterAll
    static void removeImages() {
        if (docker == null) {
            return;
        }
        for (String image : new String[] {singleUserImage, hubImage == null ? null : hubImage.reference()}) {
            if (image != null) {
                try {
                    docker.client().removeImageCmd(image).withForce(true).exec();
                } catch (NotFoundException gone) {
                    // Never built.
                }
            }
        }
    }

    @BeforeEach
    void usersCluster() {
        MotoServer.shared().reset();
        StrictAws strict = MotoServer.shared().strict().windows(Windows.SHARED.withEc2NewIds(Duration.ZERO));
        aws = new AwsClients(new AwsTarget("", MotoServer.REGION), StrictAws.PATIENCE);
        users = UsersCluster.make(aws, singleUserImage);
        fargate = new FargateUsersStandIn(aws, docker, strict, users.cluster(), users.family());
    }

    /** The hub in Fargate mode, as Hub Wizard's deploy will configure it, with {@code more} variables. */
    private void startHub(Map<String, String> more) throws Exception {
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
        } catch (dev.hubwizard.engine.ProblemException e) {
            throw new AssertionError("The hub did not start; its log:\n" + String.join("\n", hub.log()), e);
        }
    }

    @AfterEach
    void stop() {
        if (hub != null) {
            hub.close();
        }
        if (fargate != null) {
            fargate.close();
            assertThat(fargate.failures()).isEmpty();
        }
        for (String volume : volumes) {
            try {
                docker.client().removeVolumeCmd(volume).exec();
            } catch (NotFoundException gone) {
                // Never made.
            }
        }
        if (aws != null) {
            aws.close();
        }
    }

    @Test
    void eachPersonGetsATaskOfTheSizeTheyPickWithTheirOwnHomeAndRunsCode() throws Exception {
        startHub(Map.of());
        HubBrowser alice = signedIn("alice");
        URI aliceServer = spawn(alice, "alice", "Large");

        assertThat(runs(alice, aliceServer, "import getpass, os\nprint(getpass.getuser(), os.getcwd(), 6 * 7)"))
                .as(hub.lastLogLines()).isEqualTo("jovyan /home/jovyan 42");
        Task aliceTask = task("alice");
        assertThat(aliceTask.overrides().cpu()).isEqualTo("1024");
        assertThat(aliceTask.overrides().memory()).isEqualTo("2048");
        assertThat(aliceTask.taskDefinitionArn()).contains("/" + users.family() + "-alice:");

        HubBrowser bob = signedIn("bob");
        URI bobServer = spawn(bob, "bob", "Small");
        runs(bob, bobServer, "open('mine.txt', 'w').write('bob')");

        assertThat(address(task("bob"))).isNotEqualTo(address(aliceTask));
        assertThat(runs(alice, aliceServer, "import os\nprint(os.path.exists('mine.txt'))"))
                .as("bob's files are in bob's home only").isEqualTo("False");
        assertThat(runs(bob, bobServer, "import os\nprint(os.path.exists('mine.txt'))")).isEqualTo("True");
    }

    @Test
    void aRestartedHubReattachesToRunningServers() throws Exception {
        // The hub's state outlives the hub process: the container restarts with its files, as a task with
        // HUB_STATE_DIR on EFS.
        startHub(Map.of("HUB_FARGATE_KEEP_SERVERS", "true"));
        HubBrowser alice = signedIn("alice");
        URI server = spawn(alice, "alice", "Small");
        // A kernel's parent is the Jupyter server: the same process before and after, or the server was replaced.
        String before = runs(alice, server, "import os\nprint(os.getppid())");
        String task = task("alice").taskArn();

        restartHub(false);

        assertThat(runs(alice, server, "import os\nprint(os.getppid())"))
                .as("the same server, through the restarted hub").isEqualTo(before);
        assertThat(runningTasks("alice")).containsExactly(task);
        assertThat(hub.lastLogLines()).doesNotContain("Stopping alice's unrecorded Fargate task");
    }

    @Test
    void aHubKilledMidSpawnLeavesNoTaskBehindOnceThePersonStartsAgain() throws Exception {
        startHub(Map.of());
        HubBrowser alice = signedIn("alice");
        alice.get("/hub/spawn");
        String xsrf = alice.xsrfToken(alice.resolve("/hub/spawn")).orElse("");
        // The spawn's request waits while the hub starts the task: killed as soon as ECS has the task, the hub
        // has not yet recorded it (it records a server once it answers).
        Thread spawning = new Thread(() -> {
            try {
                alice.postForm("/hub/spawn", Map.of("size", "Small", "_xsrf", xsrf));
            } catch (java.io.IOException killed) {
                // The hub died mid-answer: what this test does.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        spawning.start();
        String orphan = task("alice").taskArn();
        restartHub(true);
        spawning.join(30_000);

        HubBrowser again = signedIn("alice");
        URI server = spawn(again, "alice", "Small");
        assertThat(runs(again, server, "print(6 * 7)")).isEqualTo("42");
        assertThat(runningTasks("alice")).hasSize(1).doesNotContain(orphan);
        assertThat(aws.ecs().describeTasks(r -> r.cluster(users.cluster()).tasks(orphan)).tasks().get(0)
                .lastStatus()).isEqualTo("STOPPED");
    }

    @Test
    void theIdleCullerStopsAnIdleServersTask() throws Exception {
        // The culler looks when it starts and then every minute at least (culler.py): a 10 s timeout makes the
        // first look after the spawn the one that stops it.
        startHub(Map.of("HUB_CULL_IDLE_TIMEOUT", "10s"));
        HubBrowser alice = signedIn("alice");
        spawn(alice, "alice", "Small");
        String task = task("alice").taskArn();
        String container = fargate.container(task).orElseThrow();

        Instant deadline = Instant.now().plusSeconds(150);
        while (!runningTasks("alice").isEmpty()) {
            assertThat(Instant.now()).as("the culler stopped alice's server:\n" + hub.lastLogLines())
                    .isBefore(deadline);
            Thread.sleep(1000);
        }
        assertThat(aws.ecs().describeTasks(r -> r.cluster(users.cluster()).tasks(task)).tasks().get(0)
                .stoppedReason()).isEqualTo("JupyterHub stopped alice's server");
        while (fargate.container(task).isPresent()) {
            assertThat(Instant.now()).as("its container goes").isBefore(deadline.plusSeconds(30));
            Thread.sleep(200);
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> docker.client().inspectContainerCmd(container)
                .exec()).isInstanceOf(NotFoundException.class);
    }

    @Test
    void adminsWriteTheSharedFolderAndEveryoneElseOnlyReadsIt() throws Exception {
        startHub(Map.of("HUB_FARGATE_SHARED_FOLDER", "true", "HUB_ADMIN_USERS", "alice"));
        HubBrowser alice = signedIn("alice");
        URI aliceServer = spawn(alice, "alice", "Small");
        String definition = task("alice").taskDefinitionArn();
        assertThat(aws.ecs().describeTaskDefinition(r -> r.taskDefinition(definition))
                .taskDefinition().containerDefinitions().get(0).mountPoints()).as(hub.lastLogLines())
                .extracting(m -> m.containerPath() + " " + m.readOnly())
                .containsExactly("/home/jovyan false", "/home/jovyan/shared false");
        volumes.add(FargateUsersStandIn.volumeOf(users.fileSystem(), accessPointAt("/shared")));

        assertThat(runs(alice, aliceServer, "open('shared/week-1.txt', 'w').write('read me')\n"
                + "print(open('shared/week-1.txt').read())")).as(hub.lastLogLines()).isEqualTo("read me");

        HubBrowser bob = signedIn("bob");
        URI bobServer = spawn(bob, "bob", "Small");
        assertThat(runs(bob, bobServer, "print(open('shared/week-1.txt').read())")).isEqualTo("read me");
        assertThat(runs(bob, bobServer, "import errno\ntry:\n    open('shared/mine.txt', 'w')\n    print('written')\n"
                + "except OSError as e:\n    print(errno.errorcode[e.errno])")).isEqualTo("EROFS");
    }

    /** The hub's process ends (killed: no shutdown at all) and its container starts again with its files. */
    private void restartHub(boolean kill) throws Exception {
        if (kill) {
            docker.client().killContainerCmd(hub.containerId()).exec();
        } else {
            docker.client().stopContainerCmd(hub.containerId()).withTimeout(30).exec();
        }
        docker.client().startContainerCmd(hub.containerId()).exec();
        hub.awaitHealthy(Duration.ofMinutes(2), new StepRecorder().context("hub"));
    }

    private List<String> runningTasks(String person) {
        return aws.ecs().listTasks(r -> r.cluster(users.cluster()).startedBy("jh-" + person)
                .desiredStatus(DesiredStatus.RUNNING)).taskArns();
    }

    private HubBrowser signedIn(String person) throws Exception {
        HubBrowser browser = new HubBrowser(hub.url());
        new FirstUsePassword(person, person + "s-password").signIn(browser);
        return browser;
    }

    /** The spawn page's form, with the size picked; then the server, once ready. */
    private URI spawn(HubBrowser browser, String person, String size) throws Exception {
        browser.get("/hub/spawn");
        String xsrf = browser.xsrfToken(browser.resolve("/hub/spawn")).orElse("");
        HttpResponse<String> posted = browser.postForm("/hub/spawn", Map.of("size", size, "_xsrf", xsrf));
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(302);
        task(person);
        volumes.add(FargateUsersStandIn.volumeOf(users.fileSystem(), accessPoint(person)));
        return new SingleUserServer(browser, person).start(SERVER, new StepRecorder().context("spawn"));
    }

    private String accessPoint(String person) {
        return accessPointAt("/home/" + person);
    }

    private String accessPointAt(String path) {
        return aws.efs().describeAccessPoints(r -> r.fileSystemId(users.fileSystem())).accessPoints().stream()
                .filter(p -> p.rootDirectory().path().equals(path)).findFirst().orElseThrow()
                .accessPointId();
    }

    private static String runs(HubBrowser browser, URI server, String code) throws Exception {
        String person = server.getPath().split("/")[2];
        try (Kernel kernel = Kernel.start(browser, server, person, SERVER)) {
            kernel.awaitReady(SERVER);
            return kernel.run(code, SERVER).strip();
        }
    }

    /** The person's running task, as the hub started it. */
    private Task task(String person) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            List<String> arns = runningTasks(person);
            if (!arns.isEmpty()) {
                return aws.ecs().describeTasks(r -> r.cluster(users.cluster()).tasks(arns)).tasks().get(0);
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the hub started no task for " + person + ":\n" + hub.lastLogLines());
    }

    private static String address(Task task) {
        return task.attachments().stream().flatMap(a -> a.details().stream())
                .filter(d -> d.name().equals("privateIPv4Address")).map(d -> d.value()).findFirst().orElse(null);
    }
}
