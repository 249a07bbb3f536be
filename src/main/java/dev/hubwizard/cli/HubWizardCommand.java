package dev.hubwizard.cli;

import dev.hubwizard.aws.signin.AwsSignIn;
import dev.hubwizard.engine.ProblemException;
import dev.hubwizard.profile.AppDirectories;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintStream;

/** {@code hubwizard}: with no arguments the wizard opens; with a command it runs headless. */
@Command(name = "hubwizard", mixinStandardHelpOptions = true, versionProvider = Version.class,
        // Inherited: `hubwizard teardown --help` must print help, not "missing --profile".
        scope = CommandLine.ScopeType.INHERIT,
        description = "Deploys JupyterHub on AWS Fargate, redeploys, pauses and resumes it, shows its status and logs,"
                + " and tears it down.%n"
                + "Run without arguments to open the wizard.",
        footer = {"", "Exit codes: 0 done, 1 failed, 2 wrong usage, 3 profile missing or invalid, 130 cancelled."})
public final class HubWizardCommand implements Runnable {

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /** Runs the command line and returns the exit code; the CLI's composition root. */
    public static int execute(String[] args, AppDirectories directories, PrintStream out, PrintStream err) {
        return execute(args, directories, System.in, System.console(), out, err);
    }

    /** @param console the terminal when there is one ({@code System.console()}); null when input is piped */
    public static int execute(String[] args, AppDirectories directories, java.io.InputStream in,
                              java.io.Console console, PrintStream out, PrintStream err) {
        try (CliContext context = new CliContext(directories, in, console, out, err)) {
            CommandLine commandLine = new CommandLine(new HubWizardCommand())
                    .addSubcommand("profiles", new ProfilesCommand(context))
                    .addSubcommand("deploy", new DeployCommand(context, false))
                    .addSubcommand("redeploy", new DeployCommand(context, true))
                    .addSubcommand("status", new StatusCommand(context))
                    .addSubcommand("users", new UsersCommand(context))
                    .addSubcommand("pause", new PowerCommand(context, false))
                    .addSubcommand("resume", new PowerCommand(context, true))
                    .addSubcommand("logs", new LogsCommand(context, java.time.Duration.ofSeconds(5)))
                    .addSubcommand("teardown", new TeardownCommand(context))
                    .addSubcommand("login", new LoginCommand(context, AwsSignIn::forThisMachine,
                            SystemBrowser::open));
            commandLine.getSubcommands().get("redeploy").getCommandSpec().usageMessage().description(
                    "Deploy again after a change: rebuild, push only a changed image, register a task definition "
                            + "only when it changed, update the service. Says so when nothing changed.");
            commandLine.getSubcommands().get("resume").getCommandSpec().usageMessage().description(
                    "Resume a paused hub: its service runs one task again; waits until the hub answers and prints its"
                            + " address (a new one without a stable address).");
            // Set here, not in the annotation: the folder is known only now. picocli formats footers
            // itself, so a '%' in the path is doubled.
            String profilesLine = "Profiles live in " + directories.profiles().toString().replace("%", "%%")
                    + "; see docs/profiles.md to write one by hand.";
            String[] footer = commandLine.getCommandSpec().usageMessage().footer();
            commandLine.getCommandSpec().usageMessage().footer(footer[0], profilesLine, footer[1]);
            commandLine.setOut(new java.io.PrintWriter(out, true));
            commandLine.setErr(new java.io.PrintWriter(err, true));
            commandLine.setExecutionExceptionHandler((e, cl, parsed) -> {
                err.println(ProblemException.of(e).text());
                return ExitCodes.FAILED;
            });
            return commandLine.execute(args);
        }
    }
}
