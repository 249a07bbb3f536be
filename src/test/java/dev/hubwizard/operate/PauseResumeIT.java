package dev.hubwizard.operate;

import dev.hubwizard.aws.AwsClients;
import dev.hubwizard.deploy.DeployTestBed;
import dev.hubwizard.deploy.Deployment;
import dev.hubwizard.deploy.FargateStandIn;
import dev.hubwizard.deploy.LocalTestApproval;
import dev.hubwizard.engine.Run;
import dev.hubwizard.engine.RunListener;
import dev.hubwizard.engine.RunResult;
import dev.hubwizard.engine.Runner;
import dev.hubwizard.profile.DeploymentStatus;
import dev.hubwizard.profile.Profile;
import dev.hubwizard.testbed.strict.StrictAws;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16's pause, resume and live status, against moto through the strict layer, with the real hub image run by
 * the Fargate stand-in, which here also plays ECS's scheduler between runs (it stops the task of a service scaled
 * to 0 and starts one for a service that wants one). One hub lives through the whole class, in order: deployed and
 * answering; paused (no task); a resume cut off mid-way and run again (one task, answering); a pause cut off
 * mid-way and run again; the command line killed (SIGKILL) mid-pause and mid-resume and run again; its task stopped
 * by someone else with a reason ("stopped unexpectedly"), replaced by ECS;
 * then its service and its cluster deleted outside the app.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PauseResumeIT {

    private static final String NAME = "paused-hub";
    private static final dev.hubwizard.deploy.HubUserLists WHILE_PAUSED =
            new dev.hubwizard.deploy.HubUserLists(List.of("alice"), List.of("alice", "bob", "carol"));

    @TempDir
    static Path home;

    private static DeployTestBed bed;
    private static FargateStandIn fargate;
    private static HubStatusReader status;

    @BeforeAll
    static void deploy() throws Exception {
        bed = DeployTestBed.start(home.resolve("profiles"));
        bed.reset();
        Profile profile = bed.profile(NAME, List.of("alice"), List.of("alice", "bob"));
        fargate = bed.fargate(profile);
        Deployment deployment = bed.deployment(profile);
        // The local test is LocalTestIT's to prove (and the slowest part on a busy machine): here the hub only has to
        // be deployed, so the plan leaves it out.
        dev.hubwizard.engine.Plan plan = deployment.deployPlan(LocalTestApproval.WHEN_CHECKED);
        plan = plan.only(plan.steps().stream().map(dev.hubwizard.engine.Step::id)
                .filter(id -> !id.equals(dev.hubwizard.deploy.LocalTestStep.ID)).toList());
        RunResult deployed = bed.run(deployment, plan, fargate);
        assertThat(deployed.succeeded()).as(bed.failures(deployed) + "\nFargate: " + fargate.failures()).isTrue();
        fargate.followDesiredCount(true);
        status = new HubStatusReader(target -> new AwsClients(target, StrictAws.PATIENCE), Clock.systemUTC());
    }

    @AfterAll
    static void stop() throws Exception {
        if (status != null) {
            status.close();
        }
        if (bed != null) {
            bed.close();
        }
    }

    @Test
    @Order(1)
    void aDeployedHubIsRunningAndAnswering() throws Exception {
        HubStatus now = status.read(profile());

        assertThat(now.state()).as(now.detail()).isEqualTo(LiveState.ANSWERING);
        assertThat(now.url()).isEqualTo(profile().deployment().url());
        assertThat(now.servers()).isEmpty();
        assertThat(now.serversNote()).contains("admin");
    }

    @Test
    @Order(2)
    void theHubsLogIsItsNewestTasksStreamAndFollowingGetsOnlyNewLines() throws Exception {
        // The awslogs driver writes the hub's lines; moto holds what the test puts there in its place.
        String group = "/ecs/" + profile().names().taskFamily();
        String task = runningTasks().get(0);
        String stream = "hub/hub/" + task.substring(task.lastIndexOf('/') + 1);
        putLogs(group, "hub/hub/0123456789abcdef", 1000, "[I 2026-12-03 09:00:00.000 JupyterHub app:1] an older task");
        putLogs(group, stream, 2000, "[I 2026-12-03 10:00:00.000 JupyterHub app:3354] JupyterHub is now running",
                "[W 2026-12-03 10:00:01.000 JupyterHub base:1] 403 GET /hub/api/users",
                "[E 2026-12-03 10:00:02.000 JupyterHub user:1] Unhandled error starting alice's server");
        HubLogs logs = status.logs(profile());

        HubLogs.Lines tail = logs.tail(HubLogs.TAIL_LINES);

        assertThat(tail.lines()).extracting(dev.hubwizard.engine.LogLine::text).containsExactly(
                "[I 2026-12-03 10:00:00.000 JupyterHub app:3354] JupyterHub is now running",
                "[W 2026-12-03 10:00:01.000 JupyterHub base:1] 403 GET /hub/api/users",
                "[E 2026-12-03 10:00:02.000 JupyterHub user:1] Unhandled error starting alice's server");
        assertThat(tail.lines()).extracting(dev.hubwizard.engine.LogLine::level).containsExactly(
                dev.hubwizard.engine.LogLevel.INFO, dev.hubwizard.engine.LogLevel.WARN,
                dev.hubwizard.engine.LogLevel.ERROR);
        assertThat(logs.newer(tail.cursor()).lines()).as("nothing new yet").isEmpty();
        putLogs(group, stream, 3000, "[I 2026-12-03 10:05:00.000 JupyterHub log:1] 200 GET /hub/health");
        assertThat(logs.newer(tail.cursor()).lines()).extracting(dev.hubwizard.engine.LogLine::text)
                .containsExactly("[I 2026-12-03 10:05:00.000 JupyterHub log:1] 200 GET /hub/health");
    }

    @Test
    @Order(3)
    void pauseLeavesNoTaskAndSaysPaused() throws Exception {
        RunResult paused = power(HubPower::pausePlan);

        assertThat(paused.succeeded()).as(bed.failures(paused)).isTrue();
        assertThat(runningTasks()).isEmpty();
        assertThat(fargate.runningTasks()).isZero();
        assertThat(desiredCount()).isZero();
        assertThat(profile().deployment().status()).isEqualTo(DeploymentStatus.PAUSED);
        assertThat(status.read(profile()).state()).isEqualTo(LiveState.PAUSED);
        assertThat(fargate.failures()).isEmpty();

        // Users changed while no hub runs: saved and sent, waiting for the hub, which picks them up when resumed.
        HubUsers users = new HubUsers(bed.store(), bed.aws(), NAME);
        HubUsers.Change change = users.change(profile(), WHILE_PAUSED);
        assertThat(change.notSent()).isEmpty();
        assertThat(users.read().current()).as("no hub has picked them up").isFalse();
    }

    @Test
    @Order(4)
    void aResumeCutOffMidWayEndsWithOneAnsweringHubWhenRunAgain() throws Exception {
        Deployment deployment = bed.deployment(profile());
        HubPower power = new HubPower(deployment, bed.store());
        try (Runner runner = Runner.withBackgroundThreads()) {
            Run run = power.start(runner, power.resumePlan(), new RunListener() { });
            waitFor(() -> desiredCount() == 1, "the service wants its task again");
            run.cancel();
            RunResult cut = run.await();
            assertThat(cut.succeeded()).isFalse();
        }
        // What was wanted is on record the moment ECS accepted it; ECS goes on without the app.
        assertThat(profile().deployment().status()).isEqualTo(DeploymentStatus.DEPLOYED);

        RunResult resumed = power(HubPower::resumePlan);

        assertThat(resumed.succeeded()).as(bed.failures(resumed)).isTrue();
        assertThat(runningTasks()).as("nothing duplicated").hasSize(1);
        assertThat(fargate.runningTasks()).isEqualTo(1);
        String url = profile().deployment().url();
        assertThat(health(url)).isEqualTo(200);
        HubStatus now = status.read(profile());
        assertThat(now.state()).as(now.detail()).isEqualTo(LiveState.ANSWERING);
        assertThat(now.url()).isEqualTo(url);
        HubUsers users = new HubUsers(bed.store(), bed.aws(), NAME);
        waitFor(() -> read(users).current(), "the resumed hub picks up the users changed while it was paused");
        assertThat(read(users).lists()).isEqualTo(WHILE_PAUSED);
        // What the start screen shows, through the app's operations (not closed: they share the status's clients).
        HubUsers.Lists shown = new AwsHubOperations(bed.store(), () -> null, null, status, home).userLists(profile());
        assertThat(shown.current()).isTrue();
        assertThat(shown.lists()).isEqualTo(WHILE_PAUSED);
    }

    private static HubUsers.Lists read(HubUsers users) {
        try {
            return users.read();
        } catch (dev.hubwizard.engine.ProblemException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    @Order(5)
    void aPauseCutOffMidWayIsPausedWhenRunAgain() throws Exception {
        Deployment deployment = bed.deployment(profile());
        HubPower power = new HubPower(deployment, bed.store());
        try (Runner runner = Runner.withBackgroundThreads()) {
            Run run = power.start(runner, power.pausePlan(), new RunListener() { });
            waitFor(() -> desiredCount() == 0, "the service wants no task");
            run.cancel();
            run.await();
        }
        assertThat(profile().deployment().status()).isEqualTo(DeploymentStatus.PAUSED);

        RunResult paused = power(HubPower::pausePlan);

        assertThat(paused.succeeded()).as(bed.failures(paused)).isTrue();
        assertThat(runningTasks()).isEmpty();
        assertThat(status.read(profile()).state()).isEqualTo(LiveState.PAUSED);

        RunResult resumed = power(HubPower::resumePlan);
        assertThat(resumed.succeeded()).as(bed.failures(resumed)).isTrue();
        assertThat(runningTasks()).hasSize(1);
    }

    /** The app killed outright (SIGKILL, no cancel, no clean-up) right after ECS took each change, then run again. */
    @Test
    @Order(6)
    void aKilledPauseAndAKilledResumeEndAsWantedWhenRunAgain() throws Exception {
        killedCommand(() -> desiredCount() == 0, "pause", "--profile", NAME);
        assertThat(cli("pause", "--profile", NAME)).as(err).isZero();
        assertThat(runningTasks()).isEmpty();
        assertThat(profile().deployment().status()).isEqualTo(DeploymentStatus.PAUSED);
        assertThat(status.read(profile()).state()).isEqualTo(LiveState.PAUSED);

        killedCommand(() -> desiredCount() == 1, "resume", "--profile", NAME);
        assertThat(cli("resume", "--profile", NAME)).as(err).isZero();
        assertThat(runningTasks()).as("nothing duplicated").hasSize(1);
        assertThat(fargate.runningTasks()).isEqualTo(1);
        assertThat(profile().deployment().status()).isEqualTo(DeploymentStatus.DEPLOYED);
        HubStatus now = status.read(profile());
        assertThat(now.state()).as(now.detail()).isEqualTo(LiveState.ANSWERING);
        assertThat(health(profile().deployment().url())).isEqualTo(200);
    }

    @Test
    @Order(7)
    void aTaskStoppedBySomeoneElseIsStoppedUnexpectedlyWithTheReason() throws Exception {
        // ECS replaces a stopped task within moments; the stand-in waits until the test has looked.
        fargate.followDesiredCount(false);
        String task = runningTasks().get(0);
        try {
            bed.aws().ecs().stopTask(r -> r.cluster(profile().names().cluster()).task(task)
                    .reason("Task stopped by user: someone in the console"));
            waitFor(() -> fargate.runningTasks() == 0, "the stand-in stops the container");

            HubStatus now = status.read(profile());

            assertThat(now.state()).as(now.detail()).isEqualTo(LiveState.STOPPED_UNEXPECTEDLY);
            assertThat(now.detail()).contains(task.substring(task.lastIndexOf('/') + 1),
                    "Task stopped by user: someone in the console", "starts a new task on its own");
        } finally {
            fargate.followDesiredCount(true);
        }
        waitFor(() -> status.read(profile()).state() == LiveState.ANSWERING, "ECS's new task answers");
        assertThat(status.read(profile()).detail()).contains("the task before it stopped: Task stopped by user");
    }

    @Test
    @Order(8)
    void theCommandLineShowsStatusAndLogsPausesAndResumes() throws Exception {
        assertThat(cli("status", "--profile", NAME)).as(err).isZero();
        assertThat(out).contains("State:           deployed", "Now:             Running", "hub answers at",
                "Users' servers:  not shown: How many users have a server running is shown to the hub's admins");

        assertThat(cli("logs", "--profile", NAME, "--lines", "2")).as(err).isZero();
        assertThat(out).doesNotContain("JupyterHub is now running").contains("Unhandled error starting alice's server",
                "200 GET /hub/health");

        assertThat(cli("pause", "--profile", NAME)).as(err).isZero();
        assertThat(out).contains("Paused.", "hubwizard resume --profile " + NAME);
        assertThat(runningTasks()).isEmpty();
        assertThat(cli("status", "--profile", NAME)).as(err).isZero();
        assertThat(out).contains("State:           paused", "Now:             Paused");

        assertThat(cli("resume", "--profile", NAME)).as(err).isZero();
        assertThat(out).contains("Hub URL: http://127.0.0.1:8000/");
        assertThat(runningTasks()).hasSize(1);
    }

    @Test
    @Order(9)
    void aServiceOrClusterDeletedOutsideTheAppIsSaidSo() throws Exception {
        String cluster = profile().names().cluster();
        String service = profile().names().service();
        bed.aws().ecs().updateService(r -> r.cluster(cluster).service(service).desiredCount(0));
        bed.aws().ecs().deleteService(r -> r.cluster(cluster).service(service));

        HubStatus serviceGone = status.read(profile());
        assertThat(serviceGone.state()).isEqualTo(LiveState.GONE);
        assertThat(serviceGone.detail()).contains("ECS service " + service, "deleted outside Hub Wizard", "Redeploy");
        assertThat(power(HubPower::resumePlan).firstFailure().orElseThrow().problem().what())
                .isEqualTo("The hub's service is gone");

        waitFor(() -> fargate.runningTasks() == 0, "the deleted service's task stops");
        bed.aws().ecs().deleteCluster(r -> r.cluster(cluster));
        HubStatus clusterGone = status.read(profile());
        assertThat(clusterGone.state()).isEqualTo(LiveState.GONE);
        assertThat(clusterGone.detail()).contains("ECS cluster " + cluster);
    }

    private static String out = "";
    private static String err = "";

    private static int cli(String... args) {
        java.io.ByteArrayOutputStream o = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream e = new java.io.ByteArrayOutputStream();
        int code = dev.hubwizard.cli.HubWizardCommand.execute(args, new dev.hubwizard.profile.AppDirectories(
                        java.util.Map.of("HUBWIZARD_HOME", home.toString()), "Linux", home),
                new java.io.PrintStream(o, true, java.nio.charset.StandardCharsets.UTF_8),
                new java.io.PrintStream(e, true, java.nio.charset.StandardCharsets.UTF_8));
        out = o.toString(java.nio.charset.StandardCharsets.UTF_8);
        err = e.toString(java.nio.charset.StandardCharsets.UTF_8) + "\n" + out;
        return code;
    }

    /**
     * Runs {@code hubwizard ARGS} in a JVM of its own, pointed at the same emulator and profiles, and kills it with
     * SIGKILL as soon as {@code reached} holds: what a laptop losing power or a killed app leaves behind.
     */
    private static void killedCommand(BooleanSupplier reached, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1"));
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("aws."))
                .forEach(k -> command.add("-D" + k + "=" + System.getProperty(k)));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), dev.hubwizard.Main.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(home.resolve("killed-" + args[0] + ".txt").toFile());
        builder.environment().put(dev.hubwizard.profile.AppDirectories.OVERRIDE_VARIABLE, home.toString());
        Process child = builder.start();
        try {
            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            while (!reached.getAsBoolean()) {
                assertThat(child.isAlive()).as("hubwizard %s is still running; it printed: %s", args[0],
                        java.nio.file.Files.readString(home.resolve("killed-" + args[0] + ".txt"))).isTrue();
                assertThat(Instant.now()).as("waited 60 s for hubwizard " + args[0]).isBefore(deadline);
                Thread.sleep(20);
            }
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        }
        assertThat(child.exitValue()).as("killed, not finished by itself").isEqualTo(137);
    }

    private static void putLogs(String group, String stream, long at, String... lines) {
        AwsClients aws = bed.aws();
        if (aws.logs().describeLogStreams(r -> r.logGroupName(group).logStreamNamePrefix(stream)).logStreams()
                .stream().noneMatch(s -> s.logStreamName().equals(stream))) {
            aws.logs().createLogStream(r -> r.logGroupName(group).logStreamName(stream));
        }
        long base = System.currentTimeMillis() - 60_000 + at;
        List<software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent> events = new java.util.ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            events.add(software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent.builder()
                    .timestamp(base + i).message(lines[i]).build());
        }
        aws.logs().putLogEvents(r -> r.logGroupName(group).logStreamName(stream).logEvents(events));
    }

    private interface PlanOf {
        dev.hubwizard.engine.Plan of(HubPower power);
    }

    private static RunResult power(PlanOf plan) throws Exception {
        Deployment deployment = bed.deployment(profile());
        HubPower power = new HubPower(deployment, bed.store());
        return bed.run(deployment, plan.of(power));
    }

    private static Profile profile() {
        try {
            return bed.store().load(NAME);
        } catch (dev.hubwizard.profile.ProfileException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> runningTasks() {
        Profile p = profile();
        return bed.aws().ecs().listTasks(r -> r.cluster(p.names().cluster()).serviceName(p.names().service())
                .desiredStatus(DesiredStatus.RUNNING)).taskArns();
    }

    private static int desiredCount() {
        Profile p = profile();
        return bed.aws().ecs().describeServices(r -> r.cluster(p.names().cluster()).services(p.names().service()))
                .services().get(0).desiredCount();
    }

    private static void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("waited 60 s for: " + what).isBefore(deadline);
            Thread.sleep(100);
        }
    }

    /** The HTTP status of the hub's health check, or -1 when nothing answers. */
    private static int health(String url) throws InterruptedException {
        try {
            return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2))
                    .build().send(HttpRequest.newBuilder(URI.create(url).resolve("/hub/health"))
                            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (java.io.IOException e) {
            return -1;
        }
    }
}
