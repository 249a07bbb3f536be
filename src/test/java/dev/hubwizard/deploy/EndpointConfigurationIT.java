package dev.hubwizard.deploy;

import dev.hubwizard.aws.AwsClients;
import dev.hubwizard.aws.AwsIdentity;
import dev.hubwizard.engine.JournalStore;
import dev.hubwizard.engine.ProblemException;
import dev.hubwizard.profile.AwsTarget;
import dev.hubwizard.testbed.MotoServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The SDK's standard endpoint settings reach every client AwsClients builds without any plumbing of
 * ours: the global one (all other ITs run on it) and the per-service one, which wins over the global.
 * Set here through their system-property twins (aws.endpointUrl, aws.endpointUrlSts), since a running
 * JVM cannot change its environment.
 */
class EndpointConfigurationIT {

    private static MotoServer moto;
    private String global;

    @BeforeAll
    static void startMoto() {
        moto = MotoServer.shared();
    }

    @BeforeEach
    void remember() {
        moto.reset();
        global = System.getProperty("aws.endpointUrl");
    }

    @AfterEach
    void restore() {
        System.setProperty("aws.endpointUrl", global);
        System.clearProperty("aws.endpointUrlSts");
    }

    @Test
    void aServiceSpecificEndpointWinsOverTheGlobalOne() throws Exception {
        // Port 9 (discard) on loopback: nothing listens, so a call that goes there fails at once.
        System.setProperty("aws.endpointUrl", "http://127.0.0.1:9");
        System.setProperty("aws.endpointUrlSts", moto.endpoint().toString());

        try (AwsClients aws = new AwsClients(new AwsTarget("", MotoServer.REGION))) {
            assertThat(new AwsIdentity(aws).whoAmI().account()).isEqualTo(MotoServer.ACCOUNT);

            RepositoryStep repository = new RepositoryStep(AwsTestBed.profile(), aws);
            assertThatThrownBy(() -> repository.run(new AwsTestBed().context(
                    AwsTestBed.session(JournalStore.inMemory()), repository.id())))
                    .isInstanceOfSatisfying(ProblemException.class,
                            e -> assertThat(e.problem().what()).isEqualTo("Could not reach AWS"));
        }
    }
}
