package dev.hubwizard.aws.signin;

import java.util.Optional;

/**
 * Asks the person for the code their MFA device shows, when AWS needs one to assume a role: a dialog in
 * the app, standard input in the CLI. Called on a background thread; may block until the person answers.
 */
@FunctionalInterface
public interface MfaCodePrompt {

    /**
     * @param profile   the AWS profile being signed in
     * @param roleArn   the role it assumes
     * @param mfaSerial the MFA device (its ARN, or a hardware device's serial number)
     * @param retry     true when the last code was not accepted
     */
    record Request(String profile, String roleArn, String mfaSerial, boolean retry) {
    }

    /** @return the code, or empty when the person cancelled */
    Optional<String> ask(Request request);

    /** Where nobody can be asked: the profile is reported as needing a code. */
    MfaCodePrompt NONE = request -> Optional.empty();

    /** What is wrong with a code as typed (six digits), or empty. */
    static Optional<String> codeProblem(String code) {
        String text = code == null ? "" : code.strip();
        return text.matches("\\d{6}") ? Optional.empty()
                : Optional.of("The code is the 6 digits your MFA device or authenticator app shows now");
    }
}
