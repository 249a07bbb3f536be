package dev.hubwizard.deploy;

import dev.hubwizard.aws.ResourceKind;
import dev.hubwizard.aws.SecurityGroups;
import dev.hubwizard.engine.Intent;
import dev.hubwizard.engine.Plan;
import dev.hubwizard.engine.ResourceRecord;
import dev.hubwizard.engine.RunResult;
import dev.hubwizard.profile.DeploymentState;
import dev.hubwizard.profile.DeploymentStatus;
import dev.hubwizard.profile.HubSettings;
import dev.hubwizard.profile.Profile;
import dev.hubwizard.testbed.AwsCallRecorder;
import dev.hubwizard.testbed.HubSignIn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 5's proof, a hub's whole life against moto, the local registry and the real Docker Engine:
 * deploy; redeploy with nothing changed (no changing call, nothing pushed); a new allowed user, which
 * makes a new image, a new task definition revision and a service update; teardown keeping the
 * images, then teardown of the rest, then teardown once more. Resources of the same names made
 * outside the profile survive every teardown. ECS's scheduler and Fargate are played by
 * {@link FargateStandIn}, as moto has neither.
 */
class LifecycleIT {

    private static final String NAME = "lifecycle-hub";

    @TempDir
    static Path profiles;

    private static DeployTestBed bed;

    @BeforeAll
    static void start() throws Exception {
        bed = DeployTestBed.start(profiles);
        bed.reset();
    }

    @AfterAll
    static void stop() throws Exception {
        if (bed != null) {
            bed.close();
        }
    }

    @Test
    void deployRedeployChangeAndTearDown() throws Exception {
        Profile profile = bed.profile(NAME, List.of("alice"), List.of("alice", "bob"));
        FargateStandIn fargate = bed.fargate(profile);

        // Deploy.
        Deployment deployment = bed.deployment(profile);
        RunResult deployed = bed.run(deployment, deployment.deployPlan(LocalTestApproval.WHEN_CHECKED), fargate);
        assertThat(deployed.succeeded()).as(bed.failures(deployed) + "\nFargate: " + fargate.failures()).isTrue();
        DeploymentState first = state();
        assertThat(first.status()).isEqualTo(DeploymentStatus.DEPLOYED);
        assertThat(first.taskDefinitionRevision()).isEqualTo(1);
        Map<String, List<String>> resources = Inventory.ids(bed.aws());

        // Redeploy with nothing changed.
        AwsCallRecorder.clear();
        RunResult again = bed.run(deployment, deployment.deployPlan(LocalTestApproval.WHEN_CHECKED), fargate);
        assertThat(again.succeeded()).as(bed.failures(again)).isTrue();
        assertThat(AwsCallRecorder.changingCalls()).as("no create, register or update").isEmpty();
        assertThat(bed.logText()).contains("nothing to push");
        assertThat(Inventory.ids(bed.aws())).isEqualTo(resources);
        assertThat(state().imageTag()).isEqualTo(first.imageTag());

        // A new allowed user: a new image, a new task definition revision, the service moved to it.
        Profile changed = profile.withHub(withAllowedUsers(profile.hub(), List.of("alice", "bob", "carol")));
        bed.store().saveSettings(changed);
        Deployment redeployment = bed.deployment(bed.store().load(NAME));
        AwsCallRecorder.clear();
        RunResult redeployed = bed.run(redeployment, redeployment.deployPlan(LocalTestApproval.WHEN_CHECKED),
                fargate);
        assertThat(redeployed.succeeded()).as(bed.failures(redeployed) + "\nFargate: " + fargate.failures())
                .isTrue();
        DeploymentState second = state();
        assertThat(second.imageTag()).isNotEqualTo(first.imageTag());
        assertThat(second.imageDigest()).isNotEqualTo(first.imageDigest());
        assertThat(second.taskDefinitionRevision()).isEqualTo(2);
        assertThat(AwsCallRecorder.changingCalls()).containsExactly("Ssm.PutParameter", // the live lists the hub reads
                "Ecs.RegisterTaskDefinition", "Ecs.UpdateService");
        assertThat(bed.aws().ecs().describeServices(r -> r.cluster(changed.names().cluster())
                .services(changed.names().service())).services().get(0).taskDefinition())
                .isEqualTo(second.taskDefinitionArn());
        assertThat(bed.registry().tags(changed.names().repository())).hasSize(2);
        assertThat(new HubSignIn(SecurityGroups.HUB_PORT).signIn("carol", "carols-first-password"))
                .as("the new image runs").isEqualTo(302);

        // Made outside the profile, with names the profile uses: teardown must not touch them.
        String otherRepository = bed.aws().ecr().createRepository(r -> r.repositoryName(NAME + "-mirror"))
                .repository().repositoryArn();
        String otherVpc = bed.aws().ec2().createVpc(r -> r.cidrBlock("10.9.0.0/16")).vpc().vpcId();
        String sameNamedGroup = bed.aws().ec2().createSecurityGroup(r -> r.vpcId(otherVpc).groupName(NAME + "-sg")
                .description("someone else, named like the hub")
                .tagSpecifications(t -> t.resourceType(ResourceType.SECURITY_GROUP)
                        .tags(Tag.builder().key("Name").value(NAME + "-sg").build()))).groupId();

        // Teardown keeping the images: the preview first, then everything but the repository goes.
        Plan keepImages = redeployment.teardownPlan(TeardownChoices.KEEP_IMAGES);
        List<ResourceRecord> recorded = state().resources();
        List<Intent> preview = TeardownPlan.preview(keepImages, redeployment.session());
        assertThat(preview).filteredOn(i -> i.action() != Intent.Action.RUN).extracting(Intent::name)
                .containsExactlyInAnyOrderElementsOf(recorded.stream().map(ResourceRecord::id).toList());
        assertThat(preview).filteredOn(i -> i.action() == Intent.Action.KEEP).extracting(Intent::kind)
                .containsExactly("ECR repository");
        RunResult kept = bed.run(redeployment, keepImages, fargate);
        assertThat(kept.succeeded()).as(bed.failures(kept)).isTrue();
        DeploymentState afterKeep = state();
        assertThat(afterKeep.status()).isEqualTo(DeploymentStatus.TORN_DOWN);
        assertThat(afterKeep.resources()).extracting(ResourceRecord::kind)
                .containsExactly(ResourceKind.ECR_REPOSITORY);
        assertThat(afterKeep.imageTag()).isEqualTo(second.imageTag());
        assertThat(afterKeep.url()).isEmpty();
        assertThat(bed.aws().ecr().describeRepositories().repositories()).extracting(r -> r.repositoryName())
                .containsExactlyInAnyOrder(NAME, NAME + "-mirror");
        assertThat(bed.registry().tags(changed.names().repository())).hasSize(2);
        assertThat(fargate.runningTasks()).as("the hub's task stopped").isZero();
        assertThat(bed.aws().ecs().listTasks(r -> r.cluster(changed.names().cluster())
                .desiredStatus(DesiredStatus.RUNNING)).taskArns()).isEmpty();

        // A log group with the very name the profile's used, made outside it after the first teardown.
        bed.aws().logs().createLogGroup(r -> r.logGroupName("/ecs/" + NAME));
        // moto hands a new group the tags a deleted group of the same name had; AWS deletes tags with the
        // group. Played here: the new group carries none of them.
        String groupArn = bed.aws().logs().describeLogGroups(r -> r.logGroupNamePrefix("/ecs/" + NAME)).logGroups()
                .get(0).logGroupArn();
        bed.aws().logs().untagResource(r -> r.resourceArn(groupArn).tagKeys("hubwizard:profile", "Name"));

        // Teardown of the rest, then once more.
        RunResult rest = bed.run(redeployment, redeployment.teardownPlan(TeardownChoices.DELETE_EVERYTHING));
        assertThat(rest.succeeded()).as(bed.failures(rest)).isTrue();
        AwsCallRecorder.clear();
        RunResult twice = bed.run(redeployment, redeployment.teardownPlan(TeardownChoices.DELETE_EVERYTHING));
        assertThat(twice.succeeded()).as(bed.failures(twice)).isTrue();
        assertThat(AwsCallRecorder.calls()).as("nothing on record, nothing to ask AWS").isEmpty();

        DeploymentState end = state();
        assertThat(end.status()).isEqualTo(DeploymentStatus.TORN_DOWN);
        assertThat(end.resources()).isEmpty();
        assertThat(end.imageTag()).isEmpty();
        Map<String, List<String>> left = Inventory.ids(bed.aws());
        List<String> outside = List.of(otherRepository.substring(otherRepository.lastIndexOf('/') + 1), otherVpc,
                sameNamedGroup, "/ecs/" + NAME);
        List<String> everything = new ArrayList<>();
        left.values().forEach(everything::addAll);
        assertThat(everything).as("only what was made outside the profile").containsExactlyInAnyOrderElementsOf(
                outside);
        for (ResourceRecord record : recorded) {
            if (record.kind().equals(ResourceKind.LOG_GROUP)) {
                // Its id is its name, which the group made outside took on purpose: that one is untagged.
                assertThat(Tags.of(bed.aws(), record)).doesNotContainKey("hubwizard:profile");
            } else {
                assertThat(everything).as(record.kind()).doesNotContain(record.id());
            }
        }
        assertThat(bed.aws().ec2().describeSecurityGroups(r -> r.filters(Filter.builder().name("group-name")
                .values(NAME + "-sg").build())).securityGroups()).extracting(g -> g.vpcId()).containsExactly(otherVpc);
    }

    private static DeploymentState state() throws Exception {
        return bed.store().load(NAME).deployment();
    }

    private static HubSettings withAllowedUsers(HubSettings hub, List<String> allowedUsers) {
        return new HubSettings(hub.imageFolder(), hub.admins(), allowedUsers, hub.signIn(), hub.cognito(),
                hub.localPort(), hub.hostNetwork());
    }
}
