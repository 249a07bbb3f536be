package dev.hubwizard.ui;

import dev.hubwizard.deploy.BundledHubImage;
import dev.hubwizard.deploy.DeployTools;
import dev.hubwizard.deploy.Deployment;
import dev.hubwizard.deploy.LocalTestApproval;
import dev.hubwizard.docker.DockerClients;
import dev.hubwizard.docker.LiveContainers;
import dev.hubwizard.engine.Runner;
import dev.hubwizard.profile.AppDirectories;
import dev.hubwizard.profile.Profile;
import dev.hubwizard.profile.ProfileException;
import dev.hubwizard.profile.ProfileStore;
import dev.hubwizard.ui.wizard.DeployController;
import dev.hubwizard.ui.wizard.PageModel;
import dev.hubwizard.ui.wizard.StepPageView;
import dev.hubwizard.ui.wizard.WizardPages;
import dev.hubwizard.ui.wizard.WizardView;
import dev.hubwizard.ui.wizard.WizardViewModel;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The desktop app: wires the wizard and shows its window. Nothing slow happens here: clients for AWS
 * and Docker are made by the steps that need them, on background threads.
 */
public final class HubWizardApp extends Application {

    public static final String TITLE = "Hub Wizard";

    private Runner runner;
    private DockerClients docker;
    private LiveContainers containers;
    private Deployment deployment;

    /** Entry point from {@code Main}, which must not extend Application to start from the class path. */
    public static void launchWizard(String[] args) {
        Application.launch(HubWizardApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        runner = Runner.withBackgroundThreads();
        AppDirectories directories = AppDirectories.ofThisMachine();
        ProfileStore store = new ProfileStore(directories.profiles());
        docker = DockerClients.fromEnvironment();
        containers = new LiveContainers(docker);
        Path imageFolder = BundledHubImage.locate().orElse(Path.of("hub-image"));
        DeployTools tools = DeployTools.withDefaultWaits(docker, containers, imageFolder);
        // Until the start screen lands: the wizard edits one profile, created on first use.
        Profile profile = Profile.named("my-hub");
        deployment = new Deployment(profile, store, tools);
        DeployController deploy = new DeployController(runner, () -> {
            try {
                if (!store.exists(profile.name())) {
                    store.save(profile);
                }
                return deployment.session();
            } catch (IOException | ProfileException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }, () -> deployment.deployPlan(LocalTestApproval.WHEN_HEALTHY), directories.logs(), profile.name());
        WizardViewModel model = new WizardViewModel(WizardPages.guide(), deploy);
        WizardView view = new WizardView(model, HubWizardApp::pageView);
        stage.setTitle(TITLE);
        stage.setScene(scene(view));
        stage.setMinWidth(900);
        stage.setMinHeight(600);
        stage.show();
    }

    @Override
    public void stop() {
        if (runner != null) {
            runner.close();
        }
        if (deployment != null) {
            deployment.close();
        }
        if (containers != null) {
            containers.removeAll();
        }
        if (docker != null) {
            try {
                docker.close();
            } catch (IOException ignored) {
                // The app is exiting; the engine drops the connection either way.
            }
        }
    }

    public static Scene scene(javafx.scene.Parent root) {
        Scene scene = new Scene(root, 1100, 720);
        scene.getStylesheets().add(Theme.LIGHT.stylesheet());
        return scene;
    }

    static javafx.scene.Node pageView(PageModel page) {
        return new StepPageView(page);
    }

}
