package dev.hubwizard.deploy;

import dev.hubwizard.aws.CognitoUsers;
import dev.hubwizard.aws.ResourceKind;
import dev.hubwizard.engine.Intent;
import dev.hubwizard.engine.Plan;
import dev.hubwizard.engine.ResourceRecord;
import dev.hubwizard.engine.RunResult;
import dev.hubwizard.engine.Step;
import dev.hubwizard.profile.DeploymentState;
import dev.hubwizard.profile.DeploymentStatus;
import dev.hubwizard.profile.HubSettings;
import dev.hubwizard.profile.Options;
import dev.hubwizard.profile.Profile;
import dev.hubwizard.testbed.AwsCallRecorder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Issue 8's proof, a whole deploy with every team option on — a stable HTTPS address on a domain whose zone
 * is in the account, Cognito sign-in, users' files on EFS — against moto, the local registry and the real
 * Docker Engine: the hub answers at {@code https://DOMAIN/} through its load balancer; a redeploy with nothing
 * changed changes nothing and keeps the address; a new user means a new task whose homes are the old ones,
 * files and owners included; teardown keeps the users' files, and deletes them only with the hub's name typed.
 *
 * <p>Played by the test, as moto has none of it: ECS's scheduler and Fargate ({@link FargateStandIn}, which
 * also gives the task its secret, its EFS volume as a Docker volume, and a place in the target group); ACM's
 * DNS validation (moto issues every certificate a few seconds after the request, see {@code MotoServer}); the
 * internet's DNS and the load balancer itself ({@link LoadBalancerStandIn}). Cognito's hosted UI is not: the
 * hub's sign-in through an OpenID provider is proven by {@link HubCognitoSignInIT}.
 */
class TeamHubIT {

    private static final String NAME = "team-hub";

    @TempDir
    static Path profiles;
    @TempDir
    static Path keys;

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
    void aHubATeamCanKeep() throws Exception {
        TeamOptions.createZone(bed.aws());
        Profile profile = TeamOptions.everyOption(bed.profile(NAME, List.of("ada"), List.of("ada",
                        "grace_example_org")),
                TeamOptions.DOMAIN);
        bed.store().saveSettings(profile);
        String fileSystem = null;
        try (LoadBalancerStandIn loadBalancer = LoadBalancerStandIn.start(bed.aws(), TeamOptions.DOMAIN, keys)) {
            FargateStandIn fargate = bed.fargate(profile);

            // Deploy: every option's steps, and the hub at its domain.
            Deployment deployment = bed.deployment(profile);
            Plan plan = deployment.deployPlan(LocalTestApproval.WHEN_CHECKED);
            assertThat(plan.steps()).extracting(Step::id).contains(CertificateStep.ID, LoadBalancerStep.ID,
                    ListenersStep.ID, DomainRecordStep.ID, CognitoStep.ID, FileSystemStep.ID);
            RunResult deployed = bed.run(deployment, plan, fargate);
            assertThat(deployed.succeeded()).as(bed.failures(deployed) + "\nFargate: " + fargate.failures()).isTrue();
            DeploymentState first = state();
            assertThat(first.status()).isEqualTo(DeploymentStatus.DEPLOYED);
            assertThat(first.url()).isEqualTo("https://" + TeamOptions.DOMAIN + "/");
            assertThat(bed.logText()).contains("The load balancer sends users to the hub")
                    .contains("The hub answers at https://" + TeamOptions.DOMAIN + "/")
                    .containsPattern("Sign-in at https://" + TeamOptions.DOMAIN.replace(".", "\\.") + "/hub/login: a redirect"
                            + " to https://" + TeamOptions.DOMAIN_PREFIX + "\\.auth\\.[a-z0-9-]+\\.amazoncognito\\.com to sign in"
                            + " \\(Amazon Cognito's hosted UI\\)");
            String homes = first.resources().stream().filter(r -> r.kind().equals(ResourceKind.FILE_SYSTEM))
                    .findFirst().orElseThrow().id();
            fileSystem = homes;

            // Invitations: Cognito e-mails each person a temporary password; the hub's status is untouched.
            RunResult invited = bed.run(deployment, deployment.invitePlan(List.of(
                    CognitoUsers.Invitation.byEmail("Grace@Example.org"), new CognitoUsers.Invitation("ada",
                            "ada@example.org"))));
            assertThat(invited.succeeded()).as(bed.failures(invited)).isTrue();
            assertThat(InviteUsersStep.problems(profile, List.of(CognitoUsers.Invitation.byEmail("linus@example.org"))))
                    .as("not one of the hub's users").isNotEmpty();
            assertThat(deployment.invitedUsers()).extracting(CognitoUsers.InvitedUser::userName,
                    CognitoUsers.InvitedUser::email, CognitoUsers.InvitedUser::status)
                    .containsExactlyInAnyOrder(tuple("ada", "ada@example.org", "FORCE_CHANGE_PASSWORD"),
                            tuple("grace_example_org", "Grace@Example.org", "FORCE_CHANGE_PASSWORD"));
            assertThat(state().status()).isEqualTo(DeploymentStatus.DEPLOYED);

            // The hub made ada's account with her pinned id, and her home is on the file system.
            String container = fargate.runningContainer();
            assertThat(exec(container, "root", "stat", "-c", "%u", "/home/ada")).isEqualTo("2001");
            exec(container, "ada", "sh", "-c", "echo kept across redeploys > /home/ada/notes.txt");

            // Redeploy with nothing changed: only reads, same address, same file system.
            Map<String, List<String>> before = Inventory.teamIds(bed.aws());
            AwsCallRecorder.clear();
            RunResult again = bed.run(deployment, deployment.deployPlan(LocalTestApproval.WHEN_CHECKED), fargate);
            assertThat(again.succeeded()).as(bed.failures(again)).isTrue();
            assertThat(AwsCallRecorder.changingCalls()).as("no create, register or update").isEmpty();
            assertThat(Inventory.teamIds(bed.aws())).isEqualTo(before);
            assertThat(state().url()).isEqualTo(first.url());
            assertThat(fargate.runningContainer()).as("the same task").isEqualTo(container);

            // A new user: a new image and task definition, so a new task; the homes are the old ones.
            Profile changed = profile.withHub(withAllowedUsers(profile.hub(), List.of("ada", "grace_example_org",
                    "linus")));
            bed.store().saveSettings(changed);
            Deployment redeployment = bed.deployment(bed.store().load(NAME));
            RunResult redeployed = bed.run(redeployment, redeployment.deployPlan(LocalTestApproval.WHEN_CHECKED),
                    fargate);
            assertThat(redeployed.succeeded()).as(bed.failures(redeployed) + "\nFargate: " + fargate.failures())
                    .isTrue();
            assertThat(state().url()).isEqualTo(first.url());
            assertThat(state().taskDefinitionRevision()).isEqualTo(2);
            String next = fargate.runningContainer();
            assertThat(next).isNotEqualTo(container);
            assertThat(exec(next, "root", "cat", "/home/ada/notes.txt")).isEqualTo("kept across redeploys");
            assertThat(exec(next, "root", "stat", "-c", "%u", "/home/ada/notes.txt")).isEqualTo("2001");
            assertThat(exec(next, "root", "id", "-u", "ada")).isEqualTo("2001");
            assertThat(exec(next, "root", "id", "-u", "grace_example_org")).isEqualTo("2002");
            assertThat(exec(next, "root", "id", "-u", "linus")).isEqualTo("2003");
            assertThat(Inventory.teamIds(bed.aws()).get("efs-file-system")).containsExactly(fileSystem);

            // Teardown: everything goes but the users' files, whose price is stated.
            Plan keepFiles = redeployment.teardownPlan(TeardownChoices.DELETE_EVERYTHING);
            assertThat(TeardownPlan.preview(keepFiles, redeployment.session()))
                    .filteredOn(i -> i.action() == Intent.Action.KEEP).extracting(Intent::kind)
                    .containsExactlyInAnyOrder("file system", "access point");
            RunResult tornDown = bed.run(redeployment, keepFiles, fargate);
            assertThat(tornDown.succeeded()).as(bed.failures(tornDown)).isTrue();
            assertThat(state().status()).isEqualTo(DeploymentStatus.TORN_DOWN);
            assertThat(state().resources()).extracting(ResourceRecord::kind)
                    .containsExactlyInAnyOrder(ResourceKind.FILE_SYSTEM, ResourceKind.ACCESS_POINT);
            assertThat(fargate.runningTasks()).isZero();
            Map<String, List<String>> left = Inventory.teamIds(bed.aws());
            assertThat(left.get("efs-file-system")).containsExactly(fileSystem);
            left.forEach((kind, ids) -> {
                if (!kind.equals("efs-file-system") && !kind.equals("efs-access-point")) {
                    assertThat(ids).as(kind).isEmpty();
                }
            });
            assertThat(Inventory.ids(bed.aws())).allSatisfy((kind, ids) -> assertThat(ids).as(kind).isEmpty());
            assertThat(redeployment.keptFileSystems(new dev.hubwizard.cost.CostEstimator(
                    dev.hubwizard.cost.PriceList.bundled()))).singleElement()
                    .satisfies(kept -> assertThat(kept.fileSystemId()).isEqualTo(homes));

            // Only with the hub's name typed do the users' files go.
            TeardownChoices typed = TeardownChoices.DELETE_EVERYTHING.deletingFileSystem(NAME, NAME);
            RunResult all = bed.run(redeployment, redeployment.teardownPlan(typed));
            assertThat(all.succeeded()).as(bed.failures(all)).isTrue();
            assertThat(state().resources()).isEmpty();
            assertThat(Inventory.teamIds(bed.aws())).allSatisfy((kind, ids) -> assertThat(ids).as(kind).isEmpty());
        } finally {
            // The played tasks first: their containers hold the volume.
            bed.reset();
            if (fileSystem != null) {
                // The played file system's files; EFS deleted them with the file system.
                bed.docker().client().removeVolumeCmd(TaskContainer.volumeOf(fileSystem)).exec();
            }
        }
    }

    @Test
    void aStableAddressWithoutADomainIsPlainHttpAndSaysSo() throws Exception {
        Profile profile = bed.profile("plain-hub", List.of("ada"), List.of("ada")).withOptions(new Options(true, "",
                false));
        bed.store().saveSettings(profile);
        try (LoadBalancerStandIn loadBalancer = LoadBalancerStandIn.start(bed.aws(), TeamOptions.DOMAIN, keys)) {
            FargateStandIn fargate = bed.fargate(profile);
            Deployment deployment = bed.deployment(profile);

            RunResult deployed = bed.run(deployment, deployment.deployPlan(LocalTestApproval.WHEN_CHECKED), fargate);

            assertThat(deployed.succeeded()).as(bed.failures(deployed) + "\nFargate: " + fargate.failures()).isTrue();
            String url = bed.store().load("plain-hub").deployment().url();
            assertThat(url).startsWith("http://plain-hub-alb-").endsWith(".elb.amazonaws.com/");
            assertThat(bed.logText()).contains("WARN [listeners] No HTTPS: the hub's sign-in page")
                    .contains("WARN [load-balancer] The hub's address " + url + " is plain HTTP");
            // A person at the stable address reaches the hub through the load balancer.
            HttpClient browser = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpResponse<String> login = browser.send(HttpRequest.newBuilder(URI.create(url + "hub/login")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(login.statusCode()).isEqualTo(200);
            assertThat(login.body()).contains("name=\"username\"");

            // The option turned off: the hub is at its task's address again; the load balancer is not deleted
            // by a deploy but said to be unused and still billed, and the teardown still removes it.
            Profile off = profile.withOptions(Options.NONE);
            bed.store().saveSettings(off);
            Deployment without = bed.deployment(bed.store().load("plain-hub"));
            RunResult redeployed = bed.run(without, without.deployPlan(LocalTestApproval.WHEN_CHECKED), fargate);
            assertThat(redeployed.succeeded()).as(bed.failures(redeployed) + "\nFargate: " + fargate.failures())
                    .isTrue();
            assertThat(bed.store().load("plain-hub").deployment().url()).isEqualTo("http://127.0.0.1:8000/");
            assertThat(bed.logText()).contains("WARN [unused-options] load balancer plain-hub-alb",
                    "is no longer used since \"Stable address\" was turned off, and still billed");
            assertThat(Inventory.teamIds(bed.aws()).get("load-balancer")).hasSize(1);

            RunResult tornDown = bed.run(without, without.teardownPlan(TeardownChoices.DELETE_EVERYTHING),
                    fargate);
            assertThat(tornDown.succeeded()).as(bed.failures(tornDown)).isTrue();
            assertThat(Inventory.teamIds(bed.aws())).allSatisfy((kind, ids) -> assertThat(ids).as(kind).isEmpty());
        }
    }

    private static String exec(String container, String user, String... command) throws InterruptedException {
        return TaskContainer.exec(bed.docker(), container, user, command);
    }

    private static DeploymentState state() throws Exception {
        return bed.store().load(NAME).deployment();
    }

    private static HubSettings withAllowedUsers(HubSettings hub, List<String> allowedUsers) {
        return new HubSettings(hub.imageFolder(), hub.admins(), allowedUsers, hub.signIn(), hub.cognito(),
                hub.localPort(), hub.hostNetwork());
    }
}
