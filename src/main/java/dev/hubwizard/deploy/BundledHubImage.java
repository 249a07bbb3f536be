package dev.hubwizard.deploy;

import dev.hubwizard.docker.HubImageFolder;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The hub image folder that ships with the app, which a profile builds from unless it names a folder of
 * its own. The window and the command line both find it here, from where the app's code is and never
 * from the folder the app was started in: inside an installed app it is beside the jar
 * ({@code lib/app/hub-image}), for a built jar or the compiled classes of a checkout it is the project's
 * ({@code target/../hub-image}).
 */
public final class BundledHubImage {

    private BundledHubImage() {
    }

    /** The bundled folder, or where an installed app would have it when it is nowhere (so messages name a place). */
    public static Path folder() {
        Optional<Path> code = codeLocation();
        return locate(code).orElseGet(() -> candidates(code).stream().findFirst()
                .orElse(Path.of("hub-image").toAbsolutePath()));
    }

    /** The first folder beside the code (the jar or the classes folder) that has what a hub image needs. */
    static Optional<Path> locate(Optional<Path> codeLocation) {
        return candidates(codeLocation).stream().filter(dir -> HubImageFolder.problem(dir).isEmpty()).findFirst();
    }

    private static List<Path> candidates(Optional<Path> codeLocation) {
        List<Path> candidates = new ArrayList<>();
        codeLocation.map(Path::toAbsolutePath).map(Path::getParent).ifPresent(dir -> {
            candidates.add(dir.resolve("hub-image"));
            if (dir.getParent() != null) {
                candidates.add(dir.getParent().resolve("hub-image"));
            }
        });
        return candidates;
    }

    /** The app's jar, or its classes folder when it runs from a build. */
    private static Optional<Path> codeLocation() {
        try {
            return Optional.of(Path.of(BundledHubImage.class.getProtectionDomain().getCodeSource().getLocation()
                    .toURI()));
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            return Optional.empty();
        }
    }
}
