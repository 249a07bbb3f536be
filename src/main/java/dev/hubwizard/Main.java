package dev.hubwizard;

import dev.hubwizard.cli.HubWizardCommand;
import dev.hubwizard.ui.HubWizardApp;
import dev.hubwizard.profile.AppDirectories;

/**
 * Starts the wizard, or a headless command when given arguments. Deliberately not a JavaFX
 * Application, so that {@code java -jar hubwizard.jar} works from the class path.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            HubWizardApp.launchWizard(args);
            return;
        }
        System.exit(HubWizardCommand.execute(args, AppDirectories.ofThisMachine(), System.out, System.err));
    }
}
