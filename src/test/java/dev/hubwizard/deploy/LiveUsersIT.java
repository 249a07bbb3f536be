package dev.hubwizard.deploy;

import dev.hubwizard.engine.ProblemException;
import dev.hubwizard.engine.RunResult;
import dev.hubwizard.hub.CheckFailed;
import dev.hubwizard.hub.FirstUsePassword;
import dev.hubwizard.hub.HubBrowser;
import dev.hubwizard.hub.Kernel;
import dev.hubwizard.hub.SingleUserServer;
import dev.hubwizard.operate.HubUsers;
import dev.hubwizard.profile.Options;
import dev.hubwizard.profile.Profile;
import dev.hubwizard.profile.TaskSize;
import dev.hubwizard.testbed.StepRecorder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 16's proof, items 1 and 2, with the real hub image in the Fargate stand-in (moto plays SSM and IAM; a
 * Docker volume plays EFS): a change of users reaches the running hub without a new task while a signed-in
 * person's server keeps answering; a removed person can no longer sign in; an added one can; a redeploy to a
 * new revision keeps the first-use password (nobody else can claim the name) and the files in the home; a change
 * the app was stopped in the middle of is completed by running it again, with nothing done twice; bad names are
 * refused before anything is sent.
 */
class LiveUsersIT {

    private static final String NAME = "live-hub";
    private static final Duration SERVER = Duration.ofMinutes(2);
    /** The hub reads its lists every 2 s here (30 s on AWS): the budget is a minute either way. */
    private static final Duration PICKED_UP = Duration.ofSeconds(60);

    @TempDir
    static Path profiles;

    private static DeployTestBed bed;

    @BeforeAll
    static void start() throws Exception {
        bed = DeployTestBed.start(profiles);
    }

    @BeforeEach
    void reset() {
        bed.reset();
    }

    @AfterAll
    static void stop() throws Exception {
        if (bed != null) {
            bed.close();
        }
    }

    @Test
    void usersChangeWhileTheHubRunsAndNothingIsForgottenWhenTheTaskIsReplaced() throws Exception {
        Profile profile = bed.profile(NAME, List.of("ada"), List.of("grace", "linus"))
                .withOptions(new Options(false, "", true));
        bed.store().saveSettings(profile);
        String fileSystem = null;
        try {
            FargateStandIn fargate = bed.fargate(profile);
            Deployment deployment = bed.deployment(profile);
            RunResult deployed = bed.run(deployment, deployment.deployPlan(LocalTestApproval.WHEN_CHECKED), fargate);
            assertThat(deployed.succeeded()).as(bed.failures(deployed) + "\nFargate: " + fargate.failures()).isTrue();
            fileSystem = deployment.session().journal().ofKind(dev.hubwizard.aws.ResourceKind.FILE_SYSTEM).get(0).id();
            URI hub = URI.create(bed.store().load(NAME).deployment().url());
            HubUsers users = new HubUsers(bed.store(), bed.aws(), NAME);
            HubUsers.Lists first = awaitPickedUp(users);
            assertThat(first.lists()).isEqualTo(new HubUserLists(List.of("ada"), List.of("grace", "linus")));

            // grace and linus sign in; grace's server runs code; grace keeps a file in her home.
            HubBrowser grace = new HubBrowser(hub);
            new FirstUsePassword("grace", "graces-password").signIn(grace);
            URI graceServer = new SingleUserServer(grace, "grace").start(SERVER, new StepRecorder().context("it"));
            assertThat(runs(grace, graceServer, "grace")).isEqualTo("grace 42");
            String task = fargate.runningTaskArn();
            TaskContainer.exec(bed.docker(), fargate.runningContainer(), "grace", "sh", "-c",
                    "echo kept > /home/grace/notes.txt");
            HubBrowser linus = new HubBrowser(hub);
            new FirstUsePassword("linus", "linuss-password").signIn(linus);

            // Bad input: refused with the reason, nothing sent.
            long before = users.read().version();
            assertThatThrownBy(() -> users.change(bed.store().load(NAME), new HubUserLists(List.of("ada"),
                    List.of("grace", "9lives")))).isInstanceOf(ProblemException.class)
                    .hasMessageContaining("must start with a letter");
            assertThat(users.read().version()).isEqualTo(before);

            // The change: linus goes, margaret comes. Same task; grace's server never stopped.
            HubUserLists changed = new HubUserLists(List.of("ada"), List.of("grace", "margaret"));
            HubUsers.Change change = users.change(bed.store().load(NAME), changed);
            assertThat(change.notSent()).isEmpty();
            assertThat(bed.store().load(NAME).hub().allowedUsers()).containsExactly("grace", "margaret");
            Instant sent = Instant.now();
            HubUsers.Lists applied = awaitPickedUp(users);
            System.out.println("LiveUsersIT: the change reached the hub in "
                    + Duration.between(sent, Instant.now()).toMillis() + " ms");
            assertThat(applied.version()).isEqualTo(change.sentVersion().orElseThrow());
            assertThat(fargate.runningTaskArn()).as("no new task").isEqualTo(task);
            assertThat(runs(grace, graceServer, "grace")).as("grace's server kept running").isEqualTo("grace 42");
            assertThatThrownBy(() -> new FirstUsePassword("linus", "linuss-password").signIn(new HubBrowser(hub)))
                    .isInstanceOf(CheckFailed.class);
            assertThat(linus.get("/hub/api/user").statusCode()).as("linus's session ended").isIn(401, 403);
            new FirstUsePassword("margaret", "margarets-password").signIn(new HubBrowser(hub));

            // The app stopped after saving the profile, before sending: running the change again sends it once.
            HubUserLists again = new HubUserLists(List.of("ada"), List.of("grace", "margaret", "linus"));
            bed.store().update(NAME, p -> p.withHub(new dev.hubwizard.profile.HubSettings(p.hub().imageFolder(),
                    again.admins(), again.allowedUsers(), p.hub().signIn(), p.hub().cognito(), p.hub().localPort(),
                    p.hub().hostNetwork(), p.hub().expectedUsers())));
            long unsent = users.read().version();
            HubUsers.Change rerun = users.change(bed.store().load(NAME), again);
            assertThat(rerun.sentVersion()).contains(unsent + 1);
            assertThat(users.change(bed.store().load(NAME), again).sentVersion()).as("nothing twice")
                    .contains(unsent + 1);
            awaitPickedUp(users);
            new FirstUsePassword("linus", "linuss-password").signIn(new HubBrowser(hub));

            // A new revision (a bigger task): a new task, with the hub's state and grace's files from EFS.
            awaitPickedUp(users);
            Profile bigger = bed.store().load(NAME);
            bigger = bigger.withTask(new TaskSize(bigger.task().cpu(), bigger.task().memory() * 2,
                    bigger.task().architecture()));
            bed.store().saveSettings(bigger);
            Deployment redeployment = bed.deployment(bed.store().load(NAME));
            RunResult redeployed = bed.run(redeployment, redeployment.deployPlan(LocalTestApproval.WHEN_CHECKED),
                    fargate);
            assertThat(redeployed.succeeded()).as(bed.failures(redeployed) + "\nFargate: " + fargate.failures())
                    .isTrue();
            assertThat(fargate.runningTaskArn()).isNotEqualTo(task);
            assertThat(users.read().version()).as("the redeploy found the lists there: nothing written again")
                    .isEqualTo(unsent + 1);
            assertThatThrownBy(() -> new FirstUsePassword("grace", "someone-elses").signIn(new HubBrowser(hub)))
                    .as("nobody else can claim grace's name").isInstanceOf(CheckFailed.class);
            HubBrowser graceAgain = new HubBrowser(hub);
            new FirstUsePassword("grace", "graces-password").signIn(graceAgain);
            assertThat(TaskContainer.exec(bed.docker(), fargate.runningContainer(), "root", "cat",
                    "/home/grace/notes.txt")).isEqualTo("kept");
            assertThat(TaskContainer.exec(bed.docker(), fargate.runningContainer(), "root", "stat", "-c", "%a",
                    "/home/.hubwizard-state")).isEqualTo("700");
        } finally {
            bed.reset();
            if (fileSystem != null) {
                bed.docker().client().removeVolumeCmd(TaskContainer.volumeOf(fileSystem)).exec();
            }
        }
    }

    private static String runs(HubBrowser browser, URI server, String name) throws Exception {
        try (Kernel kernel = Kernel.start(browser, server, name, SERVER)) {
            kernel.awaitReady(SERVER);
            return kernel.run("import getpass\nprint(getpass.getuser(), 6 * 7)", SERVER).strip();
        }
    }

    private static HubUsers.Lists awaitPickedUp(HubUsers users) throws Exception {
        Instant deadline = Instant.now().plus(PICKED_UP);
        HubUsers.Lists lists = users.read();
        while (!lists.current()) {
            assertThat(Instant.now()).as("the hub picked up version %d within %s", lists.version(), PICKED_UP)
                    .isBefore(deadline);
            Thread.sleep(500);
            lists = users.read();
        }
        return lists;
    }
}
