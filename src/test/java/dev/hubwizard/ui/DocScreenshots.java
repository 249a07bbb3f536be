package dev.hubwizard.ui;

import dev.hubwizard.engine.Runner;
import dev.hubwizard.profile.Profile;
import dev.hubwizard.profile.ProfileStore;
import dev.hubwizard.ui.preferences.Preferences;
import dev.hubwizard.ui.preferences.PreferencesFile;
import dev.hubwizard.ui.preferences.WindowBounds;
import dev.hubwizard.ui.wizard.PageModel;
import dev.hubwizard.ui.wizard.WizardViewModel;
import javafx.application.Platform;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The screenshot harness: shows a screen of the app with sample data ({@link SampleHubs}) in a theme
 * and writes a PNG of it, rendered by JavaFX itself (no window frame). Run it under a display, e.g.
 * Xvfb, with the test class path:
 *
 * <pre>
 * mvn -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test
 * xvfb-run -a -s "-screen 0 1600x1200x24" java -cp target/test-classes:target/classes:$(cat target/test.classpath) \
 *     dev.hubwizard.ui.DocScreenshots [SCREEN|all] [light|dark|both] [OUT_DIR]
 * </pre>
 *
 * SCREEN is {@code start} or a wizard page id ({@code settings}, {@code build}, …), {@code all} for
 * the start screen and every wizard page, or {@code docs} (the default) for the screens the
 * documentation shows. Files are named {@code start-screen.png}, {@code <page-id>.png}, and
 * {@code …-dark.png} in the dark theme. A page with a view of its own appears here as soon as
 * {@link PageViews} knows it; to document it, add its id to {@link #DOCUMENTED}.
 */
public final class DocScreenshots {

    /** The screens whose pictures are in {@code docs/}. */
    static final String NEW_USER = "preflight-new-user";
    static final List<String> DOCUMENTED = List.of("start", NEW_USER);
    static final double WIDTH = 1100;
    static final double HEIGHT = 720;
    /** The settings form is long: a taller window shows more of it. */
    static final double FORM_HEIGHT = 1060;

    private DocScreenshots() {
    }

    public static void main(String[] args) throws Exception {
        String screen = args.length > 0 ? args[0] : "docs";
        String themes = args.length > 1 ? args[1] : "both";
        Path out = Path.of(args.length > 2 ? args[2] : "docs");
        Files.createDirectories(out);
        // A fixed, short folder: the broken file's message shows its path in the picture.
        Path home = Path.of(System.getProperty("java.io.tmpdir"), "hubwizard");
        ProfileStore store = new ProfileStore(home.resolve("profiles"));
        if (Files.isDirectory(store.directory())) {
            try (var files = Files.list(store.directory())) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
        }
        SampleHubs.populate(store);

        Platform.startup(() -> { });
        Platform.setImplicitExit(false); // each screen closes its window; the toolkit must outlive them
        Runner runner = Runner.withBackgroundThreads();
        try {
            List<String> screens = switch (screen) {
                case "all" -> allScreens(store, runner, home);
                case "docs" -> DOCUMENTED;
                default -> List.of(screen);
            };
            for (String name : screens) {
                for (Theme theme : themes.equals("both") ? List.of(Theme.LIGHT, Theme.DARK)
                        : List.of(Theme.named(themes).orElseThrow(() -> new IllegalArgumentException(themes)))) {
                    Path file = out.resolve(fileName(name) + (theme == Theme.DARK ? "-dark" : "") + ".png");
                    shoot(name, theme, store, runner, home, file);
                    System.out.println("saved " + file);
                }
            }
        } finally {
            runner.close();
            Platform.exit();
        }
        System.exit(0);
    }

    static String fileName(String screen) {
        return screen.equals("start") ? "start-screen" : screen;
    }

    private static List<String> allScreens(ProfileStore store, Runner runner, Path home) throws Exception {
        List<String> ids = new ArrayList<>(List.of("start"));
        onFx(() -> {
            Stage stage = new Stage();
            Navigator navigator = navigator(stage, Theme.LIGHT, store, runner, home, HEIGHT);
            WizardViewModel model = navigator.showWizard(store.load("team-hub"), false);
            model.pages().forEach(p -> ids.add(p.id()));
            stage.close();
            return null;
        });
        return ids;
    }

    /** Shows one screen in one theme, waits until it has settled, and writes its PNG. */
    static void shoot(String screen, Theme theme, ProfileStore store, Runner runner, Path home, Path file)
            throws Exception {
        Stage[] stage = new Stage[1];
        if (screen.equals(NEW_USER)) {
            // Whatever the test JVM was given, a new user has no credentials of any kind.
            List.of("aws.accessKeyId", "aws.secretAccessKey", "aws.sessionToken", "aws.endpointUrl")
                    .forEach(System::clearProperty);
        }
        onFx(() -> {
            stage[0] = new Stage();
            Navigator navigator = navigator(stage[0], theme, store, runner, home,
                    screen.equals("start") ? HEIGHT : FORM_HEIGHT);
            if (screen.equals("start")) {
                navigator.showStart();
            } else if (screen.equals(NEW_USER)) {
                // A first hub with every default, on a computer with no Docker and no AWS credentials:
                // the preflight says what is missing and how to fix it.
                Profile first = Profile.named("my-first-hub");
                store.saveSettings(first);
                navigator.showWizard(first, false);
            } else {
                WizardViewModel model = navigator.showWizard(store.load("team-hub"), false);
                PageModel page = model.pages().stream().filter(p -> p.id().equals(screen)).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("no wizard page '" + screen + "'"));
                model.show(page);
            }
            // No focus ring on whichever button happened to get the focus first.
            stage[0].getScene().getRoot().requestFocus();
            return null;
        });
        settle();
        if (screen.equals(NEW_USER)) {
            // Its checks run on sight: the picture is of what they found.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (onFx(() -> stage[0].getScene().lookup("#checks") instanceof javafx.scene.layout.Pane checks
                    && checks.getChildren().isEmpty()) && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            settle();
        }
        WritableImage image = onFx(() -> stage[0].getScene().snapshot(null));
        write(image, file);
        onFx(() -> {
            stage[0].close();
            return null;
        });
    }

    private static Navigator navigator(Stage stage, Theme theme, ProfileStore store, Runner runner, Path home,
                                       double height) {
        // Jobs run at once on the FX thread: when the screen has settled, every look-up has answered.
        BackgroundWork background = new BackgroundWork(Runnable::run, Platform::runLater);
        Services services = SampleHubs.services(store, background, runner, home.resolve("logs"), SampleHubs.lookups(),
                url -> { });
        AppWindow window = new AppWindow(stage, new PreferencesFile(home.resolve("settings.yaml")),
                new Preferences(theme, WindowBounds.sized(WIDTH, height)), background);
        return new Navigator(window, services);
    }

    /** A few pulses and a moment for CSS, layout and the results handed back with runLater. */
    static void settle() throws Exception {
        for (int i = 0; i < 5; i++) {
            onFx(() -> null);
            Thread.sleep(120);
        }
    }

    static <T> T onFx(Callable<T> work) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(work.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(30, TimeUnit.SECONDS);
    }

    interface Callable<T> {
        T call() throws Exception;
    }

    /** javafx-swing is not a dependency: the pixels are copied into an AWT image by hand. */
    static void write(WritableImage image, Path file) throws IOException {
        int width = (int) image.getWidth();
        int height = (int) image.getHeight();
        PixelReader pixels = image.getPixelReader();
        BufferedImage copy = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            pixels.getPixels(0, y, width, 1, javafx.scene.image.PixelFormat.getIntArgbInstance(), row, 0, width);
            copy.setRGB(0, y, width, 1, row, 0, width);
        }
        if (!ImageIO.write(copy, "png", file.toFile())) {
            throw new IOException("no PNG writer in this JDK");
        }
    }
}
