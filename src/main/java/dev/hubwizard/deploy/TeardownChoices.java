package dev.hubwizard.deploy;

import dev.hubwizard.aws.ResourceKind;

import java.util.Optional;
import java.util.Set;

/**
 * What a teardown leaves standing, by the user's choice. Whatever is kept stays on the profile's record, so a
 * later deploy reuses it and a later teardown can still delete it.
 *
 * <p>The users' files (the EFS file system and its access point) are kept unless the user typed the
 * profile's name to confirm their deletion: the only way to choices that delete them is
 * {@link #deletingFileSystem}, which checks what was typed, and {@link TeardownPlan} checks again that the
 * confirmation names the profile it tears down. Neither the wizard nor the CLI can get around it.
 */
public final class TeardownChoices {

    /** Everything the teardown can delete except the users' files, which need a typed confirmation. */
    public static final TeardownChoices DELETE_EVERYTHING = new TeardownChoices(false);
    /** As {@link #DELETE_EVERYTHING}, and the ECR repository with the hub images stays too. */
    public static final TeardownChoices KEEP_IMAGES = new TeardownChoices(true);

    private static final Set<String> FILE_SYSTEM_KINDS = Set.of(ResourceKind.FILE_SYSTEM, ResourceKind.ACCESS_POINT);

    private final boolean keepImages;
    /** The profile whose name the user typed to delete the users' files; null keeps them. */
    private final String fileSystemDeletionConfirmedFor;

    /** @param keepImages keep the ECR repository with the hub images in it; otherwise both are deleted */
    public TeardownChoices(boolean keepImages) {
        this(keepImages, null);
    }

    private TeardownChoices(boolean keepImages, String fileSystemDeletionConfirmedFor) {
        this.keepImages = keepImages;
        this.fileSystemDeletionConfirmedFor = fileSystemDeletionConfirmedFor;
    }

    /**
     * What is wrong with the confirmation typed so far, or empty when it allows deleting the users' files:
     * for a dialog that enables its button only then.
     */
    public static Optional<String> fileSystemConfirmationProblem(String profileName, String typedName) {
        if (typedName == null || typedName.isBlank()) {
            return Optional.of("Type the hub's name, " + profileName + ", to delete every file in the users' homes");
        }
        return typedName.strip().equals(profileName) ? Optional.empty()
                : Optional.of("That is not the hub's name: type " + profileName + " exactly to delete the users' files");
    }

    /**
     * These choices, and the users' files deleted too.
     *
     * @param profileName the profile being torn down
     * @param typedName   what the user typed to confirm
     * @throws IllegalArgumentException when {@code typedName} is not the profile's name
     */
    public TeardownChoices deletingFileSystem(String profileName, String typedName) {
        fileSystemConfirmationProblem(profileName, typedName).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        return new TeardownChoices(keepImages, profileName);
    }

    public boolean keepImages() {
        return keepImages;
    }

    public boolean keepFileSystem() {
        return fileSystemDeletionConfirmedFor == null;
    }

    /** Whether the deletion of the users' files was confirmed by typing this profile's name. */
    boolean fileSystemDeletionConfirmedFor(String profileName) {
        return profileName.equals(fileSystemDeletionConfirmedFor);
    }

    /** Whether resources of this journal kind stay. */
    public boolean keeps(String kind) {
        return keepImages && ResourceKind.ECR_REPOSITORY.equals(kind)
                || keepFileSystem() && FILE_SYSTEM_KINDS.contains(kind);
    }
}
