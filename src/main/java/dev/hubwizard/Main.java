package dev.hubwizard;

import dev.hubwizard.cli.HubWizardCommand;
import dev.hubwizard.ui.HubWizardApp;
import picocli.CommandLine;

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
        System.exit(new CommandLine(new HubWizardCommand()).execute(args));
    }
}
