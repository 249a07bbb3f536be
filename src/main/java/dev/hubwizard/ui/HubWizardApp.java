package dev.hubwizard.ui;

import dev.hubwizard.cost.CostEstimator;
import dev.hubwizard.cost.PriceList;
import dev.hubwizard.aws.AwsConfigProfiles;
import dev.hubwizard.aws.AwsRegions;
import dev.hubwizard.aws.CheckIp;
import dev.hubwizard.deploy.BundledHubImage;
import dev.hubwizard.deploy.DeployTools;
import dev.hubwizard.engine.Runner;
import dev.hubwizard.operate.AwsHubOperations;
import dev.hubwizard.operate.HubStatusReader;
import dev.hubwizard.profile.AppDirectories;
import dev.hubwizard.profile.ProfileStore;
import dev.hubwizard.ui.preferences.Preferences;
import dev.hubwizard.ui.preferences.PreferencesFile;
import dev.hubwizard.ui.settings.AwsRegion;
import dev.hubwizard.ui.settings.SettingsLookups;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * The desktop app's composition root: builds the services, shows the start screen. Nothing slow
 * happens on the FX thread: the preferences file is read in {@link #init()} (on the launcher thread,
 * before the window exists), profiles are listed in the background, and clients for AWS and Docker
 * are made by the steps that need them, on background threads.
 */
public final class HubWizardApp extends Application {

    public static final String TITLE = "Hub Wizard";

    private AppDirectories directories;
    private PreferencesFile preferencesFile;
    private Preferences preferences;
    private Path hubImageFolder;
    private Runner runner;
    private DeployTools tools;
    private AppWindow window;
    private AwsHubOperations operations;

    /** Entry point from {@code Main}, which must not extend Application to start from the class path. */
    public static void launchWizard(String[] args) {
        Application.launch(HubWizardApp.class, args);
    }

    @Override
    public void init() {
        directories = AppDirectories.ofThisMachine();
        preferencesFile = new PreferencesFile(directories.settingsFile());
        preferences = preferencesFile.read();
        hubImageFolder = BundledHubImage.folder();
    }

    @Override
    public void start(Stage stage) {
        runner = Runner.withBackgroundThreads();
        BackgroundWork background = BackgroundWork.daemonThreads();
        Supplier<CostEstimator> costs = memoized(() -> new CostEstimator(PriceList.bundled()));
        SettingsLookups lookups = new SettingsLookups(
                () -> AwsConfigProfiles.list().stream().map(AwsConfigProfiles.AwsProfile::name).toList(),
                () -> AwsRegions.all().stream().map(r -> new AwsRegion(r.id(), r.name())).toList(),
                CheckIp::currentAddress, hubImageFolder);
        ProfileStore profiles = new ProfileStore(directories.profiles());
        Supplier<DeployTools> tools = memoized(this::deployTools);
        operations = new AwsHubOperations(profiles, tools, runner, HubStatusReader.forThisMachine(),
                directories.logs());
        Services services = new Services(profiles, costs, lookups, getHostServices()::showDocument, background,
                Clock.systemDefaultZone(), hubImageFolder, runner, tools, directories.logs(), operations);
        window = new AppWindow(stage, preferencesFile, preferences, background);
        // The window first, its content a pulse later: building the start screen loads a few hundred
        // classes, and the window should not wait for them.
        Label opening = new Label(TITLE);
        opening.getStyleClass().add("brand");
        window.show(new StackPane(opening), TITLE);
        Navigator navigator = new Navigator(window, services);
        Platform.runLater(() -> {
            navigator.showStart();
            // Parse the price list while the user reads the start screen, not when the settings page opens.
            background.run(costs::get, estimator -> { }, failure -> { });
        });
    }

    /** The Docker side, made by the first run that needs it: never on the FX thread, never at start-up. */
    private synchronized DeployTools deployTools() {
        tools = DeployTools.forThisMachine(hubImageFolder);
        return tools;
    }

    @Override
    public void stop() {
        if (window != null) {
            try {
                window.savePreferences();
            } catch (IOException e) {
                System.getLogger(HubWizardApp.class.getName()).log(System.Logger.Level.WARNING,
                        "Could not save the window's size and theme to " + preferencesFile.file(), e);
            }
        }
        if (runner != null) {
            runner.close();
        }
        if (operations != null) {
            operations.close();
        }
        closeDocker();
    }

    /** No container of a local test outlives the app. */
    private synchronized void closeDocker() {
        if (tools != null) {
            tools.close();
        }
    }

    private static <T> Supplier<T> memoized(Supplier<T> make) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = make.get();
                }
                return value;
            }
        };
    }
}
