package dev.hubwizard.deploy;

import dev.hubwizard.aws.ResourceKind;

/**
 * What a teardown leaves standing, by the user's choice. Whatever is kept stays on the profile's
 * record, so a later deploy reuses it and a later teardown can still delete it.
 *
 * @param keepImages keep the ECR repository with the hub images in it; otherwise both are deleted
 */
public record TeardownChoices(boolean keepImages) {

    // The users' files on EFS will be the next choice (keepFileSystem): a component here and its
    // journal kind in keeps().

    public static final TeardownChoices DELETE_EVERYTHING = new TeardownChoices(false);
    public static final TeardownChoices KEEP_IMAGES = new TeardownChoices(true);

    /** Whether resources of this journal kind stay. */
    public boolean keeps(String kind) {
        return keepImages && ResourceKind.ECR_REPOSITORY.equals(kind);
    }
}
