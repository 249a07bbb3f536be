package dev.hubwizard.cli;

import dev.hubwizard.aws.signin.MfaCodePrompt;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The person at the terminal: questions go to stderr (stdout stays for results), answers come from the
 * console when there is one (secrets without echo) or from standard input when it is piped.
 */
final class Terminal implements MfaCodePrompt {

    private final Console console;
    private final BufferedReader in;
    private final PrintStream err;

    Terminal(Console console, InputStream in, PrintStream err) {
        this.console = console;
        this.in = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        this.err = err;
    }

    /** A line, or empty at the end of the input. */
    synchronized Optional<String> ask(String question) {
        if (console != null) {
            return Optional.ofNullable(console.readLine("%s", question)).map(String::strip);
        }
        err.print(question);
        err.flush();
        return readLine();
    }

    /** A secret: not echoed on a console; read as it comes from a pipe. */
    synchronized Optional<String> askSecret(String question) {
        if (console != null) {
            char[] secret = console.readPassword("%s", question);
            return secret == null ? Optional.empty() : Optional.of(new String(secret).strip());
        }
        err.print(question);
        err.flush();
        return readLine();
    }

    private Optional<String> readLine() {
        try {
            return Optional.ofNullable(in.readLine()).map(String::strip);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<String> ask(Request request) {
        String again = request.retry() ? "AWS did not accept that code. " : "";
        return ask(again + "MFA code for " + request.roleArn() + " (device " + request.mfaSerial() + "): ")
                .filter(code -> !code.isBlank());
    }
}
