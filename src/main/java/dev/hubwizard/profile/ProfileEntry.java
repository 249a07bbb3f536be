package dev.hubwizard.profile;

import java.nio.file.Path;

/**
 * One file in the profiles folder: a profile that loaded, or a file that did not and why. Listing
 * never hides a broken file, so the user learns about it, and never fails because of one.
 */
public sealed interface ProfileEntry permits ProfileEntry.Loaded, ProfileEntry.Broken {

    /** The profile's name as the file name gives it ({@code team} for {@code team.yaml}). */
    String name();

    Path file();

    /**
     * @param schemaVersion the layout the file is written in; older than {@link ProfileReader#CURRENT_VERSION}
     *                      means it was migrated in memory and is rewritten on the next save
     */
    record Loaded(String name, Path file, Profile profile, int schemaVersion) implements ProfileEntry {

        public boolean isOlderLayout() {
            return schemaVersion < ProfileReader.CURRENT_VERSION;
        }
    }

    /** A file left exactly as it is; {@code problem} says what is wrong and how to fix it. */
    record Broken(String name, Path file, ProfileException problem) implements ProfileEntry {
    }
}
