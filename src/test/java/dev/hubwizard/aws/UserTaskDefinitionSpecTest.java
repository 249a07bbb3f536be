package dev.hubwizard.aws;

import dev.hubwizard.profile.Architecture;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The users' task definition: what the hub image's spawner needs, and a redeploy that changes nothing registers nothing. */
class UserTaskDefinitionSpecTest {

    private static final UserTaskDefinitionSpec SPEC = new UserTaskDefinitionSpec("team-hub-user", 512, 1024,
            Architecture.ARM64, "arn:aws:iam::123456789012:role/ecsTaskExecutionRole",
            "123456789012.dkr.ecr.us-east-1.amazonaws.com/team-hub-user:0123456789ab", "/ecs/team-hub", "us-east-1");

    /** What DescribeTaskDefinition gives back: the request's fields plus ECS's defaults. */
    private static TaskDefinition registered(RegisterTaskDefinitionRequest request) {
        return TaskDefinition.builder().family(request.family()).revision(2)
                .cpu(request.cpu()).memory(request.memory()).networkMode(request.networkMode())
                .executionRoleArn(request.executionRoleArn()).runtimePlatform(request.runtimePlatform())
                .requiresCompatibilities(request.requiresCompatibilities())
                .containerDefinitions(request.containerDefinitions().stream()
                        .map(c -> c.toBuilder().cpu(0).mountPoints(List.of()).volumesFrom(List.of()).build()).toList())
                .build();
    }

    @Test
    void theNotebookContainerServesJupytersPortWithNoMemoryLimitOfItsOwnAndNoTaskRole() {
        RegisterTaskDefinitionRequest request = SPEC.request(List.of());

        assertThat(request.taskRoleArn()).as("users' servers get no AWS permissions").isNull();
        assertThat(request.cpu()).isEqualTo("512");
        assertThat(request.memory()).isEqualTo("1024");
        ContainerDefinition container = request.containerDefinitions().get(0);
        assertThat(container.name()).isEqualTo("notebook");
        assertThat(container.memory()).as("a container limit would hold every size to the default's").isNull();
        assertThat(container.portMappings()).singleElement().satisfies(p -> assertThat(p.containerPort())
                .isEqualTo(8888));
        assertThat(container.logConfiguration().options()).containsEntry("awslogs-group", "/ecs/team-hub")
                .containsEntry("awslogs-stream-prefix", "user");
    }

    @Test
    void aRevisionRegisteredFromTheSpecEqualsItAndChangesAreNamed() {
        assertThat(UserTaskDefinitionSpec.of(registered(SPEC.request(List.of())))).contains(SPEC);
        UserTaskDefinitionSpec bigger = new UserTaskDefinitionSpec(SPEC.family(), 1024, 4096, SPEC.architecture(),
                SPEC.executionRoleArn(), SPEC.image(), SPEC.logGroup(), SPEC.logRegion());
        assertThat(bigger.differencesFrom(SPEC)).containsExactly("CPU units 512 -> 1024", "memory (MiB) 1024 -> 4096");
    }

    @Test
    void aRevisionWithATaskRoleOrAMemoryLimitIsNotHubWizards() {
        TaskDefinition plain = registered(SPEC.request(List.of()));
        assertThat(UserTaskDefinitionSpec.of(plain.toBuilder().taskRoleArn("arn:aws:iam::1:role/x").build())).isEmpty();
        assertThat(UserTaskDefinitionSpec.of(plain.toBuilder().containerDefinitions(plain.containerDefinitions().get(0)
                .toBuilder().memory(1024).build()).build())).isEmpty();
    }
}
