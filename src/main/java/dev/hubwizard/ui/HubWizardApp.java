package dev.hubwizard.ui;

import dev.hubwizard.deploy.DeployPlan;
import dev.hubwizard.engine.Journal;
import dev.hubwizard.engine.JournalStore;
import dev.hubwizard.engine.Runner;
import dev.hubwizard.engine.Session;
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
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The desktop app: wires the wizard and shows its window. Nothing slow happens here: clients for AWS
 * and Docker are made by the steps that need them, on background threads.
 */
public final class HubWizardApp extends Application {

    public static final String TITLE = "Hub Wizard";

    private Runner runner;

    /** Entry point from {@code Main}, which must not extend Application to start from the class path. */
    public static void launchWizard(String[] args) {
        Application.launch(HubWizardApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        runner = Runner.withBackgroundThreads();
        DeployController deploy = new DeployController(runner, HubWizardApp::session, DeployPlan::placeholders,
                logDirectory(), "deploy");
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
    }

    public static Scene scene(javafx.scene.Parent root) {
        Scene scene = new Scene(root, 1100, 720);
        scene.getStylesheets().add(Theme.LIGHT.stylesheet());
        return scene;
    }

    static javafx.scene.Node pageView(PageModel page) {
        return new StepPageView(page);
    }

    private static Session session() {
        try {
            return new Session(new Journal(JournalStore.inMemory()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path logDirectory() {
        String home = System.getenv("HUBWIZARD_HOME");
        return home != null && !home.isBlank() ? Path.of(home, "logs")
                : Path.of(System.getProperty("user.home"), ".config", "hubwizard", "logs");
    }
}
