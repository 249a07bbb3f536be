package dev.hubwizard.deploy;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the hub image folder that ships with the app, for profiles that name none: inside an
 * installed app ({@code lib/app/hub-image} beside the jar), beside a built jar
 * ({@code target/../hub-image}) or in the working directory (running from the project).
 */
public final class BundledHubImage {

    private BundledHubImage() {
    }

    public static Optional<Path> locate() {
        List<Path> candidates = new ArrayList<>();
        jarDirectory().ifPresent(dir -> {
            candidates.add(dir.resolve("hub-image"));
            if (dir.getParent() != null) {
                candidates.add(dir.getParent().resolve("hub-image"));
            }
        });
        candidates.add(Path.of("hub-image").toAbsolutePath());
        return candidates.stream().filter(dir -> Files.isRegularFile(dir.resolve("Dockerfile"))).findFirst();
    }

    /** The folder the app's jar (or classes folder) is in. */
    private static Optional<Path> jarDirectory() {
        try {
            Path location = Path.of(BundledHubImage.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Optional.ofNullable(location.getParent());
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            return Optional.empty();
        }
    }
}
