package dev.hubwizard.profile;

import dev.hubwizard.engine.Problem;
import dev.hubwizard.storage.AtomicFile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The saved profiles: one YAML file per profile, {@code <name>.yaml}, in one folder.
 *
 * <ul>
 * <li>Writes are atomic (temporary file, fsync, rename) and private (mode 600); the previous file is
 *     kept as {@code <name>.yaml.bak}.
 * <li>A file that does not parse is reported and never changed: not by reading, not by listing, and
 *     not by saving unless the caller explicitly replaces it ({@link #saveOverBrokenFile}).
 * <li>Changes go through one lock, so concurrent writers in this process (the wizard's settings and a
 *     running deploy's journal) never lose each other's changes. Create one store per folder.
 * </ul>
 */
public final class ProfileStore {

    static final String EXTENSION = ".yaml";
    static final String BACKUP_SUFFIX = ".bak";

    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private final Path directory;
    private final ProfileReader reader = new ProfileReader();
    private final ProfileWriter writer = new ProfileWriter();
    private final Object lock = new Object();

    /** @param directory the profiles folder, usually {@link AppDirectories#profiles()} */
    public ProfileStore(Path directory) {
        this.directory = directory;
    }

    public Path directory() {
        return directory;
    }

    /** The file a profile of this name lives in; refuses names that are not safe file names. */
    public Path fileOf(String name) throws ProfileException {
        Optional<String> problem = ProfileValidator.profileName(name);
        if (problem.isPresent()) {
            throw new ProfileException(new Problem("'" + name + "' cannot be a profile name", problem.get(),
                    "Choose another name"), null);
        }
        return directory.resolve(name + EXTENSION);
    }

    public Path backupOf(String name) throws ProfileException {
        return directory.resolve(fileOf(name).getFileName() + BACKUP_SUFFIX);
    }

    public boolean exists(String name) {
        return ProfileValidator.profileName(name).isEmpty() && Files.isRegularFile(directory.resolve(name + EXTENSION));
    }

    /**
     * Every profile file in the folder, sorted by name: the ones that load, and one {@link ProfileEntry.Broken}
     * per file that does not, with the message saying why. Backups and temporary files are skipped.
     */
    public List<ProfileEntry> list() throws ProfileException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        List<ProfileEntry> entries = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (Path file : files) {
                entry(file).ifPresent(entries::add);
            }
        } catch (IOException e) {
            throw new ProfileException(new Problem("Cannot list the profiles", String.valueOf(e.getMessage()),
                    "Check that " + directory.toAbsolutePath() + " is a folder you may read"), directory, List.of(), e);
        }
        entries.sort(Comparator.comparing((ProfileEntry e) -> e.name().toLowerCase(Locale.ROOT))
                .thenComparing(ProfileEntry::name));
        return entries;
    }

    private Optional<ProfileEntry> entry(Path file) {
        String fileName = file.getFileName().toString();
        // Dot files are AtomicFile's temporaries (left behind if the app died mid-write) or the OS's.
        if (fileName.startsWith(".") || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        if (fileName.endsWith(".yml")) {
            String name = fileName.substring(0, fileName.length() - 4);
            return Optional.of(new ProfileEntry.Broken(name, file, new ProfileException(new Problem(
                    fileName + " is not read", "profiles end in .yaml", "Rename it to " + name + EXTENSION), file)));
        }
        if (!fileName.endsWith(EXTENSION)) {
            return Optional.empty();
        }
        String name = fileName.substring(0, fileName.length() - EXTENSION.length());
        Optional<String> badName = ProfileValidator.profileName(name);
        if (badName.isPresent()) {
            return Optional.of(new ProfileEntry.Broken(name, file, new ProfileException(new Problem(
                    fileName + " is not read", "its name cannot be a profile name: " + badName.get(),
                    "Rename the file, and the 'name:' inside it to match"), file)));
        }
        try {
            ProfileReader.Result result = reader.read(file, name);
            return Optional.of(new ProfileEntry.Loaded(name, file, result.profile(), result.schemaVersion()));
        } catch (ProfileException e) {
            return Optional.of(new ProfileEntry.Broken(name, file, e));
        }
    }

    public Profile load(String name) throws ProfileException {
        Path file = fileOf(name);
        if (!Files.isRegularFile(file)) {
            throw notFound(name, file);
        }
        return reader.read(file, name).profile();
    }

    /**
     * Writes the whole profile, deployment state included; creates it if it is new. Refuses to replace
     * a file that does not parse: the user may want to fix it by hand.
     *
     * <p>While a deploy may be running, prefer {@link #saveSettings}: this overwrites the journal with
     * whatever {@code profile} holds.
     */
    public void save(Profile profile) throws ProfileException {
        synchronized (lock) {
            Path file = fileOf(profile.name());
            Optional<byte[]> current;
            try {
                current = currentBytes(file);
                if (current.isPresent()) {
                    reader.parse(file, profile.name(), current.get());
                }
            } catch (ProfileException e) {
                if (e.mistakes().isEmpty()) {
                    throw e;
                }
                // The user may want to fix the file by hand rather than lose it to this save.
                throw new ProfileException(new Problem("Not saving over " + file.getFileName(),
                        e.problem().what() + ": " + e.problem().why(),
                        "Fix the file in a text editor, or choose to replace it (the current file is then kept"
                                + " as " + file.getFileName() + BACKUP_SUFFIX + ")"),
                        file, e.mistakes(), e);
            }
            write(file, profile, current);
        }
    }

    /** Like {@link #save}, but replaces a file that does not parse; that file is kept as the backup. */
    public void saveOverBrokenFile(Profile profile) throws ProfileException {
        synchronized (lock) {
            Path file = fileOf(profile.name());
            if (isOversized(file)) {
                // Too big to hold in memory for a copy: the file itself becomes the backup.
                moveToBackup(profile.name(), file);
                write(file, profile, Optional.empty());
            } else {
                write(file, profile, currentBytes(file));
            }
        }
    }

    /**
     * Saves the settings the user edited and keeps the deployment state that is on disk, so a deploy
     * recording resources at the same time loses none of them. A new profile is saved as it is.
     */
    public Profile saveSettings(Profile edited) throws ProfileException {
        synchronized (lock) {
            if (!exists(edited.name())) {
                save(edited);
                return edited;
            }
            return update(edited.name(), onDisk -> edited.withDeployment(onDisk.deployment()));
        }
    }

    /**
     * Read, change, write, under the store's lock: the way to change part of a profile that someone
     * else may be changing too. {@code change} must keep the name; it runs under the lock, keep it short.
     *
     * @return the profile as written
     */
    public Profile update(String name, UnaryOperator<Profile> change) throws ProfileException {
        synchronized (lock) {
            Path file = fileOf(name);
            Optional<byte[]> current = currentBytes(file);
            if (current.isEmpty()) {
                throw notFound(name, file);
            }
            Profile next = change.apply(reader.parse(file, name, current.get()).profile());
            if (!next.name().equals(name)) {
                throw new IllegalArgumentException("update() cannot rename profile '" + name + "' to '"
                        + next.name() + "'");
            }
            write(file, next, current);
            return next;
        }
    }

    /**
     * A new profile with {@code name}'s settings under {@code newName}. Its AWS resource names are
     * derived afresh from the new name and its deployment starts from {@link DeploymentState#NEW}, so
     * the copy never adopts, redeploys or tears down the original's resources.
     */
    public Profile duplicate(String name, String newName) throws ProfileException {
        synchronized (lock) {
            Profile original = load(name);
            Path file = fileOf(newName);
            if (Files.exists(file)) {
                throw new ProfileException(new Problem("Cannot copy '" + name + "' to '" + newName + "'",
                        "a profile named '" + newName + "' already exists", "Choose another name"), file);
            }
            Profile copy = original.withName(newName).withNames(ResourceNames.derivedFrom(newName))
                    .withDeployment(DeploymentState.NEW);
            write(file, copy, Optional.empty());
            return copy;
        }
    }

    /**
     * Removes a profile by renaming its file to {@code <name>.yaml.bak}, so a mistaken delete can be
     * undone by hand. Refuses while the profile still records AWS resources: without the profile
     * nothing would find them to tear them down. A file that does not parse can always be deleted.
     */
    public void delete(String name) throws ProfileException {
        synchronized (lock) {
            Path file = fileOf(name);
            if (!Files.isRegularFile(file)) {
                throw notFound(name, file);
            }
            Optional<Profile> profile = loadedOrEmpty(file, name);
            if (profile.isPresent() && !profile.get().deployment().resources().isEmpty()) {
                int count = profile.get().deployment().resources().size();
                throw new ProfileException(new Problem("Profile '" + name + "' was not deleted",
                        "it still records " + count + " AWS resource" + (count == 1 ? "" : "s")
                                + " its deploys created, and nothing else would find them to remove them",
                        "Tear the deployment down first, or delete the profile anyway to keep those resources"),
                        file);
            }
            moveToBackup(name, file);
        }
    }

    /** Deletes the profile even though AWS resources it created may remain in the account. */
    public void deleteEvenIfDeployed(String name) throws ProfileException {
        synchronized (lock) {
            Path file = fileOf(name);
            if (!Files.isRegularFile(file)) {
                throw notFound(name, file);
            }
            moveToBackup(name, file);
        }
    }

    private void moveToBackup(String name, Path file) throws ProfileException {
        try {
            Files.move(file, backupOf(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new ProfileException(new Problem("Could not move " + file.getFileName() + " to "
                    + file.getFileName() + BACKUP_SUFFIX, String.valueOf(e.getMessage()),
                    "Check that you may change files in " + directory.toAbsolutePath()), file, List.of(), e);
        }
    }

    /** The profile in {@code file}, or empty when the file does not parse. */
    private Optional<Profile> loadedOrEmpty(Path file, String name) {
        try {
            return Optional.of(reader.read(file, name).profile());
        } catch (ProfileException e) {
            return Optional.empty();
        }
    }

    /** The file's current bytes, or empty when there is no file yet; refuses a file too big to be a profile. */
    private static Optional<byte[]> currentBytes(Path file) throws ProfileException {
        return Files.exists(file) ? Optional.of(ProfileReader.readBounded(file)) : Optional.empty();
    }

    private static boolean isOversized(Path file) throws ProfileException {
        try {
            return Files.isRegularFile(file) && Files.size(file) > ProfileReader.MAX_BYTES;
        } catch (IOException e) {
            throw ProfileReader.unreadable(file, e);
        }
    }

    /** Keeps the current file as the backup, then replaces it atomically. Call under the lock. */
    private void write(Path file, Profile profile, Optional<byte[]> current) throws ProfileException {
        byte[] content = writer.write(profile).getBytes(StandardCharsets.UTF_8);
        if (current.isPresent() && Arrays.equals(current.get(), content)) {
            return;
        }
        try {
            createDirectory();
            if (current.isPresent()) {
                AtomicFile.write(file.resolveSibling(file.getFileName() + BACKUP_SUFFIX), current.get());
            }
            AtomicFile.write(file, content);
        } catch (IOException e) {
            throw new ProfileException(new Problem("Profile '" + profile.name() + "' was not saved",
                    String.valueOf(e.getMessage()), "Check that there is free space and that you may change files in "
                    + directory.toAbsolutePath() + "; the file on disk is unchanged"), file, List.of(), e);
        }
    }

    /** The folder is private to the user where the OS has modes: profiles describe the AWS account. */
    private void createDirectory() throws IOException {
        if (Files.isDirectory(directory)) {
            return;
        }
        Files.createDirectories(directory.toAbsolutePath().getParent());
        try {
            if (POSIX) {
                Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectory(directory);
            }
        } catch (FileAlreadyExistsException e) {
            // Another store or process made it first; its mode is its own business.
        }
    }

    private static ProfileException notFound(String name, Path file) {
        return new ProfileException(new Problem("There is no profile named '" + name + "'",
                file.toAbsolutePath() + " does not exist", "Pick a profile from the list, or create a new one"), file);
    }
}
