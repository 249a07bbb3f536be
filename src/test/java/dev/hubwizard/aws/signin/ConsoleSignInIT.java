package dev.hubwizard.aws.signin;

import dev.hubwizard.aws.AwsClients;
import dev.hubwizard.aws.AwsIdentity;
import dev.hubwizard.engine.Problem;
import dev.hubwizard.engine.ProblemException;
import dev.hubwizard.profile.AwsTarget;
import dev.hubwizard.testbed.SignInHome;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A console sign-in ({@code login_session}, from {@code aws login}) goes through the SDK's own sign-in
 * provider (the {@code signin} module on the class path), never a flow of Hub Wizard's: when its session is
 * gone the app says so plainly and offers signing in another way.
 */
class ConsoleSignInIT {

    @Test
    void anEndedConsoleSessionIsExplainedWithSignInOffered() throws Exception {
        Path home = SignInHome.fresh();
        Files.writeString(home.resolve(".aws/config"), "[profile console]\n"
                + "login_session = arn:aws:iam::111122223333:user/alice\nregion = eu-west-1\n");

        try (AwsClients aws = new AwsClients(new AwsTarget("console", "eu-west-1"))) {
            assertThatThrownBy(() -> new AwsIdentity(aws).whoAmI())
                    .isInstanceOf(ProblemException.class)
                    .satisfies(e -> {
                        Problem problem = ((ProblemException) e).problem();
                        assertThat(problem.what()).isEqualTo("Your console sign-in session has expired");
                        assertThat(problem.next()).contains("IAM Identity Center or access keys");
                        assertThat(problem.remedy()).isEqualTo(Problem.Remedy.SIGN_IN);
                        // The SDK's provider answered, not a missing module.
                        assertThat(e).hasStackTraceContaining("login_session")
                                .hasStackTraceContaining("software.amazon.awssdk.services.signin");
                    });
        }
        try (AwsSignIn signIn = AwsSignIn.forThisMachine()) {
            assertThat(signIn.profile("console")).hasValueSatisfying(p ->
                    assertThat(p.kind()).isEqualTo(SignInKind.CONSOLE));
        }
    }
}
