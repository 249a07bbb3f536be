package dev.hubwizard.docker;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PushRequestTest {

    @Test
    void theRegistryIsTheRepositoryUrisHost() {
        PushRequest request = new PushRequest("sha256:abc", "123456789012.dkr.ecr.us-east-1.amazonaws.com/team-hub",
                "1847056422f6", new RegistryCredentials("AWS", "token"));

        assertThat(request.registry()).isEqualTo("123456789012.dkr.ecr.us-east-1.amazonaws.com");
        assertThat(request.reference()).isEqualTo("123456789012.dkr.ecr.us-east-1.amazonaws.com/team-hub:1847056422f6");
        assertThat(new PushRequest("x", "127.0.0.1:5000/a/b", "t", new RegistryCredentials("AWS", "p")).registry())
                .isEqualTo("127.0.0.1:5000");
    }

    @Test
    void credentialsAreExplicitAndNeverPrinted() {
        RegistryCredentials credentials = new RegistryCredentials("AWS", "very-secret-token");

        assertThat(credentials.toString()).contains("AWS").doesNotContain("very-secret-token");
        assertThat(new PushRequest("x", "r.example/a", "t", credentials).toString()).doesNotContain("very-secret-token");
        assertThatThrownBy(() -> new PushRequest("x", "r.example/a", "t", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RegistryCredentials("AWS", "")).isInstanceOf(IllegalArgumentException.class);
    }
}
