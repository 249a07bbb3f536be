package dev.hubwizard.packaging;

import dev.hubwizard.Main;
import dev.hubwizard.cli.HubWizardCommand;
import javafx.application.Platform;
import javafx.stage.Window;
import picocli.CommandLine;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The training run behind the installed app's class data sharing (CDS) archive. The installer profile
 * runs it with {@code -XX:DumpLoadedClassList}: it starts the CLI ({@code --help}) and then the wizard
 * through {@link Main}, as the launcher does, and exits once the first page has been shown and laid
 * out. The wizard runs headless (Monocle), so the build needs no display; only the few classes of the
 * GTK toolkit are missing from the list.
 * <p>
 * The list, not an archive, goes into the package: JDK 17 accepts an archive only at the absolute
 * class path it was made with, so the .deb's postinst makes it at the installed location.
 */
public final class ClassListTraining {

    private ClassListTraining() {
    }

    public static void main(String[] args) throws Exception {
        new CommandLine(new HubWizardCommand()).setOut(new PrintWriter(OutputStream.nullOutputStream()))
                .execute("--help");

        System.setProperty("glass.platform", "Monocle");
        System.setProperty("monocle.platform", "Headless");
        System.setProperty("prism.order", "sw");
        System.setProperty("prism.text", "t2k");
        Thread exitWhenShown = new Thread(() -> {
            try {
                waitForAWindow();
                Thread.sleep(1000); // the first page's CSS, layout and a few pulses
                System.exit(0);
            } catch (Exception e) {
                e.printStackTrace();
                System.exit(1);
            }
        });
        exitWhenShown.setDaemon(true);
        exitWhenShown.start();
        Main.main(new String[0]);
    }

    private static void waitForAWindow() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            CompletableFuture<Boolean> shown = new CompletableFuture<>();
            try {
                Platform.runLater(() -> shown.complete(Window.getWindows().stream().anyMatch(Window::isShowing)));
                if (shown.get(5, TimeUnit.SECONDS)) {
                    return;
                }
            } catch (IllegalStateException toolkitNotStartedYet) {
                // Platform.runLater before the toolkit runs: try again shortly.
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("the wizard showed no window within 60 s");
    }
}
