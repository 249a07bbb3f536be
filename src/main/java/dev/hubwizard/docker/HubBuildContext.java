package dev.hubwizard.docker;

import dev.hubwizard.engine.Problem;
import dev.hubwizard.engine.ProblemException;
import dev.hubwizard.profile.UserNames;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The hub image's build context: a temporary copy of the image folder with the profile's admins
 * and allowed users written into {@code admin} and {@code allowed_users}. The user's folder is
 * never modified; the copy is deleted on {@link #close()}.
 */
final class HubBuildContext implements AutoCloseable {

    static final String ADMIN_FILE = "admin";
    static final String ALLOWED_USERS_FILE = "allowed_users";

    private final Path directory;

    private HubBuildContext(Path directory) {
        this.directory = directory;
    }

    /** Checks the folder and the names first: nothing is copied or built when either is wrong. */
    static HubBuildContext prepare(Path imageFolder, List<String> admins, List<String> allowedUsers)
            throws ProblemException, IOException {
        List<String> problems = new ArrayList<>(UserNames.problems(admins));
        problems.addAll(UserNames.problems(allowedUsers));
        if (!problems.isEmpty()) {
            throw new ProblemException("Some user names cannot be used", String.join("; ", problems),
                    "Correct them on the Users page (letters a-z, digits, '-', '_', '@' and '.', starting with a "
                            + "letter), then build again");
        }
        Optional<Problem> folderProblem = HubImageFolder.problem(imageFolder);
        if (folderProblem.isPresent()) {
            throw new ProblemException(folderProblem.get());
        }
        Path directory = Files.createTempDirectory("hubwizard-build-");
        try {
            copy(imageFolder, directory);
            write(directory.resolve(ADMIN_FILE), "Admin user names", admins);
            write(directory.resolve(ALLOWED_USERS_FILE), "Allowed user names (admins are allowed too)", allowedUsers);
            return new HubBuildContext(directory);
        } catch (IOException | RuntimeException e) {
            delete(directory);
            throw e;
        }
    }

    Path directory() {
        return directory;
    }

    @Override
    public void close() throws IOException {
        delete(directory);
    }

    private static void write(Path file, String what, List<String> names) throws IOException {
        StringBuilder text = new StringBuilder("# " + what + ", one per line; written by Hub Wizard from the profile.\n");
        names.stream().map(UserNames::normalise).distinct().forEach(name -> text.append(name).append('\n'));
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES,
                        LinkOption.NOFOLLOW_LINKS);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void delete(Path directory) throws IOException {
        if (!Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
