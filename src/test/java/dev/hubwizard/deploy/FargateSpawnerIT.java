package dev.hubwizard.deploy;

import com.github.dockerjava.api.exception.NotFoundException;
import dev.hubwizard.aws.AwsClients;
import dev.hubwizard.hub.HubBrowser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.Task;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.hubwizard.deploy.FargateHubBed.address;
import static dev.hubwizard.deploy.FargateHubBed.runs;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * HUB_SPAWNER=fargate end to end on {@link FargateHubBed}: the project's hub image (its FargateSpawner) in a
 * container, calling ECS and EFS (moto behind the strict layer) from inside, and people's servers in containers of
 * the single-user image that the test bed's Fargate starts for the tasks the hub runs.
 */
class FargateSpawnerIT {

    private static FargateHubBed bed;

    private AwsClients aws;
    private UsersCluster users;
    private FargateUsersStandIn fargate;

    @BeforeAll
    static void images() throws Exception {
        bed = FargateHubBed.build();
    }

    @AfterAll
    static void removeImages() {
        if (bed != null) {
            bed.close();
        }
    }

    @BeforeEach
    void usersCluster() {
        bed.newCluster();
        aws = bed.aws();
        users = bed.users();
        fargate = bed.fargate();
    }

    @AfterEach
    void stop() {
        assertThat(bed.endScenario()).as("the test bed's Fargate").isEmpty();
    }

    @Test
    void eachPersonGetsATaskOfTheSizeTheyPickWithTheirOwnHomeAndRunsCode() throws Exception {
        bed.startHub(Map.of());
        HubBrowser alice = bed.signedIn("alice");
        URI aliceServer = bed.spawn(alice, "alice", "Large");

        assertThat(runs(alice, aliceServer, "import getpass, os\nprint(getpass.getuser(), os.getcwd(), 6 * 7)"))
                .as(bed.hub().lastLogLines()).isEqualTo("jovyan /home/jovyan 42");
        Task aliceTask = bed.task("alice");
        assertThat(aliceTask.overrides().cpu()).isEqualTo("1024");
        assertThat(aliceTask.overrides().memory()).isEqualTo("2048");
        assertThat(aliceTask.taskDefinitionArn()).contains("/" + users.family() + "-alice:");

        HubBrowser bob = bed.signedIn("bob");
        URI bobServer = bed.spawn(bob, "bob", "Small");
        runs(bob, bobServer, "open('mine.txt', 'w').write('bob')");

        assertThat(address(bed.task("bob"))).isNotEqualTo(address(aliceTask));
        assertThat(runs(alice, aliceServer, "import os\nprint(os.path.exists('mine.txt'))"))
                .as("bob's files are in bob's home only").isEqualTo("False");
        assertThat(runs(bob, bobServer, "import os\nprint(os.path.exists('mine.txt'))")).isEqualTo("True");
    }

    @Test
    void aRestartedHubReattachesToRunningServers() throws Exception {
        // The hub's state outlives the hub process: the container restarts with its files, as a task with
        // HUB_STATE_DIR on EFS.
        bed.startHub(Map.of("HUB_FARGATE_KEEP_SERVERS", "true"));
        HubBrowser alice = bed.signedIn("alice");
        URI server = bed.spawn(alice, "alice", "Small");
        // A kernel's parent is the Jupyter server: the same process before and after, or the server was replaced.
        String before = runs(alice, server, "import os\nprint(os.getppid())");
        String task = bed.task("alice").taskArn();

        bed.restartHub(false);

        assertThat(runs(alice, server, "import os\nprint(os.getppid())"))
                .as("the same server, through the restarted hub").isEqualTo(before);
        assertThat(bed.runningTasks("alice")).containsExactly(task);
        assertThat(bed.awaitLog("Fargate task(s) running, ")).as("the sweep at start leaves the recorded task")
                .contains("1 of this hub's Fargate task(s) running, 0 stopped as nobody's")
                .doesNotContain("stopping alice's Fargate task");
        assertThat(bed.hub().lastLogLines()).doesNotContain("Stopping alice's unrecorded Fargate task");
    }

    @Test
    void aHubKilledMidSpawnStopsTheTaskItLeftWhenItStartsAgain() throws Exception {
        bed.startHub(Map.of());
        HubBrowser alice = bed.signedIn("alice");
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
        String orphan = bed.task("alice").taskArn();
        bed.restartHub(true);
        spawning.join(30_000);

        // Nobody starts a server: the restarted hub's sweep finds the task no server records and stops it.
        assertThat(bed.awaitLog("stopping alice's Fargate task " + orphan)).contains("a hub that stopped mid-spawn");
        assertThat(aws.ecs().describeTasks(r -> r.cluster(users.cluster()).tasks(orphan)).tasks().get(0)
                .desiredStatus()).isEqualTo("STOPPED");
        assertThat(bed.runningTasks("alice")).isEmpty();

        // And the person can start again.
        HubBrowser again = bed.signedIn("alice");
        URI server = bed.spawn(again, "alice", "Small");
        assertThat(runs(again, server, "print(6 * 7)")).isEqualTo("42");
        assertThat(bed.runningTasks("alice")).hasSize(1).doesNotContain(orphan);
        assertThat(aws.ecs().describeTasks(r -> r.cluster(users.cluster()).tasks(orphan)).tasks().get(0)
                .lastStatus()).isEqualTo("STOPPED");
    }

    @Test
    void theIdleCullerStopsAnIdleServersTask() throws Exception {
        // The culler looks when it starts and then every minute at least (culler.py): a 10 s timeout makes the
        // first look after the spawn the one that stops it.
        bed.startHub(Map.of("HUB_CULL_IDLE_TIMEOUT", "10s"));
        HubBrowser alice = bed.signedIn("alice");
        bed.spawn(alice, "alice", "Small");
        String task = bed.task("alice").taskArn();
        String container = fargate.container(task).orElseThrow();

        Instant deadline = Instant.now().plusSeconds(150);
        while (!bed.runningTasks("alice").isEmpty()) {
            assertThat(Instant.now()).as("the culler stopped alice's server:\n" + bed.hub().lastLogLines())
                    .isBefore(deadline);
            Thread.sleep(1000);
        }
        assertThat(aws.ecs().describeTasks(r -> r.cluster(users.cluster()).tasks(task)).tasks().get(0)
                .stoppedReason()).isEqualTo("JupyterHub stopped alice's server");
        while (fargate.container(task).isPresent()) {
            assertThat(Instant.now()).as("its container goes").isBefore(deadline.plusSeconds(30));
            Thread.sleep(200);
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> bed.docker().client().inspectContainerCmd(container)
                .exec()).isInstanceOf(NotFoundException.class);
    }

    @Test
    void adminsWriteTheSharedFolderAndEveryoneElseOnlyReadsIt() throws Exception {
        bed.startHub(Map.of("HUB_FARGATE_SHARED_FOLDER", "true", "HUB_ADMIN_USERS", "alice"));
        HubBrowser alice = bed.signedIn("alice");
        URI aliceServer = bed.spawn(alice, "alice", "Small");
        String definition = bed.task("alice").taskDefinitionArn();
        assertThat(aws.ecs().describeTaskDefinition(r -> r.taskDefinition(definition))
                .taskDefinition().containerDefinitions().get(0).mountPoints()).as(bed.hub().lastLogLines())
                .extracting(m -> m.containerPath() + " " + m.readOnly())
                .containsExactly("/home/jovyan false", "/home/jovyan/shared false");
        bed.removesVolumeOf(bed.accessPointAt("/shared"));

        assertThat(runs(alice, aliceServer, "open('shared/week-1.txt', 'w').write('read me')\n"
                + "print(open('shared/week-1.txt').read())")).as(bed.hub().lastLogLines()).isEqualTo("read me");

        HubBrowser bob = bed.signedIn("bob");
        URI bobServer = bed.spawn(bob, "bob", "Small");
        assertThat(runs(bob, bobServer, "print(open('shared/week-1.txt').read())")).isEqualTo("read me");
        assertThat(runs(bob, bobServer, "import errno\ntry:\n    open('shared/mine.txt', 'w')\n    print('written')\n"
                + "except OSError as e:\n    print(errno.errorcode[e.errno])")).isEqualTo("EROFS");
    }
}
