package dev.hubwizard.aws;

import dev.hubwizard.engine.Cancellation;
import dev.hubwizard.engine.Intent;
import dev.hubwizard.engine.Journal;
import dev.hubwizard.engine.ProblemException;
import dev.hubwizard.engine.ResourceRecord;
import dev.hubwizard.engine.StepContext;
import software.amazon.awssdk.services.efs.model.FileSystemDescription;
import software.amazon.awssdk.services.efs.model.FileSystemNotFoundException;
import software.amazon.awssdk.services.efs.model.LifeCycleState;
import software.amazon.awssdk.services.efs.model.PerformanceMode;
import software.amazon.awssdk.services.efs.model.ThroughputMode;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static dev.hubwizard.aws.AwsCall.call;
import static dev.hubwizard.aws.AwsCall.run;

/**
 * The EFS file system that keeps users' homes across redeploys: encrypted at rest, general purpose,
 * bursting throughput (a team's notebooks; pay for what is stored, nothing provisioned). Its creation token
 * is the profile's, so a create that a dead run already made returns the same file system.
 */
public final class FileSystems {

    private static final Duration AVAILABLE_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration POLL = Duration.ofSeconds(2);

    private final AwsClients aws;
    private final ProfileTags tags;

    public FileSystems(AwsClients aws, ProfileTags tags) {
        this.aws = aws;
        this.tags = tags;
    }

    public Optional<FileSystemDescription> find(Journal journal, String name) throws ProblemException {
        return Journaled.find(journal, ResourceKind.FILE_SYSTEM, name, this::describe,
                () -> call("elasticfilesystem:DescribeFileSystems", () -> aws.efs()
                        .describeFileSystemsPaginator(r -> r.creationToken(new AwsTexts(tags.profile())
                                .fileSystemCreationToken()))
                        .fileSystems().stream().filter(f -> f.lifeCycleState() != LifeCycleState.DELETED
                                && f.lifeCycleState() != LifeCycleState.DELETING).findFirst()));
    }

    public FileSystemDescription ensure(StepContext ctx, String name)
            throws ProblemException, Cancellation.CancelledException, InterruptedException {
        FileSystemDescription fileSystem = Journaled.ensure(ctx, ResourceKind.FILE_SYSTEM, "file system", name,
                () -> find(ctx.journal(), name), id -> describe(id).isEmpty(),
                () -> {
                    String id = call("elasticfilesystem:CreateFileSystem", () -> aws.efs().createFileSystem(r -> r
                            .creationToken(new AwsTexts(tags.profile()).fileSystemCreationToken())
                            .encrypted(true)
                            .performanceMode(PerformanceMode.GENERAL_PURPOSE)
                            .throughputMode(ThroughputMode.BURSTING)
                            .tags(tags.efs(name)))).fileSystemId();
                    return FileSystemDescription.builder().fileSystemId(id).name(name)
                            .lifeCycleState(LifeCycleState.CREATING).build();
                },
                new Journaled.Identity<>() {
                    @Override
                    public String id(FileSystemDescription f) {
                        return f.fileSystemId();
                    }

                    @Override
                    public Map<String, String> attributes(FileSystemDescription f) {
                        return Map.of();
                    }

                    @Override
                    public boolean owned(FileSystemDescription f) {
                        return tags.ownedBy(ProfileTags.fromEfs(f.tags()));
                    }
                }).resource();
        if (fileSystem.lifeCycleState() != LifeCycleState.AVAILABLE) {
            String id = fileSystem.fileSystemId();
            Polling.until(ctx, "file system " + id + " to become available", AVAILABLE_TIMEOUT, POLL,
                    () -> describe(id).map(f -> f.lifeCycleState() == LifeCycleState.AVAILABLE).orElse(false));
        }
        return fileSystem;
    }

    /** How much the file system holds now, in bytes: what keeping it costs depends on it. */
    public Optional<Long> size(String fileSystemId) throws ProblemException {
        return describe(fileSystemId).map(f -> f.sizeInBytes() == null ? 0L : f.sizeInBytes().value());
    }

    /**
     * Deletes the recorded file system and every file in it (see {@link Deletion}); while mount targets are
     * still being deleted EFS refuses, and it is tried again.
     */
    public void delete(StepContext ctx, ResourceRecord record, DeletionWaits waits)
            throws ProblemException, Cancellation.CancelledException, InterruptedException {
        Deletion.delete(ctx, tags, record, "file system", () -> describe(record.id()),
                f -> ProfileTags.fromEfs(f.tags()),
                f -> Deletion.whileInUse(ctx, waits, "file system " + record.id(),
                        () -> run("elasticfilesystem:DeleteFileSystem", () -> aws.efs().deleteFileSystem(r -> r
                                .fileSystemId(record.id())))));
    }

    public Intent preview(Journal journal, String name) throws ProblemException {
        Optional<FileSystemDescription> fileSystem = find(journal, name);
        return fileSystem.isPresent()
                ? Intent.reuse("file system", name, fileSystem.get().fileSystemId() + " with the users' homes")
                : Intent.create("file system", name, "EFS, encrypted, for the users' homes (/home)");
    }

    private Optional<FileSystemDescription> describe(String id) throws ProblemException {
        return call("elasticfilesystem:DescribeFileSystems", () -> {
            try {
                return aws.efs().describeFileSystems(r -> r.fileSystemId(id)).fileSystems().stream()
                        .filter(f -> f.lifeCycleState() != LifeCycleState.DELETED).findFirst();
            } catch (FileSystemNotFoundException e) {
                return Optional.empty();
            }
        });
    }
}
