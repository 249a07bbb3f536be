package dev.hubwizard.deploy;

import com.github.dockerjava.api.exception.NotFoundException;
import dev.hubwizard.aws.AccessPoints;
import dev.hubwizard.aws.AwsTexts;
import dev.hubwizard.aws.ResourceKind;
import dev.hubwizard.engine.RunResult;
import dev.hubwizard.hub.FirstUsePassword;
import dev.hubwizard.hub.HubBrowser;
import dev.hubwizard.hub.Kernel;
import dev.hubwizard.hub.SingleUserServer;
import dev.hubwizard.profile.Options;
import dev.hubwizard.profile.Profile;
import dev.hubwizard.profile.ServerPlacement;
import dev.hubwizard.profile.TaskSize;
import dev.hubwizard.profile.UserServers;
import dev.hubwizard.testbed.StepRecorder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.Task;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 17 through the app: a profile whose users' servers run each in its own Fargate task, deployed by the app's
 * own plan (the hub image and the users' image built, tested and pushed by its steps, the AWS side in moto behind the
 * strict layer) and run by the test bed's Fargate: the hub's task as ECS runs it, finding its own address in the task
 * metadata, and the tasks the hub starts with RunTask as containers of the pushed users' image
 * ({@link FargateUsersStandIn}). People sign in, pick a size and run code, each in a task of their own; a redeploy
 * replaces the hub's task and their servers keep running, re-attached by the new hub; teardown leaves nothing of what
 * the hub made for them.
 *
 * <p>Not proven here, because it does not hold yet: a server's own calls to the hub (a new sign-in's OAuth, its
 * activity) go to the address the old hub task had (JUPYTERHUB_API_URL), which a new task does not have.
 */
class FargateUsersDeployIT {

    private static final Duration SERVER = Duration.ofMinutes(3);

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
    void peoplesServersRunInTasksOfTheirOwnOutliveARedeployAndGoWithTheTeardown() throws Exception {
        String name = "fgu-" + UUID.randomUUID().toString().substring(0, 6);
        Profile profile = bed.profile(name, List.of("ada"), List.of("ada", "grace"))
                .withOptions(new Options(false, "", true))
                .withServers(UserServers.DEFAULT.withPlacement(ServerPlacement.FARGATE));
        bed.store().saveSettings(profile);
        AwsTexts texts = new AwsTexts(name);
        Set<String> volumes = new HashSet<>();
        try {
            Instant began = Instant.now();
            FargateStandIn fargate = bed.fargate(profile);
            Deployment deployment = bed.deployment(profile);
            RunResult deployed = bed.run(deployment, deployment.deployPlan(LocalTestApproval.WHEN_CHECKED), fargate);
            assertThat(deployed.succeeded()).as(bed.failures(deployed) + "\nFargate: " + fargate.failures()).isTrue();
            System.out.printf("FargateUsersDeployIT: deploy %d ms%n", Duration.between(began, Instant.now()).toMillis());
            String fileSystem = deployment.session().journal().ofKind(ResourceKind.FILE_SYSTEM).get(0).id();
            volumes.add(TaskContainer.volumeOf(fileSystem));
            URI hub = URI.create(bed.store().load(name).deployment().url());
            String cluster = profile.names().cluster();

            // grace picks a size; her server starts as a task of that size and runs code.
            Instant signIn = Instant.now();
            HubBrowser grace = signedIn(hub, "grace");
            HttpResponse<String> form = grace.get("/hub/spawn");
            assertThat(form.body()).as("the sizes are JupyterHub's profile choice").contains("Server size",
                    "value=\"Small\"", "value=\"Medium\"", "value=\"Large\"");
            URI graceServer = spawn(grace, "grace", "Medium", form);
            String graceProcess = runs(grace, graceServer, "import getpass, os\nprint(getpass.getuser(), os.getppid())");
            System.out.printf("FargateUsersDeployIT: sign-in to grace's first kernel answer %d ms%n",
                    Duration.between(signIn, Instant.now()).toMillis());
            assertThat(graceProcess).startsWith("jovyan ");
            Task graceTask = task(cluster, "grace");
            assertThat(graceTask.overrides().cpu()).isEqualTo("1024");
            assertThat(graceTask.overrides().memory()).isEqualTo("4096");
            assertThat(graceTask.taskDefinitionArn()).contains("/" + texts.userTaskFamily() + "-grace:");
            volumes.add(FargateUsersStandIn.volumeOf(fileSystem, accessPoint(fileSystem, "grace")));
            assertThat(fargate.users().environment(graceTask.taskArn()).get("JUPYTERHUB_API_URL"))
                    .as("the hub told grace's server its private name, not its task's address")
                    .startsWith("http://" + texts.hubApiName() + ":");
            assertThat(hubNameAddress(texts)).as("the hub pointed its name at its task, from the task metadata")
                    .isEqualTo(fargate.runningPrivateAddress());

            // ada gets a task of her own.
            HubBrowser ada = signedIn(hub, "ada");
            URI adaServer = spawn(ada, "ada", "Small", ada.get("/hub/spawn"));
            assertThat(runs(ada, adaServer, "print(6 * 7)")).isEqualTo("42");
            Task adaTask = task(cluster, "ada");
            volumes.add(FargateUsersStandIn.volumeOf(fileSystem, accessPoint(fileSystem, "ada")));
            assertThat(adaTask.taskArn()).isNotEqualTo(graceTask.taskArn());
            assertThat(fargate.users().container(adaTask.taskArn())).isNotEqualTo(
                    fargate.users().container(graceTask.taskArn()));

            // A redeploy with a bigger hub: a new revision, a new hub task at a new private address, which finds
            // the servers in its state (on EFS) running and routes to them again: grace's open session goes on with
            // the same server process, in the same task.
            String hubTask = fargate.runningTaskArn();
            String hubAddress = fargate.runningPrivateAddress();
            Profile bigger = bed.store().load(name);
            bigger = bigger.withTask(new TaskSize(bigger.task().cpu(), bigger.task().memory() * 2,
                    bigger.task().architecture()));
            bed.store().saveSettings(bigger);
            Deployment redeployment = bed.deployment(bed.store().load(name));
            Instant redeploy = Instant.now();
            RunResult redeployed = bed.run(redeployment, redeployment.deployPlan(LocalTestApproval.WHEN_CHECKED),
                    fargate);
            assertThat(redeployed.succeeded()).as(bed.failures(redeployed) + "\nFargate: " + fargate.failures())
                    .isTrue();
            System.out.printf("FargateUsersDeployIT: redeploy %d ms%n", Duration.between(redeploy, Instant.now())
                    .toMillis());
            assertThat(fargate.runningTaskArn()).as("a new hub task").isNotEqualTo(hubTask);
            assertThat(fargate.runningPrivateAddress()).isNotEqualTo(hubAddress);
            assertThat(runningTasks(cluster, "grace")).as("grace's server kept running")
                    .containsExactly(graceTask.taskArn());
            assertThat(fargate.hubLog()).contains("grace still running", "ada still running");
            assertThat(runs(grace, graceServer, "import getpass, os\nprint(getpass.getuser(), os.getppid())"))
                    .as("grace's open session goes on, with the same server, through the new hub's proxy")
                    .isEqualTo(graceProcess);
            // The new hub points its name at its own task; grace's server, started by the old one, follows it: a
            // new sign-in to that server asks the new hub who she is.
            awaitHubName(texts, fargate.runningPrivateAddress());
            HubBrowser graceAgain = signedIn(hub, "grace");
            HubBrowser.Page opened = graceAgain.open(graceServer);
            assertThat(opened.response().statusCode()).as("signed in to her server through the new hub's OAuth: "
                    + opened.uri()).isEqualTo(200);
            assertThat(opened.uri().getPath()).startsWith(graceServer.getPath());
            assertThat(runs(graceAgain, graceServer, "import getpass, os\nprint(getpass.getuser(), os.getppid())"))
                    .as("a new sign-in to the server that outlived its hub's task")
                    .isEqualTo(graceProcess);

            // Teardown: no task, no person's task definition, access point or the users' group is left.
            Instant teardown = Instant.now();
            RunResult torn = bed.run(redeployment, redeployment.teardownPlan(TeardownChoices.DELETE_EVERYTHING),
                    fargate);
            assertThat(torn.succeeded()).as(bed.failures(torn) + "\nFargate: " + fargate.failures()).isTrue();
            System.out.printf("FargateUsersDeployIT: teardown %d ms%n", Duration.between(teardown, Instant.now())
                    .toMillis());
            for (Task task : List.of(graceTask, adaTask)) {
                awaitGone(fargate.users(), task.taskArn());
            }
            assertThat(bed.aws().ecs().listTaskDefinitions(r -> r.familyPrefix(texts.userTaskFamily())
                    .status("ACTIVE")).taskDefinitionArns()).isEmpty();
            assertThat(bed.aws().efs().describeAccessPoints(r -> r.fileSystemId(fileSystem)).accessPoints())
                    .as("people's access points; their folders stay with the kept file system")
                    .noneMatch(a -> a.tags().stream().anyMatch(t -> t.key().equals(AccessPoints.USER_TAG)));
            assertThat(bed.aws().ec2().describeSecurityGroups(r -> r.filters(Filter.builder().name("group-name")
                    .values(texts.usersSecurityGroupName()).build())).securityGroups()).isEmpty();
            Map<String, List<String>> left = new java.util.TreeMap<>(Inventory.ids(bed.aws()));
            left.keySet().removeIf(kind -> kind.startsWith("efs-"));
            assertThat(left).as("nothing but the kept files").allSatisfy((kind, ids) -> assertThat(ids).as(kind)
                    .isEmpty());
            assertThat(fargate.runningTasks()).isZero();
            assertThat(fargate.failures()).isEmpty();
        } finally {
            // The hub's own volume, whichever step a failure stopped at.
            bed.store().load(name).deployment().resources().stream()
                    .filter(r -> r.kind().equals(ResourceKind.FILE_SYSTEM))
                    .forEach(r -> volumes.add(TaskContainer.volumeOf(r.id())));
            bed.reset();
            for (String volume : volumes) {
                try {
                    bed.docker().client().removeVolumeCmd(volume).exec();
                } catch (NotFoundException gone) {
                    // Never made.
                }
            }
        }
    }

    /** Where the hub's private name points in Route 53 (moto), or "" while it has no record. */
    private static String hubNameAddress(AwsTexts texts) {
        String zone = bed.aws().route53().listHostedZonesByName(r -> r.dnsName(texts.privateZoneName()))
                .hostedZones().stream().filter(z -> z.name().equals(texts.privateZoneName() + ".")).findFirst()
                .map(dev.hubwizard.aws.HostedZones::id).orElseThrow();
        return bed.aws().route53().listResourceRecordSets(r -> r.hostedZoneId(zone)).resourceRecordSets().stream()
                .filter(s -> s.name().equals(texts.hubApiName() + ".") && s.typeAsString().equals("A"))
                .flatMap(s -> s.resourceRecords().stream()).map(v -> v.value()).findFirst().orElse("");
    }

    /** The redeployed hub publishes its name as it starts, beside serving people. */
    private static void awaitHubName(AwsTexts texts, String address) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        while (!hubNameAddress(texts).equals(address)) {
            assertThat(Instant.now()).as("the hub's name points at " + address).isBefore(deadline);
            Thread.sleep(250);
        }
    }

    private static HubBrowser signedIn(URI hub, String person) throws Exception {
        HubBrowser browser = new HubBrowser(hub);
        new FirstUsePassword(person, person + "s-password").signIn(browser);
        return browser;
    }

    /** The spawn page's form, with the size picked; then the server, once ready. */
    private static URI spawn(HubBrowser browser, String person, String size, HttpResponse<String> form)
            throws Exception {
        assertThat(form.statusCode()).isEqualTo(200);
        String xsrf = browser.xsrfToken(browser.resolve("/hub/spawn")).orElse("");
        HttpResponse<String> posted = browser.postForm("/hub/spawn", Map.of("size", size, "_xsrf", xsrf));
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(302);
        return new SingleUserServer(browser, person).start(SERVER, new StepRecorder().context("spawn"));
    }

    private static String runs(HubBrowser browser, URI server, String code) throws Exception {
        String person = server.getPath().split("/")[2];
        try (Kernel kernel = Kernel.start(browser, server, person, SERVER)) {
            kernel.awaitReady(SERVER);
            return kernel.run(code, SERVER).strip();
        }
    }

    private static List<String> runningTasks(String cluster, String person) {
        return bed.aws().ecs().listTasks(r -> r.cluster(cluster).startedBy("jh-" + person)
                .desiredStatus(DesiredStatus.RUNNING)).taskArns();
    }

    /** The person's running task, as the hub started it. */
    private static Task task(String cluster, String person) {
        List<String> arns = runningTasks(cluster, person);
        assertThat(arns).as(person + "'s task").hasSize(1);
        return bed.aws().ecs().describeTasks(r -> r.cluster(cluster).tasks(arns)).tasks().get(0);
    }

    private static String accessPoint(String fileSystem, String person) {
        return bed.aws().efs().describeAccessPoints(r -> r.fileSystemId(fileSystem)).accessPoints().stream()
                .filter(p -> p.rootDirectory().path().equals("/home/" + person)).findFirst().orElseThrow()
                .accessPointId();
    }

    /** The stopped task's container goes, as Fargate's does. */
    private static void awaitGone(FargateUsersStandIn fargate, String task) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (fargate.container(task).isPresent()) {
            assertThat(Instant.now()).as("the container of " + task + " goes").isBefore(deadline);
            Thread.sleep(200);
        }
    }
}
