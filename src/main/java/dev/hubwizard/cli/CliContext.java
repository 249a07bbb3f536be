package dev.hubwizard.cli;

import dev.hubwizard.deploy.BundledHubImage;
import dev.hubwizard.deploy.DeployTools;
import dev.hubwizard.engine.Runner;
import dev.hubwizard.operate.HubStatusReader;
import dev.hubwizard.profile.AppDirectories;
import dev.hubwizard.profile.ProfileStore;

import java.io.PrintStream;

/**
 * What the headless commands share: where profiles and logs live, the output streams, and the
 * Docker side, built only by the commands that need it. The CLI's composition root.
 */
final class CliContext implements AutoCloseable {

    private final AppDirectories directories;
    private final ProfileStore store;
    private final PrintStream out;
    private final PrintStream err;
    private final Terminal terminal;
    private DeployTools tools;
    private Runner runner;

    CliContext(AppDirectories directories, PrintStream out, PrintStream err) {
        this(directories, System.in, System.console(), out, err);
    }

    /** @param console the terminal, when there is one (secrets are read without echo there) */
    CliContext(AppDirectories directories, java.io.InputStream in, java.io.Console console, PrintStream out,
               PrintStream err) {
        this.directories = directories;
        this.store = new ProfileStore(directories.profiles());
        this.out = out;
        this.err = err;
        this.terminal = new Terminal(console, in, err);
    }

    /** The person at the terminal: questions, secrets, MFA codes. */
    Terminal terminal() {
        return terminal;
    }

    ProfileStore store() {
        return store;
    }

    AppDirectories directories() {
        return directories;
    }

    PrintStream out() {
        return out;
    }

    PrintStream err() {
        return err;
    }

    synchronized Runner runner() {
        if (runner == null) {
            runner = Runner.withBackgroundThreads();
        }
        return runner;
    }

    /** Reads hubs' live status from AWS; the caller closes it. */
    HubStatusReader statusReader() {
        return HubStatusReader.forThisMachine();
    }

    synchronized DeployTools tools() {
        if (tools == null) {
            tools = DeployTools.forThisMachine(BundledHubImage.folder());
        }
        return tools;
    }

    @Override
    public synchronized void close() {
        if (runner != null) {
            runner.close();
        }
        if (tools != null) {
            tools.close();
        }
    }
}
