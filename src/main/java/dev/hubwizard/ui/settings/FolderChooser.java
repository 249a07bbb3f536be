package dev.hubwizard.ui.settings;

import javafx.stage.DirectoryChooser;
import javafx.stage.Window;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Asks the person for a folder: the system's folder dialog in the app, a scripted answer in tests. */
@FunctionalInterface
public interface FolderChooser {

    /** @param start where the dialog opens (its nearest existing folder); the chosen folder, or empty */
    Optional<Path> choose(Window owner, Path start);

    static FolderChooser javafx() {
        return (owner, start) -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("Choose the hub image folder (with its Dockerfile and jupyterhub_config.py)");
            for (Path dir = start == null ? null : start.toAbsolutePath(); dir != null; dir = dir.getParent()) {
                if (Files.isDirectory(dir)) {
                    chooser.setInitialDirectory(dir.toFile());
                    break;
                }
            }
            return Optional.ofNullable(chooser.showDialog(owner)).map(File::toPath);
        };
    }
}
