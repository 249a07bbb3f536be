package dev.hubwizard.cli;

import picocli.CommandLine.Command;

/** {@code hubwizard}: with no arguments the wizard opens; with a command it runs headless. */
@Command(name = "hubwizard", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Deploys JupyterHub on AWS Fargate, redeploys it and tears it down.%n"
                + "Run without arguments to open the wizard.")
public final class HubWizardCommand implements Runnable {

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }
}
