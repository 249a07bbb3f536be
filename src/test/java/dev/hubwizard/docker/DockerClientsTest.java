package dev.hubwizard.docker;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DockerClientsTest {

    @Test
    void aGivenAddressWinsOverDockersOwnConfiguration() {
        assertThat(DockerClients.forHost("unix:///tmp/hubwizard-test.sock").dockerHost())
                .isEqualTo("unix:///tmp/hubwizard-test.sock");
    }

    @Test
    void buildingTheClientDoesNotConnect() throws Exception {
        try (DockerClients nowhere = DockerClients.forHost("unix:///tmp/hubwizard-nothing-here.sock")) {
            assertThat(nowhere.client()).isSameAs(nowhere.client());
        }
    }
}
