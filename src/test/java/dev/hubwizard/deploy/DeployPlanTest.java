package dev.hubwizard.deploy;

import dev.hubwizard.aws.AwsClients;
import dev.hubwizard.docker.DockerClients;
import dev.hubwizard.docker.LiveContainers;
import dev.hubwizard.engine.Plan;
import dev.hubwizard.engine.Step;
import dev.hubwizard.profile.AwsTarget;
import dev.hubwizard.profile.Options;
import dev.hubwizard.profile.Profile;
import dev.hubwizard.profile.ServerPlacement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deploy's graph with users' servers in their own Fargate tasks: their steps are there, in an order that makes
 * the hub start only after what it starts servers from; without them, nothing of theirs. No call is made.
 */
class DeployPlanTest {

    private final DeployTools tools = DeployTools.withDefaultWaits(DockerClients.forHost("unix:///nowhere.sock"),
            null, Path.of("hub-image"));
    private final AwsClients aws = new AwsClients(new AwsTarget("", "us-east-1"));

    @AfterEach
    void close() {
        aws.close();
    }

    private Plan plan(Profile profile) {
        return DeployPlan.create(profile, aws, tools, LocalTestApproval.WHEN_CHECKED);
    }

    @Test
    void usersServersInTheirOwnTasksAddTheirImageRepositoryAndTaskDefinitionBeforeTheService() {
        for (Options options : List.of(Options.NONE, Options.NEW_HUB, new Options(true, "", true, true))) {
            Profile profile = Profile.named("team-hub").withOptions(options);
            Profile fargate = profile.withServers(profile.servers().withPlacement(ServerPlacement.FARGATE));

            Plan plan = plan(fargate);

            assertThat(plan.steps()).extracting(Step::id).contains(UsersImageStep.ID, UsersPushStep.ID,
                    UsersTaskDefinitionStep.ID);
            assertThat(plan.step(ServiceStep.ID).dependsOn()).contains(UsersTaskDefinitionStep.ID);
            assertThat(plan.step(TaskDefinitionStep.ID).dependsOn()).contains(NetworkStep.ID, ClusterStep.ID);
            assertThat(plan.step(LiveUsersStep.ID).dependsOn()).contains(ClusterStep.ID, ExecutionRoleStep.ID);
            if (options.keepUserFiles()) {
                assertThat(plan.step(LiveUsersStep.ID).dependsOn()).contains(FileSystemStep.ID);
            }
            assertThat(plan(profile).steps()).extracting(Step::id).doesNotContain(UsersImageStep.ID,
                    UsersPushStep.ID, UsersTaskDefinitionStep.ID);
            assertThat(plan(profile).step(LiveUsersStep.ID).dependsOn()).containsOnly(PreflightStep.ID);
        }
    }
}
