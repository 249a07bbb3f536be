package dev.hubwizard.aws;

import dev.hubwizard.profile.Architecture;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.CPUArchitecture;
import software.amazon.awssdk.services.ecs.model.EFSAuthorizationConfigIAM;
import software.amazon.awssdk.services.ecs.model.EFSTransitEncryption;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.LogConfiguration;
import software.amazon.awssdk.services.ecs.model.LogDriver;
import software.amazon.awssdk.services.ecs.model.MountPoint;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.OSFamily;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.Secret;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.ecs.model.TransportProtocol;
import software.amazon.awssdk.services.ecs.model.Volume;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the hub's task definition must say: Fargate, awsvpc, one container on port 8000 logging to
 * CloudWatch. Two specs are equal exactly when ECS would run the same thing, which is how a redeploy
 * decides whether it needs a new revision.
 *
 * @param cpu          CPU units (1024 = 1 vCPU)
 * @param memory       MiB
 * @param architecture must match the image's, or the container dies with "exec format error"
 * @param image        {@code repository-uri:tag}
 * @param environment  what the hub image reads at start
 * @param secrets      more variables, by name, whose values ECS reads from Secrets Manager (the ARN) as the
 *                     task starts: they never appear in the task definition
 * @param homes        the EFS file system mounted as {@code /home}; empty: homes live and die with the task
 * @param taskRoleArn  the role the hub's own code runs with (it reads its live lists of users); empty: none
 */
public record TaskDefinitionSpec(String family, int cpu, int memory, Architecture architecture,
                                 String executionRoleArn, String image, int containerPort, String logGroup,
                                 String logRegion, Map<String, String> environment, Map<String, String> secrets,
                                 Optional<HubFileSystem> homes, String taskRoleArn) {

    public static final String CONTAINER = "hub";
    /** Streams are named {@code hub/hub/<task id>}: prefix, container, task. */
    public static final String LOG_STREAM_PREFIX = "hub";
    static final String HOMES_VOLUME = "homes";
    static final String HOMES_PATH = "/home";

    public TaskDefinitionSpec {
        environment = java.util.Collections.unmodifiableMap(new TreeMap<>(environment));
        secrets = java.util.Collections.unmodifiableMap(new TreeMap<>(secrets));
        taskRoleArn = taskRoleArn == null ? "" : taskRoleArn;
    }

    /** A hub without a task role. */
    public TaskDefinitionSpec(String family, int cpu, int memory, Architecture architecture, String executionRoleArn,
                              String image, int containerPort, String logGroup, String logRegion,
                              Map<String, String> environment, Map<String, String> secrets,
                              Optional<HubFileSystem> homes) {
        this(family, cpu, memory, architecture, executionRoleArn, image, containerPort, logGroup, logRegion,
                environment, secrets, homes, "");
    }

    /** A hub with no secrets and homes inside the task. */
    public TaskDefinitionSpec(String family, int cpu, int memory, Architecture architecture, String executionRoleArn,
                              String image, int containerPort, String logGroup, String logRegion,
                              Map<String, String> environment) {
        this(family, cpu, memory, architecture, executionRoleArn, image, containerPort, logGroup, logRegion,
                environment, Map.of(), Optional.empty());
    }

    RegisterTaskDefinitionRequest request(List<Tag> tags) {
        ContainerDefinition container = ContainerDefinition.builder()
                .name(CONTAINER)
                .image(image)
                .essential(true)
                // The only container: its hard limit is the whole task's memory, so running out of it
                // stops the container with OutOfMemoryError in its reason rather than a vaguer task error.
                .memory(memory)
                .portMappings(PortMapping.builder().containerPort(containerPort).protocol(TransportProtocol.TCP)
                        .build())
                .environment(environment.entrySet().stream()
                        .map(e -> KeyValuePair.builder().name(e.getKey()).value(e.getValue()).build()).toList())
                .secrets(secrets.entrySet().stream()
                        .map(e -> Secret.builder().name(e.getKey()).valueFrom(e.getValue()).build()).toList())
                .mountPoints(homes.stream().map(h -> MountPoint.builder().sourceVolume(HOMES_VOLUME)
                        .containerPath(HOMES_PATH).readOnly(false).build()).toList())
                .logConfiguration(awsLogs(logGroup, logRegion, LOG_STREAM_PREFIX))
                .build();
        return fargate(family, cpu, memory, architecture, executionRoleArn)
                .taskRoleArn(taskRoleArn.isEmpty() ? null : taskRoleArn)
                .containerDefinitions(container)
                .volumes(homes.stream().map(TaskDefinitionSpec::volume).toList())
                .tags(tags)
                .build();
    }

    /** CloudWatch Logs, streams named {@code <prefix>/<container>/<task id>}. */
    static LogConfiguration awsLogs(String group, String region, String streamPrefix) {
        return LogConfiguration.builder().logDriver(LogDriver.AWSLOGS).options(Map.of(
                "awslogs-group", group,
                "awslogs-region", region,
                "awslogs-stream-prefix", streamPrefix)).build();
    }

    /** What every Hub Wizard task definition is: Fargate, awsvpc, Linux on the image's architecture. */
    static RegisterTaskDefinitionRequest.Builder fargate(String family, int cpu, int memory, Architecture architecture,
                                                         String executionRoleArn) {
        return RegisterTaskDefinitionRequest.builder()
                .family(family)
                .requiresCompatibilities(Compatibility.FARGATE)
                .networkMode(NetworkMode.AWSVPC)
                .cpu(Integer.toString(cpu))
                .memory(Integer.toString(memory))
                .executionRoleArn(executionRoleArn)
                .runtimePlatform(p -> p.operatingSystemFamily(OSFamily.LINUX)
                        .cpuArchitecture(architecture == Architecture.ARM64 ? CPUArchitecture.ARM64
                                : CPUArchitecture.X86_64));
    }

    /**
     * EFS through the access point, TLS in transit (required with an access point). Access control is the
     * network's: only the hub's security group reaches the mount targets; IAM authorization would add a task
     * role for the one task that may reach it anyway.
     */
    private static Volume volume(HubFileSystem homes) {
        return Volume.builder().name(HOMES_VOLUME).efsVolumeConfiguration(e -> e
                .fileSystemId(homes.fileSystemId())
                .transitEncryption(EFSTransitEncryption.ENABLED)
                .authorizationConfig(a -> a.accessPointId(homes.accessPointId()).iam(EFSAuthorizationConfigIAM.DISABLED)))
                .build();
    }

    /** The spec a registered revision carries, or empty when it is not shaped like the hub's at all. */
    static Optional<TaskDefinitionSpec> of(TaskDefinition td) {
        if (td.containerDefinitions().size() != 1 || td.networkMode() != NetworkMode.AWSVPC) {
            return Optional.empty();
        }
        ContainerDefinition c = td.containerDefinitions().get(0);
        Integer cpu = parse(td.cpu());
        Integer memory = parse(td.memory());
        if (cpu == null || memory == null || !CONTAINER.equals(c.name()) || c.portMappings().size() != 1
                || c.portMappings().get(0).containerPort() == null || c.logConfiguration() == null
                || c.logConfiguration().logDriver() != LogDriver.AWSLOGS
                || !LOG_STREAM_PREFIX.equals(c.logConfiguration().options().get("awslogs-stream-prefix"))
                || !memory.equals(c.memory())) {
            return Optional.empty();
        }
        Architecture architecture = td.runtimePlatform() != null
                && td.runtimePlatform().cpuArchitecture() == CPUArchitecture.ARM64 ? Architecture.ARM64
                : Architecture.X86_64;
        Map<String, String> environment = new TreeMap<>();
        c.environment().forEach(e -> environment.put(e.name(), e.value()));
        Map<String, String> secrets = new TreeMap<>();
        c.secrets().forEach(e -> secrets.put(e.name(), e.valueFrom()));
        if (!homesLikeHubWizards(td, c)) {
            return Optional.empty();
        }
        Optional<HubFileSystem> homes = td.volumes().stream().findFirst().map(Volume::efsVolumeConfiguration)
                .map(efs -> new HubFileSystem(efs.fileSystemId(), efs.authorizationConfig().accessPointId()));
        return Optional.of(new TaskDefinitionSpec(td.family(), cpu, memory, architecture,
                td.executionRoleArn(), c.image(), c.portMappings().get(0).containerPort(),
                c.logConfiguration().options().get("awslogs-group"),
                c.logConfiguration().options().get("awslogs-region"), environment, secrets, homes,
                td.taskRoleArn()));
    }

    /** No volume at all, or exactly the homes volume {@link #volume} makes, mounted as {@code /home}. */
    private static boolean homesLikeHubWizards(TaskDefinition td, ContainerDefinition c) {
        if (td.volumes().isEmpty() && c.mountPoints().isEmpty()) {
            return true;
        }
        if (td.volumes().size() != 1 || c.mountPoints().size() != 1) {
            return false;
        }
        Volume volume = td.volumes().get(0);
        MountPoint mount = c.mountPoints().get(0);
        var efs = volume.efsVolumeConfiguration();
        return efs != null && efs.authorizationConfig() != null && HOMES_VOLUME.equals(volume.name())
                && HOMES_VOLUME.equals(mount.sourceVolume()) && HOMES_PATH.equals(mount.containerPath())
                && !Boolean.TRUE.equals(mount.readOnly()) && efs.transitEncryption() == EFSTransitEncryption.ENABLED
                && efs.authorizationConfig().iam() == EFSAuthorizationConfigIAM.DISABLED;
    }

    /** What differs from {@code registered}, in words for the log and the plan page. */
    List<String> differencesFrom(TaskDefinitionSpec registered) {
        List<String> differences = new ArrayList<>();
        compare(differences, "image", registered.image, image);
        compare(differences, "CPU units", registered.cpu, cpu);
        compare(differences, "memory (MiB)", registered.memory, memory);
        compare(differences, "CPU architecture", registered.architecture, architecture);
        compare(differences, "execution role", registered.executionRoleArn, executionRoleArn);
        compare(differences, "task role", registered.taskRoleArn, taskRoleArn);
        compare(differences, "port", registered.containerPort, containerPort);
        compare(differences, "log group", registered.logGroup, logGroup);
        compare(differences, "log region", registered.logRegion, logRegion);
        if (!registered.environment.equals(environment)) {
            differences.add("environment (" + String.join(", ", changedKeys(registered.environment, environment))
                    + ")");
        }
        if (!registered.secrets.equals(secrets)) {
            differences.add("secrets (" + String.join(", ", changedKeys(registered.secrets, secrets)) + ")");
        }
        compare(differences, "homes", registered.homes.map(Object::toString).orElse("in the task"),
                homes.map(Object::toString).orElse("in the task"));
        return differences;
    }

    static void compare(List<String> differences, String what, Object was, Object now) {
        if (!Objects.equals(was, now)) {
            differences.add(what + " " + was + " -> " + now);
        }
    }

    private static List<String> changedKeys(Map<String, String> was, Map<String, String> now) {
        TreeMap<String, String> keys = new TreeMap<>();
        was.forEach((k, v) -> keys.put(k, ""));
        now.forEach((k, v) -> keys.put(k, ""));
        return keys.keySet().stream().filter(k -> !Objects.equals(was.get(k), now.get(k))).toList();
    }

    static Integer parse(String number) {
        try {
            return number == null ? null : Integer.valueOf(number.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
