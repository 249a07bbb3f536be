package dev.hubwizard.deploy;

import dev.hubwizard.aws.ResourceKind;
import dev.hubwizard.aws.SecurityGroups;
import dev.hubwizard.engine.Plan;
import dev.hubwizard.engine.ResourceRecord;
import dev.hubwizard.engine.RunResult;
import dev.hubwizard.engine.Step;
import dev.hubwizard.engine.StepState;
import dev.hubwizard.profile.DeploymentState;
import dev.hubwizard.profile.DeploymentStatus;
import dev.hubwizard.profile.Profile;
import dev.hubwizard.testbed.AwsCallRecorder;
import dev.hubwizard.testbed.HubSignIn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 4's proof: a whole deploy through every step of {@link DeployPlan#create} — the project's
 * {@code hub-image/} built on the stand-in of its base image, tested locally, pushed through the local
 * registry, then the AWS resources in moto, the service, and the hub URL answered by the pushed image
 * running as Fargate would run it ({@link FargateStandIn}). Then the same plan again, which changes
 * nothing.
 */
class FullDeployIT {

    private static final List<String> EVERY_KIND = List.of(ResourceKind.ECR_REPOSITORY, ResourceKind.VPC,
            ResourceKind.SUBNET, ResourceKind.SUBNET, ResourceKind.INTERNET_GATEWAY, ResourceKind.ROUTE_TABLE,
            ResourceKind.SECURITY_GROUP, ResourceKind.ECS_CLUSTER, ResourceKind.IAM_ROLE, ResourceKind.LOG_GROUP,
            ResourceKind.TASK_DEFINITION, ResourceKind.ECS_SERVICE, ResourceKind.SSM_PARAMETER,
            ResourceKind.SSM_PARAMETER, ResourceKind.TASK_ROLE);

    @TempDir
    static Path profiles;

    private static DeployTestBed bed;

    @BeforeAll
    static void start() throws Exception {
        bed = DeployTestBed.start(profiles);
    }

    @AfterAll
    static void stop() throws Exception {
        if (bed != null) {
            bed.close();
        }
    }

    @BeforeEach
    void reset() {
        bed.reset();
    }

    @Test
    void aWholeDeployRunsEveryStepAndTheSamePlanAgainChangesNothing() throws Exception {
        Profile profile = bed.profile("full-deploy-hub", List.of("alice"), List.of("alice", "bob"));
        Deployment deployment = bed.deployment(profile);
        FargateStandIn fargate = bed.fargate(profile);
        Plan plan = deployment.deployPlan(LocalTestApproval.WHEN_CHECKED);

        RunResult first = bed.run(deployment, plan, fargate);

        assertThat(first.succeeded()).as(bed.failures(first) + "\nFargate: " + fargate.failures()).isTrue();
        assertThat(first.outcomes().keySet()).containsExactlyInAnyOrderElementsOf(
                plan.steps().stream().map(Step::id).toList()).hasSize(14); // the guide's 12, live-users, unused-options
        assertThat(fargate.failures()).isEmpty();
        System.out.printf("whole deploy: %d ms wall, %d ms of steps%n", first.wallTime().toMillis(),
                first.sumOfStepTimes().toMillis());

        String repository = profile.names().repository();
        String version = deployment.session().values().require(BuildImageStep.IMAGE).version();
        PushedImage pushed = deployment.session().values().require(PushStep.PUSHED_IMAGE);
        assertThat(bed.registry().tags(repository)).containsExactly(version);
        assertThat(bed.registry().manifestDigest(repository, version)).contains(pushed.digest());

        DeploymentState state = bed.store().load(profile.name()).deployment();
        assertThat(state.status()).isEqualTo(DeploymentStatus.DEPLOYED);
        assertThat(state.url()).isEqualTo("http://127.0.0.1:" + SecurityGroups.HUB_PORT + "/");
        assertThat(state.imageTag()).endsWith("/" + repository + ":" + version);
        assertThat(state.imageDigest()).isEqualTo(pushed.digest());
        assertThat(state.taskDefinitionRevision()).isEqualTo(1);
        assertThat(state.serviceArn()).endsWith("/full-deploy-hub-cluster/full-deploy-hub-service");
        assertThat(state.deployedAt()).isNotNull();
        assertThat(state.resources()).extracting(ResourceRecord::kind).containsExactlyInAnyOrderElementsOf(EVERY_KIND);
        for (ResourceRecord record : state.resources()) {
            assertThat(Tags.of(bed.aws(), record)).as(record.kind() + " " + record.id())
                    .containsEntry("hubwizard:profile", profile.name());
        }
        assertThat(bed.logText()).contains("✓ Code ran print(getpass.getuser()",
                "Sign-in at http://127.0.0.1:8000/hub/login: the sign-in form (a name and a first-use password)");
        // The hub that answers is the pushed image with the profile's users in it.
        assertThat(new HubSignIn(SecurityGroups.HUB_PORT).signIn("bob", "bobs-first-password")).isEqualTo(302);
        assertThat(new HubSignIn(SecurityGroups.HUB_PORT).signIn("mallory", "a-password")).isNotEqualTo(302);

        Map<String, List<String>> resources = Inventory.ids(bed.aws());
        AwsCallRecorder.clear();
        RunResult second = bed.run(deployment, plan, fargate);

        assertThat(second.succeeded()).as(bed.failures(second)).isTrue();
        assertThat(AwsCallRecorder.changingCalls()).as("a redeploy with nothing changed only reads").isEmpty();
        assertThat(Inventory.ids(bed.aws())).isEqualTo(resources);
        assertThat(bed.logText()).contains(repository + ":" + version + " is in the repository already")
                .contains("nothing to push");
        assertThat(bed.registry().tags(repository)).containsExactly(version);
        assertThat(fargate.runningTasks()).isEqualTo(1);
        assertThat(bed.store().load(profile.name()).deployment().status()).isEqualTo(DeploymentStatus.DEPLOYED);
        System.out.printf("the same plan again: %d ms wall, %d AWS calls%n", second.wallTime().toMillis(),
                AwsCallRecorder.calls().size());
    }

    /**
     * The Docker half of "killed after any step, run again": {@link AwsDeployIT} kills the AWS steps
     * after each one (standing in for the Docker steps); here the app dies after the build, the local
     * test, the push, and after the service (its task already running, the URL not yet found).
     */
    @Test
    void aWholeDeployKilledAfterADockerStepOrBeforeTheUrlEndsWithoutDuplicates() throws Exception {
        for (String last : List.of(BuildImageStep.ID, LocalTestStep.ID, PushStep.ID, ServiceStep.ID)) {
            bed.reset();
            Profile profile = bed.profile("killed-after-" + last, List.of("alice"), List.of("alice"));
            FargateStandIn fargate = bed.fargate(profile);
            Plan plan = bed.deployment(profile).deployPlan(LocalTestApproval.WHEN_CHECKED);
            RunResult killed = bed.run(bed.deployment(profile), plan.only(doneUpTo(plan, last)), fargate);
            assertThat(killed.succeeded()).as(bed.failures(killed)).isTrue();

            // A new app start: a new deployment of the profile, its journal read from the file.
            Deployment restarted = bed.deployment(bed.store().load(profile.name()));
            RunResult rest = bed.run(restarted, restarted.deployPlan(LocalTestApproval.WHEN_CHECKED), fargate);

            assertThat(rest.succeeded()).as("killed after " + last + "\n" + bed.failures(rest)).isTrue();
            assertThat(rest.outcomes().values()).allSatisfy(e -> assertThat(e.state()).isEqualTo(StepState.DONE));
            assertThat(Inventory.ids(bed.aws())).as("killed after " + last).allSatisfy((kind, ids) ->
                    // Two subnets; two roles: the shared execution role and the hub's task role; no private
                    // zone, which only a hub whose users' servers run in their own tasks needs.
                    assertThat(ids).as(kind).hasSize(switch (kind) {
                        case ResourceKind.SUBNET, ResourceKind.IAM_ROLE -> 2;
                        case ResourceKind.PRIVATE_ZONE -> 0;
                        default -> 1;
                    }));
            assertThat(bed.store().load(profile.name()).deployment().resources()).extracting(ResourceRecord::kind)
                    .containsExactlyInAnyOrderElementsOf(EVERY_KIND);
            assertThat(bed.registry().tags(profile.names().repository())).hasSize(1);
            assertThat(bed.aws().ecs().listTasks(r -> r.cluster(profile.names().cluster())
                    .desiredStatus(DesiredStatus.RUNNING)).taskArns()).as("one hub").hasSize(1);
            if (!last.equals(BuildImageStep.ID) && !last.equals(LocalTestStep.ID)) {
                assertThat(bed.logText()).contains("nothing to push");
            }
        }
    }

    /** The steps of the plan up to {@code last}, in plan order: what a run had finished when the app died. */
    private static List<String> doneUpTo(Plan plan, String last) {
        List<String> ids = plan.steps().stream().map(Step::id).toList();
        return ids.subList(0, ids.indexOf(last) + 1);
    }
}
