package dev.hubwizard.aws;

import dev.hubwizard.profile.Architecture;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.CPUArchitecture;
import software.amazon.awssdk.services.ecs.model.LogDriver;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.ecs.model.TransportProtocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the users' task definition must say, the one the hub starts each person's server from: Fargate, awsvpc, one
 * container {@code notebook} of the single-user image on Jupyter's port, logging to the hub's log group, and no task
 * role (users' servers get no AWS permissions). The hub gives the command and JupyterHub's variables as overrides
 * at RunTask, and the chosen size as task-level overrides: so the container has no memory limit of its own, which
 * would hold every size to the default's.
 *
 * @param cpu    the default size's CPU units (the profile's first size)
 * @param memory its MiB
 */
public record UserTaskDefinitionSpec(String family, int cpu, int memory, Architecture architecture,
                                     String executionRoleArn, String image, String logGroup, String logRegion) {

    /** {@code HUB_FARGATE_CONTAINER}'s default, which the hub image reads. */
    public static final String CONTAINER = "notebook";
    /** Streams are named {@code user/notebook/<task id>}. */
    public static final String LOG_STREAM_PREFIX = "user";

    RegisterTaskDefinitionRequest request(List<Tag> tags) {
        ContainerDefinition container = ContainerDefinition.builder()
                .name(CONTAINER)
                .image(image)
                .essential(true)
                .portMappings(PortMapping.builder().containerPort(SecurityGroups.USER_PORT)
                        .protocol(TransportProtocol.TCP).build())
                .logConfiguration(TaskDefinitionSpec.awsLogs(logGroup, logRegion, LOG_STREAM_PREFIX))
                .build();
        return TaskDefinitionSpec.fargate(family, cpu, memory, architecture, executionRoleArn)
                .containerDefinitions(container)
                .tags(tags)
                .build();
    }

    /** The spec a registered revision carries, or empty when it is not shaped like the users' at all. */
    static Optional<UserTaskDefinitionSpec> of(TaskDefinition td) {
        if (td.containerDefinitions().size() != 1 || td.networkMode() != NetworkMode.AWSVPC
                || !td.volumes().isEmpty() || (td.taskRoleArn() != null && !td.taskRoleArn().isEmpty())) {
            return Optional.empty();
        }
        ContainerDefinition c = td.containerDefinitions().get(0);
        Integer cpu = parse(td.cpu());
        Integer memory = parse(td.memory());
        if (cpu == null || memory == null || !CONTAINER.equals(c.name()) || c.memory() != null
                || c.portMappings().size() != 1
                || !Integer.valueOf(SecurityGroups.USER_PORT).equals(c.portMappings().get(0).containerPort())
                || c.logConfiguration() == null || c.logConfiguration().logDriver() != LogDriver.AWSLOGS
                || !LOG_STREAM_PREFIX.equals(c.logConfiguration().options().get("awslogs-stream-prefix"))
                || !c.environment().isEmpty() || !c.mountPoints().isEmpty()) {
            return Optional.empty();
        }
        Architecture architecture = td.runtimePlatform() != null
                && td.runtimePlatform().cpuArchitecture() == CPUArchitecture.ARM64 ? Architecture.ARM64
                : Architecture.X86_64;
        return Optional.of(new UserTaskDefinitionSpec(td.family(), cpu, memory, architecture, td.executionRoleArn(),
                c.image(), c.logConfiguration().options().get("awslogs-group"),
                c.logConfiguration().options().get("awslogs-region")));
    }

    /** What differs from {@code registered}, in words for the log and the plan page. */
    List<String> differencesFrom(UserTaskDefinitionSpec registered) {
        List<String> differences = new ArrayList<>();
        compare(differences, "image", registered.image, image);
        compare(differences, "CPU units", registered.cpu, cpu);
        compare(differences, "memory (MiB)", registered.memory, memory);
        compare(differences, "CPU architecture", registered.architecture, architecture);
        compare(differences, "execution role", registered.executionRoleArn, executionRoleArn);
        compare(differences, "log group", registered.logGroup, logGroup);
        compare(differences, "log region", registered.logRegion, logRegion);
        return differences;
    }

    private static void compare(List<String> differences, String what, Object was, Object now) {
        TaskDefinitionSpec.compare(differences, what, was, now);
    }

    private static Integer parse(String number) {
        return TaskDefinitionSpec.parse(number);
    }
}
