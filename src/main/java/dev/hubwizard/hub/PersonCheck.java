package dev.hubwizard.hub;

import dev.hubwizard.engine.Cancellation;
import dev.hubwizard.engine.StepContext;

import java.io.IOException;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;

/**
 * What a person does first on a hub, done for real: sign in, get a notebook server, run a line of Python
 * in a kernel and read its answer. Each check is reported as it starts and passes; the first that fails
 * ends the run with {@link CheckFailed}, naming it.
 */
public final class PersonCheck {

    /** Told of each check as it goes; called on the caller's thread. */
    public interface Listener {

        void started(HubCheck check);

        /** @param detail what it showed ("as alice", "printed alice 56088") */
        void passed(HubCheck check, Duration took, String detail);
    }

    /** A kernel of a freshly started server starts in seconds; a minute means something is wrong. */
    private static final Duration KERNEL_TIMEOUT = Duration.ofSeconds(60);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final HubBrowser browser;
    private final SignIn signIn;
    private final Duration serverTimeout;

    /** @param serverTimeout how long the server may take to start (the hub image's own limit is 120 s) */
    public PersonCheck(HubBrowser browser, SignIn signIn, Duration serverTimeout) {
        this.browser = browser;
        this.signIn = signIn;
        this.serverTimeout = serverTimeout;
    }

    public void run(StepContext context, Listener listener)
            throws CheckFailed, InterruptedException, Cancellation.CancelledException {
        String name = signIn.username();
        long started = begin(HubCheck.SIGNED_IN, listener, context);
        try {
            signIn.signIn(browser);
        } catch (IOException e) {
            throw unreachable(HubCheck.SIGNED_IN, e);
        }
        listener.passed(HubCheck.SIGNED_IN, since(started), "as " + name);

        started = begin(HubCheck.SERVER_STARTED, listener, context);
        URI server;
        try {
            server = new SingleUserServer(browser, name).start(serverTimeout, context);
        } catch (IOException e) {
            throw unreachable(HubCheck.SERVER_STARTED, e);
        }
        listener.passed(HubCheck.SERVER_STARTED, since(started), "at " + server.getPath());

        started = begin(HubCheck.CODE_RAN, listener, context);
        int a = 100 + RANDOM.nextInt(900);
        int b = 100 + RANDOM.nextInt(900);
        // Prints who ran it too: proof that the code ran under the person's own account.
        String code = "import getpass\nprint(getpass.getuser(), " + a + " * " + b + ")";
        String expected = name + " " + (a * b);
        String printed;
        try (Kernel kernel = Kernel.start(browser, server, name, KERNEL_TIMEOUT)) {
            kernel.awaitReady(KERNEL_TIMEOUT);
            context.throwIfCancelled();
            printed = kernel.run(code, KERNEL_TIMEOUT).strip();
        } catch (IOException e) {
            throw unreachable(HubCheck.CODE_RAN, e);
        }
        if (!printed.equals(expected)) {
            throw new CheckFailed(HubCheck.CODE_RAN, "print(getpass.getuser(), " + a + " * " + b + ") printed '"
                    + printed + "', not '" + expected + "'");
        }
        listener.passed(HubCheck.CODE_RAN, since(started), "print(getpass.getuser(), " + a + " * " + b + ") printed "
                + printed);
    }

    private static long begin(HubCheck check, Listener listener, StepContext context)
            throws Cancellation.CancelledException {
        context.throwIfCancelled();
        listener.started(check);
        return System.nanoTime();
    }

    private static Duration since(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }

    private CheckFailed unreachable(HubCheck check, IOException e) {
        return new CheckFailed(check, "the hub at " + browser.hub() + " stopped answering ("
                + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")", e);
    }
}
