package dev.hubwizard.aws;

import dev.hubwizard.profile.Architecture;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** A registered revision compares equal to the spec it came from, and any meaningful change shows. */
class TaskDefinitionSpecTest {

    private static final TaskDefinitionSpec SPEC = new TaskDefinitionSpec("team-hub", 1024, 2048,
            Architecture.X86_64, "arn:aws:iam::123456789012:role/ecsTaskExecutionRole",
            "123456789012.dkr.ecr.us-east-1.amazonaws.com/team-hub:1", 8000, "/ecs/team-hub", "us-east-1",
            Map.of("HUB_ALLOWED_USERS", "ada,grace", "HUB_SIGN_IN", "first-use"));

    /** What DescribeTaskDefinition gives back for a request: the request's fields plus ECS's defaults. */
    private static TaskDefinition registered(RegisterTaskDefinitionRequest request) {
        return TaskDefinition.builder().family(request.family()).revision(3)
                .taskDefinitionArn("arn:aws:ecs:us-east-1:123456789012:task-definition/team-hub:3")
                .cpu(request.cpu()).memory(request.memory()).networkMode(request.networkMode())
                .executionRoleArn(request.executionRoleArn()).runtimePlatform(request.runtimePlatform())
                .requiresCompatibilities(request.requiresCompatibilities())
                .containerDefinitions(request.containerDefinitions().stream()
                        .map(c -> c.toBuilder().cpu(0).mountPoints(List.of()).volumesFrom(List.of())
                                .environment(reversed(c.environment())).build())
                        .toList())
                .build();
    }

    /** ECS does not promise to keep the environment's order. */
    private static List<KeyValuePair> reversed(List<KeyValuePair> environment) {
        List<KeyValuePair> copy = new ArrayList<>(environment);
        Collections.reverse(copy);
        return copy;
    }

    @Test
    void aRevisionRegisteredFromTheSpecEqualsIt() {
        assertThat(TaskDefinitionSpec.of(registered(SPEC.request(List.of())))).contains(SPEC);
    }

    @Test
    void differencesAreNamed() {
        TaskDefinitionSpec arm = new TaskDefinitionSpec("team-hub", 2048, 4096, Architecture.ARM64,
                SPEC.executionRoleArn(), SPEC.image().replace(":1", ":2"), 8000, "/ecs/team-hub", "us-east-1",
                Map.of("HUB_ALLOWED_USERS", "ada", "HUB_SIGN_IN", "first-use"));

        assertThat(arm.differencesFrom(SPEC)).containsExactly(
                "image " + SPEC.image() + " -> " + arm.image(), "CPU units 1024 -> 2048",
                "memory (MiB) 2048 -> 4096", "CPU architecture X86_64 -> ARM64", "environment (HUB_ALLOWED_USERS)");
        assertThat(SPEC.differencesFrom(SPEC)).isEmpty();
    }

    /** With Cognito and kept files: a secret by ARN (never its value) and the EFS volume as /home. */
    private static final TaskDefinitionSpec TEAM = new TaskDefinitionSpec("team-hub", 1024, 2048, Architecture.X86_64,
            "arn:aws:iam::123456789012:role/hubwizard-team-hub-execution", SPEC.image(), 8000, "/ecs/team-hub",
            "us-east-1", Map.of("HUB_SIGN_IN", "cognito", "HUB_USER_UIDS", "ada=2001"),
            Map.of("COGNITO_CLIENT_SECRET", "arn:aws:secretsmanager:us-east-1:123456789012:secret:x-AbCdEf"),
            Optional.of(new HubFileSystem("fs-1", "fsap-1")));

    @Test
    void secretsAndTheHomesVolumeSurviveTheRoundTrip() {
        RegisterTaskDefinitionRequest request = TEAM.request(List.of());
        TaskDefinition registered = registered(request).toBuilder().volumes(request.volumes())
                .containerDefinitions(request.containerDefinitions()).build();

        assertThat(TaskDefinitionSpec.of(registered)).contains(TEAM);
        var container = request.containerDefinitions().get(0);
        assertThat(container.environment()).extracting(KeyValuePair::name).doesNotContain("COGNITO_CLIENT_SECRET");
        assertThat(container.secrets()).singleElement().satisfies(s -> assertThat(s.valueFrom()).startsWith("arn:"));
        assertThat(container.mountPoints()).singleElement().satisfies(m -> assertThat(m.containerPath())
                .isEqualTo("/home"));
        var efs = request.volumes().get(0).efsVolumeConfiguration();
        assertThat(efs.transitEncryptionAsString()).isEqualTo("ENABLED");
        assertThat(efs.authorizationConfig().accessPointId()).isEqualTo("fsap-1");
    }

    @Test
    void aNewFileSystemOrSecretIsANewRevision() {
        TaskDefinitionSpec moved = new TaskDefinitionSpec(TEAM.family(), TEAM.cpu(), TEAM.memory(), TEAM.architecture(),
                TEAM.executionRoleArn(), TEAM.image(), 8000, TEAM.logGroup(), TEAM.logRegion(), TEAM.environment(),
                Map.of("COGNITO_CLIENT_SECRET", "arn:aws:secretsmanager:us-east-1:123456789012:secret:y-AbCdEf"),
                Optional.of(new HubFileSystem("fs-2", "fsap-2")));

        assertThat(moved.differencesFrom(TEAM)).containsExactly("secrets (COGNITO_CLIENT_SECRET)",
                "homes HubFileSystem[fileSystemId=fs-1, accessPointId=fsap-1] -> "
                        + "HubFileSystem[fileSystemId=fs-2, accessPointId=fsap-2]");
    }

    @Test
    void aDefinitionNotShapedLikeTheHubsIsNeverEqual() {
        TaskDefinition twoContainers = registered(SPEC.request(List.of())).toBuilder()
                .containerDefinitions(SPEC.request(List.of()).containerDefinitions().get(0),
                        SPEC.request(List.of()).containerDefinitions().get(0).toBuilder().name("sidecar").build())
                .build();

        assertThat(TaskDefinitionSpec.of(twoContainers)).isEmpty();
    }
}
