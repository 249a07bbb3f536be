package dev.hubwizard.ui;

import dev.hubwizard.engine.Runner;
import dev.hubwizard.profile.Options;
import dev.hubwizard.profile.Profile;
import dev.hubwizard.profile.ProfileStore;
import dev.hubwizard.ui.preferences.Preferences;
import dev.hubwizard.ui.preferences.PreferencesFile;
import dev.hubwizard.ui.preferences.WindowBounds;
import dev.hubwizard.ui.settings.SettingsPage;
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
 * SCREEN is {@code start} or a wizard page id ({@code settings}, {@code build}, …), one of the states
 * below ({@code hub-interrupted}, {@code settings-people}, …), {@code all} for the start screen and every
 * wizard page, or {@code docs} (the default) for the screens the documentation shows. Files are named {@code start-screen.png}, {@code <page-id>.png}, and
 * {@code …-dark.png} in the dark theme. A page with a view of its own appears here as soon as
 * {@link PageViews} knows it; to document it, add its id to {@link #DOCUMENTED}.
 */
public final class DocScreenshots {

    /** The screens whose pictures are in {@code docs/}. */
    static final String NEW_USER = "preflight-new-user";
    /** A hub whose first deploy stopped half-way, opened again. */
    static final String INTERRUPTED = "hub-interrupted";
    /** A new hub for a class: how many people and from where, and the size that follows. */
    static final String PEOPLE = "settings-people";
    /** The hub image folder, chosen in a folder dialog, without the hub's config in it. */
    static final String IMAGE_FOLDER = "settings-image-folder";
    /** A class whose servers each run in their own Fargate task: the sizes, the idle timeout and the hub's size. */
    static final String SERVERS = "settings-servers";
    /** "Show details": a failed run's log in the app. */
    static final String LOG_VIEW = "log-view";
    /** A deployed hub's users editor, a name being typed that the hub would refuse. */
    static final String USERS_EDITOR = "users-editor";
    /** Day two: deployed hubs' live states, as AWS tells them ({@link SampleOperations}). */
    static final String LIVE = "start-screen-live";
    /** A deployed hub's own log. */
    static final String HUB_LOG = "hub-log";
    static final String INTERRUPTED_HUB = "summer-school";
    static final List<String> DOCUMENTED = List.of("start", NEW_USER, INTERRUPTED, PEOPLE, SERVERS, IMAGE_FOLDER, LOG_VIEW,
            LIVE, HUB_LOG, USERS_EDITOR);
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
        store.save(SampleHubs.interrupted(INTERRUPTED_HUB));

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
        boolean live = screen.equals(LIVE) || screen.equals(HUB_LOG);
        ProfileStore liveStore = new ProfileStore(home.resolve("live-profiles"));
        SampleOperations operations = live ? livePopulated(liveStore) : null;
        onFx(() -> {
            stage[0] = new Stage();
            Navigator navigator = live ? navigator(stage[0], theme, liveStore, runner, home, HEIGHT, operations)
                    : navigator(stage[0], theme, store, runner, home, screen.equals("start") ? HEIGHT : FORM_HEIGHT);
            if (live) {
                navigator.showStart();
                if (screen.equals(HUB_LOG)) {
                    navigator.showLogs(liveStore.load(SampleOperations.RUNNING));
                }
            } else if (screen.equals("start")) {
                navigator.showStart();
            } else if (screen.equals(NEW_USER)) {
                // A first hub with every default, on a computer with no Docker and no AWS credentials:
                // the preflight says what is missing and how to fix it.
                Profile first = Profile.named("my-first-hub");
                store.saveSettings(first);
                navigator.showWizard(first, false);
            } else if (screen.equals(INTERRUPTED)) {
                navigator.showWizard(store.load(INTERRUPTED_HUB), false);
            } else if (screen.equals(PEOPLE)) {
                // A teacher's new hub: 25 people, typed; the size and the reach follow.
                SettingsPage settings = newHubSettings(navigator, store, Profile.named("class-2025"));
                settings.peopleProperty().set("25");
                settings.adminsProperty().set("ms_rivera");
                settings.allowedUsersProperty().set("ada\ngrace\nalan\nkatherine");
            } else if (screen.equals(SERVERS)) {
                // A class of 30, each person's server in its own task; the hub's own task shrinks.
                SettingsPage settings = newHubSettings(navigator, store, Profile.named("class-2025")
                        .withOptions(Options.NEW_HUB.withKeepUserFiles(true)));
                settings.peopleProperty().set("30");
                settings.adminsProperty().set("ms_rivera");
                settings.placementProperty().set(dev.hubwizard.profile.ServerPlacement.FARGATE);
                settings.sharedFolderProperty().set(true);
            } else if (screen.equals(IMAGE_FOLDER)) {
                WizardViewModel model = navigator.showWizard(store.load("team-hub"), false);
                SettingsPage settings = (SettingsPage) page(model, SettingsPage.ID);
                model.show(settings);
                Path folder = Files.createDirectories(home.resolve("my-hub-image"));
                Files.writeString(folder.resolve("Dockerfile"), "FROM quay.io/jupyterhub/jupyterhub:5.5.0\n");
                settings.chooseImageFolder(folder);
                settings.focus("hub.imageFolder");
            } else if (screen.equals(USERS_EDITOR)) {
                navigator.showStart();
                new dev.hubwizard.ui.users.UsersWindow(() -> stage[0], () -> theme,
                        new BackgroundWork(Runnable::run, Platform::runLater), p -> new SampleUsers(),
                        java.time.Clock.systemDefaultZone()).show(store.load("team-hub"));
            } else if (screen.equals(LOG_VIEW)) {
                navigator.showStart();
                new dev.hubwizard.ui.log.LogViewer(() -> stage[0], () -> theme, new BackgroundWork(Runnable::run,
                        Platform::runLater), url -> { }).show(sampleLog(home));
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
        if (screen.equals(NEW_USER) || screen.equals(INTERRUPTED)) {
            // The preflight checks on sight: the picture is of what it found, not of "Checking…".
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (onFx(() -> stage[0].getScene().lookup("#checks") instanceof javafx.scene.layout.Pane checks
                    && checks.getChildren().isEmpty()) && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            settle();
        }
        boolean ownWindow = screen.equals(LOG_VIEW) || screen.equals(HUB_LOG) || screen.equals(USERS_EDITOR);
        javafx.stage.Window shown = ownWindow ? onFx(() -> javafx.stage.Window.getWindows().stream()
                .filter(w -> w != stage[0] && w.isShowing()).findFirst().orElseThrow()) : stage[0];
        if (screen.equals(SERVERS)) {
            // The form scrolled to the users' servers, laid out as shown: their section at the top.
            onFx(() -> {
                javafx.scene.control.ScrollPane form = (javafx.scene.control.ScrollPane) stage[0].getScene()
                        .lookup("#settings-view");
                javafx.scene.Node section = stage[0].getScene().lookup("#section-servers");
                double top = form.getContent().sceneToLocal(section.localToScene(section.getBoundsInLocal())).getMinY();
                double range = form.getContent().getBoundsInLocal().getHeight() - form.getViewportBounds().getHeight();
                form.setVvalue(Math.min(1, (top - 12) / range));
                return null;
            });
            settle();
        }
        if (screen.equals(IMAGE_FOLDER) || screen.equals(LOG_VIEW) || screen.equals(USERS_EDITOR) || live) {
            settle();
        }
        if (screen.equals(USERS_EDITOR)) {
            // A name the hub would refuse, typed after the hub's lists arrived: the reason shows, Apply waits.
            onFx(() -> {
                ((javafx.scene.control.TextArea) shown.getScene().lookup("#users-allowed")).appendText("\n9lives");
                return null;
            });
            settle();
        }
        WritableImage image = onFx(() -> shown.getScene().snapshot(null));
        write(image, file);
        onFx(() -> {
            shown.hide();
            stage[0].close();
            return null;
        });
    }

    /** A new hub's settings page, shown in the wizard. */
    private static SettingsPage newHubSettings(Navigator navigator, ProfileStore store, Profile hub) throws Exception {
        store.saveSettings(hub);
        WizardViewModel model = navigator.showWizard(hub, false);
        SettingsPage settings = (SettingsPage) page(model, SettingsPage.ID);
        model.show(settings);
        return settings;
    }

    private static PageModel page(WizardViewModel model, String id) {
        return model.pages().stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow();
    }

    /** The log of a build that failed, as the wizard writes it. */
    private static Path sampleLog(Path home) throws Exception {
        Path path = home.resolve("logs/team-hub-20250314-150000.log");
        java.time.Instant at = SampleHubs.NOW;
        try (dev.hubwizard.engine.LogFile log = new dev.hubwizard.engine.LogFile(path)) {
            String[][] lines = {
                    {"preflight", "INFO", "✔ Docker: Docker 27.5.1 is running (linux/x86_64)"},
                    {"preflight", "INFO", "✔ AWS credentials: AWS profile 'work-sso' sign in to account 123456789012"},
                    {"build", "INFO", "step running"},
                    {"build", "INFO", "Building team-hub from /home/ana/hub-image for X86_64 (linux/amd64)"},
                    {"build", "INFO", "Step 1/9 : FROM quay.io/jupyterhub/jupyterhub:5.5.0"},
                    {"build", "INFO", "Step 4/9 : RUN pip install --no-cache-dir -r requirements.txt"},
                    {"build", "WARN", "WARNING: Retrying (Retry(total=4)) after connection broken"},
                    {"build", "ERROR", "The hub image did not build: RUN pip install --no-cache-dir -r"
                            + " requirements.txt returned a non-zero code: 1"},
                    {"build", "INFO", "step failed after 48210 ms"},
            };
            for (int i = 0; i < lines.length; i++) {
                log.log(new dev.hubwizard.engine.LogLine(at.plusSeconds(i * 3L), lines[i][0],
                        dev.hubwizard.engine.LogLevel.valueOf(lines[i][1]), lines[i][2]));
            }
        }
        return path;
    }

    /** The live sample hubs in a folder of their own, emptied first. */
    private static SampleOperations livePopulated(ProfileStore store) throws Exception {
        if (Files.isDirectory(store.directory())) {
            try (var files = Files.list(store.directory())) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
        }
        return SampleOperations.populate(store);
    }

    private static Navigator navigator(Stage stage, Theme theme, ProfileStore store, Runner runner, Path home,
                                       double height, SampleOperations operations) {
        BackgroundWork background = new BackgroundWork(Runnable::run, Platform::runLater);
        Services offline = SampleHubs.services(store, background, runner, home.resolve("logs"), SampleHubs.lookups(),
                url -> { });
        Services services = new Services(offline.profiles(), offline.costs(), offline.lookups(), offline.openUrl(),
                background, offline.clock(), offline.hubImageFolder(), runner, offline.tools(), offline.logDirectory(),
                operations);
        AppWindow window = new AppWindow(stage, new PreferencesFile(home.resolve("settings.yaml")),
                new Preferences(theme, WindowBounds.sized(WIDTH, height)), background);
        return new Navigator(window, services);
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
