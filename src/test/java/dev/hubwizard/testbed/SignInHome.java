package dev.hubwizard.testbed;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The home folder of the sign-in tests: failsafe's {@code signin-it} execution sets HOME,
 * AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE to {@code target/signin-home}. A test that writes
 * {@code ~/.aws} refuses to run anywhere else, so it can never touch the real one.
 */
public final class SignInHome {

    private SignInHome() {
    }

    /** The test home with an empty {@code .aws}; aborts the test when HOME is not the test home. */
    public static Path fresh() throws IOException {
        String home = System.getenv("HOME");
        String config = System.getenv("AWS_CONFIG_FILE");
        boolean ours = home != null && home.endsWith("signin-home") && config != null && config.startsWith(home);
        if (!ours) {
            Assumptions.abort("This test writes ~/.aws and runs only in failsafe's signin-it execution, whose HOME is "
                    + "target/signin-home (mvn verify runs it); here HOME is " + home);
        }
        Path aws = Path.of(home, ".aws");
        if (Files.exists(aws)) {
            try (Stream<Path> walk = Files.walk(aws)) {
                for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        Files.createDirectories(aws);
        return Path.of(home);
    }
}
