package dev.hubwizard.docker;

import dev.hubwizard.engine.Problem;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A folder the hub image can be built from: a {@code Dockerfile} and the {@code jupyterhub_config.py} it
 * copies into the image. The build, the preflight and the settings page's folder chooser ask the same
 * question here, so that a folder one of them accepts is never refused by another.
 */
public final class HubImageFolder {

    public static final String DOCKERFILE = "Dockerfile";
    public static final String CONFIG = "jupyterhub_config.py";
    private static final String CHOOSE = "Choose the hub image folder on the Settings page (under Advanced), or use"
            + " the one that comes with Hub Wizard";

    private HubImageFolder() {
    }

    /** What keeps {@code folder} from being built; empty when it has what a hub image needs. */
    public static Optional<Problem> problem(Path folder) {
        if (!Files.isDirectory(folder)) {
            return Optional.of(new Problem("The hub image folder is missing",
                    folder + (Files.exists(folder) ? " is a file, not a folder" : " does not exist"), CHOOSE));
        }
        for (String file : new String[] {DOCKERFILE, CONFIG}) {
            if (!Files.isRegularFile(folder.resolve(file))) {
                return Optional.of(new Problem("The hub image folder has no " + file,
                        folder + " has no file " + file + ", so it is not a hub image folder", CHOOSE));
            }
        }
        return Optional.empty();
    }
}
