package dev.hubwizard.deploy;

import com.github.dockerjava.api.exception.NotFoundException;
import dev.hubwizard.aws.AwsClients;
import dev.hubwizard.docker.DockerClients;
import dev.hubwizard.profile.AwsTarget;
import dev.hubwizard.testbed.DockerEngine;
import dev.hubwizard.testbed.MotoServer;
import dev.hubwizard.testbed.strict.StrictAws;
import dev.hubwizard.testbed.strict.Windows;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskOverride;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.RRType;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The test bed's Fargate for people's notebook tasks ({@link FargateUsersStandIn}): a RunTask of the users' task
 * definition, as FargateSpawner sends it, starts a container of its image on an address of its own, which
 * DescribeTasks reports once it runs; StopTask stops it; an EFS access point is a folder of its own that outlives
 * the task. The "server" is a few lines of Python on the hub's base image that serve the home folder where
 * JupyterHub's environment says, the way jupyterhub-singleuser reads it.
 */
class FargateUsersStandInIT {

    /** Writes who it serves into the home folder, then serves that folder at JUPYTERHUB_SERVICE_URL's host. */
    private static final String SERVER = String.join("; ",
            "import os, http.server, urllib.parse",
            "url = urllib.parse.urlsplit(os.environ['JUPYTERHUB_SERVICE_URL'])",
            "os.chdir('/home/jovyan')",
            "open('who', 'a').write(os.environ['JUPYTERHUB_USER'] + '\\n')",
            "http.server.HTTPServer((url.hostname, url.port), http.server.SimpleHTTPRequestHandler).serve_forever()");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<String> volumes = new ArrayList<>();
    private StrictAws strict;
    private AwsClients aws;
    private DockerClients docker;
    private FargateUsersStandIn fargate;
    private String cluster;
    private String family;
    private String subnet;
    private String securityGroup;
    private String fileSystem;

    @BeforeEach
    void clusterWithUsersTaskDefinition() {
        docker = DockerEngine.require();
        String image = DockerEngine.requireHubBase(docker);
        MotoServer.shared().reset();
        strict = MotoServer.shared().strict().windows(Windows.SHARED.withEc2NewIds(Duration.ZERO));
        aws = new AwsClients(new AwsTarget("", MotoServer.REGION), StrictAws.PATIENCE);
        UsersCluster users = UsersCluster.make(aws, image);
        cluster = users.cluster();
        family = users.family();
        subnet = users.subnet();
        securityGroup = users.securityGroup();
        fileSystem = users.fileSystem();
        fargate = new FargateUsersStandIn(aws, docker, strict, cluster, family);
    }

    @AfterEach
    void close() {
        fargate.close();
        for (String volume : volumes) {
            try {
                docker.client().removeVolumeCmd(volume).exec();
            } catch (NotFoundException gone) {
                // Never made.
            }
        }
        aws.close();
        assertThat(fargate.failures()).isEmpty();
    }

    @Test
    void aPersonsTaskRunsOnItsOwnAddressWithTheirFolderAndStopsWhenEcsStopsIt() throws Exception {
        String aliceHome = home("alice");
        Task alice = runTask("alice", aliceHome);
        assertThat(alice.lastStatus()).as("RunTask's answer, before Fargate started anything").isEqualTo("PENDING");
        assertThat(privateIp(alice)).isNull();

        String aliceIp = untilRunning(alice.taskArn());
        Task bob = runTask("bob", home("bob"));
        String bobIp = untilRunning(bob.taskArn());

        assertThat(aliceIp).startsWith("127.0.0.").isNotEqualTo(bobIp);
        assertThat(bobIp).startsWith("127.0.0.");
        assertThat(get(aliceIp, "who")).isEqualTo("alice\n");
        assertThat(get(bobIp, "who")).as("each access point is a folder of its own").isEqualTo("bob\n");

        String container = fargate.container(alice.taskArn()).orElseThrow();
        aws.ecs().stopTask(r -> r.cluster(cluster).task(alice.taskArn()).reason("JupyterHub stopped alice's server"));
        untilGone(container);
        assertThat(get(bobIp, "who")).as("bob's server runs on").isEqualTo("bob\n");

        String again = untilRunning(runTask("alice", aliceHome).taskArn());
        assertThat(get(again, "who")).as("alice's folder outlived her first task").isEqualTo("alice\nalice\n");
    }

    @Test
    void aContainerThatExitsStopsItsTask() throws Exception {
        Task task = aws.ecs().runTask(r -> r.cluster(cluster).taskDefinition(family).launchType("FARGATE")
                .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets(subnet).securityGroups(securityGroup)))
                .overrides(TaskOverride.builder().containerOverrides(c -> c.name("notebook")
                        .command("python3", "-c", "raise SystemExit(3)")).build())).tasks().get(0);

        Instant deadline = Instant.now().plusSeconds(60);
        while (!"STOPPED".equals(describe(task.taskArn()).lastStatus())) {
            assertThat(Instant.now()).as("the task stops").isBefore(deadline);
            Thread.sleep(200);
        }
        assertThat(describe(task.taskArn()).stoppedReason()).isEqualTo("Essential container in task exited");
    }

    @Test
    void aTaskResolvesItsVpcsPrivateZoneLiveWhileTheVpcHasDnsSupportAndHostnames() throws Exception {
        String vpc = aws.ec2().describeSubnets(r -> r.subnetIds(subnet)).subnets().get(0).vpcId();
        String otherVpc = aws.ec2().createVpc(r -> r.cidrBlock("10.9.0.0/16")).vpc().vpcId();
        String zone = privateZone("team-hub.hubwizard.internal", vpc);
        String elsewhere = privateZone("other-hub.hubwizard.internal", otherVpc);
        upsert(zone, "hub.team-hub.hubwizard.internal", RRType.A, "127.0.3.7");
        upsert(zone, "api.team-hub.hubwizard.internal", RRType.CNAME, "hub.team-hub.hubwizard.internal");
        upsert(elsewhere, "hub.other-hub.hubwizard.internal", RRType.A, "127.0.3.8");

        Task task = aws.ecs().runTask(r -> r.cluster(cluster).taskDefinition(family).launchType("FARGATE")
                .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets(subnet).securityGroups(securityGroup)))
                .overrides(TaskOverride.builder().containerOverrides(c -> c.name("notebook")
                        .command("sleep", "infinity")).build())).tasks().get(0);
        untilRunning(task.taskArn());
        String container = fargate.container(task.taskArn()).orElseThrow();

        assertThat(resolve(container, "hub.team-hub.hubwizard.internal")).as("as soon as the task runs")
                .isEqualTo("127.0.3.7");
        assertThat(resolve(container, "api.team-hub.hubwizard.internal")).as("a CNAME").isEqualTo("127.0.3.7");
        assertThat(resolve(container, "hub.other-hub.hubwizard.internal")).as("another VPC's zone").isEmpty();
        assertThat(resolve(container, "team-hub.hubwizard.internal")).as("a name with no A record").isEmpty();

        // A redeployed hub says where it is now: a running server finds it there.
        upsert(zone, "hub.team-hub.hubwizard.internal", RRType.A, "127.0.3.9");
        untilResolved(container, "hub.team-hub.hubwizard.internal", "127.0.3.9");

        aws.ec2().modifyVpcAttribute(r -> r.vpcId(vpc).enableDnsSupport(v -> v.value(false)));
        untilResolved(container, "hub.team-hub.hubwizard.internal", "");
        aws.ec2().modifyVpcAttribute(r -> r.vpcId(vpc).enableDnsSupport(v -> v.value(true)));
        untilResolved(container, "hub.team-hub.hubwizard.internal", "127.0.3.9");
        aws.ec2().modifyVpcAttribute(r -> r.vpcId(vpc).enableDnsHostnames(v -> v.value(false)));
        untilResolved(container, "hub.team-hub.hubwizard.internal", "");
        assertThat(resolve(container, "localhost")).as("Docker's own lines stay").isIn("127.0.0.1", "::1");
    }

    private String privateZone(String name, String vpc) {
        return aws.route53().createHostedZone(r -> r.name(name).callerReference(UUID.randomUUID().toString())
                .vpc(v -> v.vpcId(vpc).vpcRegion(MotoServer.REGION))).hostedZone().id();
    }

    private void upsert(String zone, String name, RRType type, String value) {
        aws.route53().changeResourceRecordSets(r -> r.hostedZoneId(zone).changeBatch(b -> b.changes(c -> c
                .action(ChangeAction.UPSERT).resourceRecordSet(s -> s.name(name).type(type).ttl(10L)
                        .resourceRecords(v -> v.value(value))))));
    }

    /** The address the task's container resolves {@code name} to, as its programs do (glibc); empty: none. */
    private String resolve(String container, String name) throws InterruptedException {
        String answer = TaskContainer.exec(docker, container, "1000", "getent", "hosts", name);
        return answer.isEmpty() ? "" : answer.split("\\s+")[0];
    }

    /** Waits until the container resolves {@code name} to {@code address} ("": to nothing): a couple of seconds. */
    private void untilResolved(String container, String name, String address) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(3);
        while (!resolve(container, name).equals(address)) {
            assertThat(Instant.now()).as(name + " resolves to '" + address + "' within seconds").isBefore(deadline);
            Thread.sleep(100);
        }
    }

    /** A person's access point, and their own task definition family with it, as FargateSpawner registers it. */
    private String home(String person) {
        String accessPoint = aws.efs().createAccessPoint(r -> r.fileSystemId(fileSystem).clientToken(person)
                .posixUser(p -> p.uid(1000L).gid(1000L)).rootDirectory(d -> d.path("/home/" + person)))
                .accessPointId();
        volumes.add(FargateUsersStandIn.volumeOf(fileSystem, accessPoint));
        String base = aws.ecs().describeTaskDefinition(r -> r.taskDefinition(family)).taskDefinition()
                .containerDefinitions().get(0).image();
        return aws.ecs().registerTaskDefinition(r -> r.family(family + "-" + person).networkMode("awsvpc")
                .requiresCompatibilities(software.amazon.awssdk.services.ecs.model.Compatibility.FARGATE)
                .cpu("512").memory("1024")
                .volumes(v -> v.name("home").efsVolumeConfiguration(e -> e.fileSystemId(fileSystem)
                        .transitEncryption("ENABLED").authorizationConfig(a -> a.accessPointId(accessPoint)
                                .iam("DISABLED"))))
                .containerDefinitions(c -> c.name("notebook").image(base).memory(1024)
                        .mountPoints(m -> m.sourceVolume("home").containerPath("/home/jovyan"))))
                .taskDefinition().taskDefinitionArn();
    }

    /** RunTask as FargateSpawner sends it: JupyterHub's command and environment as the container's overrides. */
    private Task runTask(String person, String taskDefinition) {
        return aws.ecs().runTask(r -> r.cluster(cluster).taskDefinition(taskDefinition).launchType("FARGATE")
                .startedBy("jh-" + person)
                .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets(subnet).securityGroups(securityGroup)))
                .overrides(TaskOverride.builder().containerOverrides(c -> c.name("notebook")
                        .command("python3", "-c", SERVER)
                        .environment(e -> e.name("JUPYTERHUB_USER").value(person),
                                e -> e.name("JUPYTERHUB_SERVICE_URL").value(
                                        "http://0.0.0.0:" + FargateUsersStandIn.PORT + "/user/" + person + "/")))
                        .build())).tasks().get(0);
    }

    private Task describe(String taskArn) {
        return aws.ecs().describeTasks(r -> r.cluster(cluster).tasks(taskArn)).tasks().get(0);
    }

    private String untilRunning(String taskArn) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        while (true) {
            Task task = describe(taskArn);
            if ("RUNNING".equals(task.lastStatus())) {
                assertThat(privateIp(task)).as("a running task has its address").isNotNull();
                return privateIp(task);
            }
            assertThat(task.lastStatus()).isEqualTo("PENDING");
            assertThat(privateIp(task)).as("no address until the task runs").isNull();
            assertThat(Instant.now()).as("the task runs").isBefore(deadline);
            Thread.sleep(200);
        }
    }

    private static String privateIp(Task task) {
        return task.attachments().stream().flatMap(a -> a.details().stream())
                .filter(d -> d.name().equals("privateIPv4Address")).map(d -> d.value()).findFirst().orElse(null);
    }

    /** The file the server serves, once it answers. */
    private String get(String address, String file) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + address + ":"
                + FargateUsersStandIn.PORT + "/" + file)).timeout(Duration.ofSeconds(5)).build();
        while (true) {
            try {
                HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200) {
                    return answer.body();
                }
            } catch (IOException notYet) {
                // The server is still starting.
            }
            assertThat(Instant.now()).as("the server at " + address + " answers").isBefore(deadline);
            Thread.sleep(200);
        }
    }

    private void untilGone(String container) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (true) {
            try {
                docker.client().inspectContainerCmd(container).exec();
            } catch (NotFoundException gone) {
                return;
            }
            assertThat(Instant.now()).as("the stopped task's container goes").isBefore(deadline);
            Thread.sleep(200);
        }
    }
}
