package dev.hubwizard.aws;

import dev.hubwizard.engine.Cancellation;
import dev.hubwizard.engine.Intent;
import dev.hubwizard.engine.Journal;
import dev.hubwizard.engine.ProblemException;
import dev.hubwizard.engine.ResourceRecord;
import dev.hubwizard.engine.StepContext;
import software.amazon.awssdk.services.efs.model.AccessPointDescription;
import software.amazon.awssdk.services.efs.model.AccessPointNotFoundException;
import software.amazon.awssdk.services.efs.model.FileSystemNotFoundException;
import software.amazon.awssdk.services.efs.model.LifeCycleState;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.hubwizard.aws.AwsCall.call;
import static dev.hubwizard.aws.AwsCall.run;

/**
 * The access point the hub's task mounts as {@code /home}: the file system's {@code /home} directory, made by
 * EFS on first use owned by root with mode 0755. It sets no POSIX user on purpose: the hub runs as root and
 * creates each person's Unix account and home ({@code adduser}), then starts their server as that person, so
 * the file system must see everyone's own uid — a fixed POSIX user would make every file everybody's. The
 * uids are pinned ({@code HUB_USER_UIDS}) so that a home keeps its owner in the next task.
 */
public final class AccessPoints {

    static final String ROOT = "/home";
    /** The tag the hub puts on each person's home folder access point: the person's name. */
    public static final String USER_TAG = "jupyterhub:user";
    /** The tag the hub puts on the shared folder's access point ({@code HUB_FARGATE_SHARED_FOLDER}). */
    public static final String SHARED_TAG = "hubwizard:shared-folder";
    static final long OWNER = 0;
    static final String PERMISSIONS = "755";
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration POLL = Duration.ofSeconds(1);

    private final AwsClients aws;
    private final ProfileTags tags;

    public AccessPoints(AwsClients aws, ProfileTags tags) {
        this.aws = aws;
        this.tags = tags;
    }

    public Optional<AccessPointDescription> find(Journal journal, String name, String fileSystemId)
            throws ProblemException {
        return Journaled.find(journal, ResourceKind.ACCESS_POINT, name, this::byId,
                () -> call("elasticfilesystem:DescribeAccessPoints", () -> {
                    try {
                        return aws.efs().describeAccessPointsPaginator(r -> r.fileSystemId(fileSystemId))
                                .accessPoints().stream()
                                .filter(a -> name.equals(a.name()) && tags.ownedBy(ProfileTags.fromEfs(a.tags())))
                                .findFirst();
                    } catch (FileSystemNotFoundException e) {
                        return Optional.empty();
                    }
                }));
    }

    public AccessPointDescription ensure(StepContext ctx, String name, String fileSystemId)
            throws ProblemException, Cancellation.CancelledException, InterruptedException {
        AccessPointDescription accessPoint = Journaled.ensure(ctx, ResourceKind.ACCESS_POINT, "access point", name,
                () -> find(ctx.journal(), name, fileSystemId), id -> byId(id).isEmpty(),
                () -> call("elasticfilesystem:CreateAccessPoint", () -> {
                    var created = aws.efs().createAccessPoint(r -> r
                            // Idempotent per file system: a run that died after this call gets the same one.
                            .clientToken(new AwsTexts(tags.profile()).accessPointToken(fileSystemId))
                            .fileSystemId(fileSystemId)
                            .rootDirectory(d -> d.path(ROOT).creationInfo(c -> c.ownerUid(OWNER).ownerGid(OWNER)
                                    .permissions(PERMISSIONS)))
                            .tags(tags.efs(name)));
                    return AccessPointDescription.builder().accessPointId(created.accessPointId()).name(name)
                            .fileSystemId(fileSystemId).lifeCycleState(created.lifeCycleState()).build();
                }),
                new Journaled.Identity<>() {
                    @Override
                    public String id(AccessPointDescription a) {
                        return a.accessPointId();
                    }

                    @Override
                    public Map<String, String> attributes(AccessPointDescription a) {
                        return Map.of("fileSystem", fileSystemId);
                    }

                    @Override
                    public boolean owned(AccessPointDescription a) {
                        return tags.ownedBy(ProfileTags.fromEfs(a.tags()));
                    }
                }).resource();
        if (accessPoint.lifeCycleState() != LifeCycleState.AVAILABLE) {
            String id = accessPoint.accessPointId();
            Polling.until(ctx, "access point " + id + " to become available", READY_TIMEOUT, POLL,
                    () -> byId(id).map(a -> a.lifeCycleState() == LifeCycleState.AVAILABLE).orElse(false));
        }
        return accessPoint;
    }

    public void delete(StepContext ctx, ResourceRecord record)
            throws ProblemException, Cancellation.CancelledException, InterruptedException {
        Deletion.delete(ctx, tags, record, "access point", () -> byId(record.id()), a -> ProfileTags.fromEfs(a.tags()),
                a -> run("elasticfilesystem:DeleteAccessPoint", () -> aws.efs().deleteAccessPoint(r -> r
                        .accessPointId(record.id()))));
    }

    /**
     * Deletes the people's home folder access points the hub made in {@code fileSystemId} (tagged with the profile and
     * {@value #USER_TAG}), and the shared folder's ({@value #SHARED_TAG}); their folders and files stay on the file
     * system, and the hub makes the same access point again for the same folder. The hub's own access point, which
     * the journal records, is not among them.
     *
     * @return how many were deleted
     */
    public int deleteUsers(StepContext ctx, String fileSystemId)
            throws ProblemException, Cancellation.CancelledException {
        List<AccessPointDescription> homes = call("elasticfilesystem:DescribeAccessPoints", () -> {
            try {
                return aws.efs().describeAccessPointsPaginator(r -> r.fileSystemId(fileSystemId)).accessPoints()
                        .stream().filter(a -> {
                            Map<String, String> carried = ProfileTags.fromEfs(a.tags());
                            return tags.ownedBy(carried)
                                    && (carried.containsKey(USER_TAG) || carried.containsKey(SHARED_TAG));
                        }).toList();
            } catch (FileSystemNotFoundException e) {
                return List.<AccessPointDescription>of();
            }
        });
        for (AccessPointDescription home : homes) {
            ctx.throwIfCancelled();
            run("elasticfilesystem:DeleteAccessPoint", () -> {
                try {
                    aws.efs().deleteAccessPoint(r -> r.accessPointId(home.accessPointId()));
                } catch (AccessPointNotFoundException gone) {
                    // Deleted meanwhile: what this call was for.
                }
            });
            ctx.log().info("Deleted access point " + home.accessPointId() + " (" + home.name() + "); the folder "
                    + home.rootDirectory().path() + " stays on " + fileSystemId);
        }
        return homes.size();
    }

    public Intent preview(Journal journal, String name, Optional<String> fileSystemId) throws ProblemException {
        Optional<AccessPointDescription> accessPoint = fileSystemId.isEmpty() ? Optional.empty()
                : find(journal, name, fileSystemId.get());
        String detail = "mounted as " + ROOT + ", homes owned by each user's pinned uid";
        return accessPoint.isPresent() ? Intent.reuse("access point", name, detail)
                : Intent.create("access point", name, detail);
    }

    private Optional<AccessPointDescription> byId(String id) throws ProblemException {
        return call("elasticfilesystem:DescribeAccessPoints", () -> {
            try {
                return aws.efs().describeAccessPoints(r -> r.accessPointId(id)).accessPoints().stream().findFirst();
            } catch (AccessPointNotFoundException | FileSystemNotFoundException e) {
                return Optional.empty();
            }
        });
    }
}
