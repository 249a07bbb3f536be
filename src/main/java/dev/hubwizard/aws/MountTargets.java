package dev.hubwizard.aws;

import dev.hubwizard.engine.Cancellation;
import dev.hubwizard.engine.Intent;
import dev.hubwizard.engine.ProblemException;
import dev.hubwizard.engine.ResourceRecord;
import dev.hubwizard.engine.StepContext;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.efs.model.FileSystemNotFoundException;
import software.amazon.awssdk.services.efs.model.LifeCycleState;
import software.amazon.awssdk.services.efs.model.MountTargetDescription;
import software.amazon.awssdk.services.efs.model.MountTargetNotFoundException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static dev.hubwizard.aws.AwsCall.call;
import static dev.hubwizard.aws.AwsCall.run;

/**
 * The file system's mount targets: one in each availability zone of the hub's subnets (EFS allows one per
 * zone, and a task mounts the one in its own zone), behind the file system's security group. Mount targets
 * carry no tags: one is this profile's when its file system is. They live in the hub's VPC, so they go with
 * every teardown (the file system itself may stay); mount targets left in another VPC after the network
 * changed are deleted first, since all of a file system's mount targets must share one VPC.
 */
public final class MountTargets {

    private static final Duration READY_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration POLL = Duration.ofSeconds(2);

    private final AwsClients aws;
    private final Subnets subnets;

    public MountTargets(AwsClients aws, ProfileTags tags) {
        this.aws = aws;
        this.subnets = new Subnets(aws, tags);
    }

    public List<MountTargetDescription> ensure(StepContext ctx, String fileSystemId, HubNetwork network)
            throws ProblemException, Cancellation.CancelledException, InterruptedException {
        Map<String, String> wanted = onePerZone(network.subnetIds());
        List<MountTargetDescription> existing = describe(fileSystemId);
        for (MountTargetDescription stale : existing) {
            if (!network.vpcId().equals(stale.vpcId())) {
                ctx.log().info("Deleting mount target " + stale.mountTargetId() + " in VPC " + stale.vpcId()
                        + ": the hub's network is now VPC " + network.vpcId());
                deleteAndWait(ctx, stale.mountTargetId());
                ctx.journal().forget(ResourceKind.MOUNT_TARGET, stale.mountTargetId());
            }
        }
        List<MountTargetDescription> result = new ArrayList<>();
        for (Map.Entry<String, String> zone : wanted.entrySet()) {
            Optional<MountTargetDescription> current = existing.stream()
                    .filter(m -> network.vpcId().equals(m.vpcId()) && zone.getKey().equals(m.availabilityZoneName()))
                    .findFirst();
            if (current.isPresent()) {
                MountTargetDescription target = current.get();
                if (ctx.journal().findById(ResourceKind.MOUNT_TARGET, target.mountTargetId()).isEmpty()) {
                    // Its file system is this profile's: a run that died before recording it made it.
                    record(ctx, target.mountTargetId(), fileSystemId, target.subnetId());
                }
                checkGroups(ctx, target, network.fileSystemSecurityGroupId());
                result.add(target);
                continue;
            }
            String subnet = zone.getValue();
            MountTargetDescription created = call("elasticfilesystem:CreateMountTarget", () -> {
                var response = aws.efs().createMountTarget(r -> r.fileSystemId(fileSystemId).subnetId(subnet)
                        .securityGroups(network.fileSystemSecurityGroupId()));
                return MountTargetDescription.builder().mountTargetId(response.mountTargetId())
                        .fileSystemId(fileSystemId).subnetId(subnet).availabilityZoneName(zone.getKey())
                        .lifeCycleState(response.lifeCycleState()).build();
            });
            record(ctx, created.mountTargetId(), fileSystemId, subnet);
            ctx.log().info("Created mount target " + created.mountTargetId() + " in " + subnet + " (" + zone.getKey()
                    + ")");
            result.add(created);
        }
        Polling.until(ctx, "the mount targets of " + fileSystemId + " to become available", READY_TIMEOUT, POLL,
                () -> describe(fileSystemId).stream().filter(m -> network.vpcId().equals(m.vpcId()))
                        .allMatch(m -> m.lifeCycleState() == LifeCycleState.AVAILABLE));
        return result;
    }

    /** Deletes the recorded mount target and waits until it is gone (its network interface holds the subnet). */
    public void delete(StepContext ctx, ResourceRecord record)
            throws ProblemException, Cancellation.CancelledException, InterruptedException {
        if (byId(record.id()).isEmpty()) {
            Deletion.gone(ctx, record, "mount target");
            return;
        }
        deleteAndWait(ctx, record.id());
        ctx.journal().forget(record.kind(), record.id());
        ctx.log().info("Deleted " + Deletion.describe("mount target", record));
    }

    /** @param subnetIds the hub's subnets, or empty when the network is not known yet */
    public List<Intent> preview(Optional<String> fileSystemId, List<String> subnetIds) throws ProblemException {
        List<MountTargetDescription> existing = fileSystemId.isPresent() ? describe(fileSystemId.get()) : List.of();
        Set<String> zones = new HashSet<>(existing.stream().map(MountTargetDescription::availabilityZoneName).toList());
        Set<String> wanted = subnetIds.isEmpty() ? zones : onePerZone(subnetIds).keySet();
        List<Intent> intents = new ArrayList<>();
        for (String zone : wanted) {
            if (zones.contains(zone)) {
                intents.add(Intent.reuse("mount target", zone, "NFS for the hub's task in " + zone));
            } else {
                intents.add(Intent.create("mount target", zone, "NFS for the hub's task in " + zone));
            }
        }
        if (wanted.isEmpty()) {
            intents.add(Intent.create("mount target", "one per zone", "NFS for the hub's task, TLS in transit"));
        }
        return intents;
    }

    private void record(StepContext ctx, String id, String fileSystemId, String subnet) {
        ctx.recordCreated(ResourceKind.MOUNT_TARGET, id, fileSystemId + " in " + subnet,
                Map.of("fileSystem", fileSystemId, "subnet", subnet));
    }

    private void checkGroups(StepContext ctx, MountTargetDescription target, String groupId) throws ProblemException {
        List<String> groups = call("elasticfilesystem:DescribeMountTargetSecurityGroups", () -> aws.efs()
                .describeMountTargetSecurityGroups(r -> r.mountTargetId(target.mountTargetId())).securityGroups());
        if (!new HashSet<>(groups).equals(Set.of(groupId))) {
            run("elasticfilesystem:ModifyMountTargetSecurityGroups", () -> aws.efs().modifyMountTargetSecurityGroups(r -> r
                    .mountTargetId(target.mountTargetId()).securityGroups(groupId)));
            ctx.log().info("Mount target " + target.mountTargetId() + " now uses security group " + groupId);
        }
    }

    private void deleteAndWait(StepContext ctx, String mountTargetId)
            throws ProblemException, Cancellation.CancelledException, InterruptedException {
        try {
            run("elasticfilesystem:DeleteMountTarget", () -> aws.efs().deleteMountTarget(r -> r
                    .mountTargetId(mountTargetId)));
        } catch (ProblemException e) {
            if (!AwsProblems.isNotFound(e)) {
                throw e;
            }
        }
        Polling.until(ctx, "mount target " + mountTargetId + " to be deleted", READY_TIMEOUT, POLL,
                () -> byId(mountTargetId).isEmpty());
    }

    /** The first subnet of each zone, in the network's order: zone → subnet. */
    private Map<String, String> onePerZone(List<String> subnetIds) throws ProblemException {
        Map<String, String> zones = new LinkedHashMap<>();
        List<Subnet> found = subnets.byIds(subnetIds);
        for (String id : subnetIds) {
            found.stream().filter(s -> s.subnetId().equals(id)).findFirst()
                    .ifPresent(s -> zones.putIfAbsent(s.availabilityZone(), id));
        }
        return zones;
    }

    private List<MountTargetDescription> describe(String fileSystemId) throws ProblemException {
        return call("elasticfilesystem:DescribeMountTargets", () -> {
            try {
                return aws.efs().describeMountTargetsPaginator(r -> r.fileSystemId(fileSystemId)).mountTargets()
                        .stream().filter(m -> m.lifeCycleState() != LifeCycleState.DELETED).toList();
            } catch (FileSystemNotFoundException e) {
                return List.of();
            }
        });
    }

    private Optional<MountTargetDescription> byId(String id) throws ProblemException {
        return call("elasticfilesystem:DescribeMountTargets", () -> {
            try {
                return aws.efs().describeMountTargets(r -> r.mountTargetId(id)).mountTargets().stream()
                        .filter(m -> m.lifeCycleState() != LifeCycleState.DELETED).findFirst();
            } catch (MountTargetNotFoundException e) {
                return Optional.empty();
            }
        });
    }
}
