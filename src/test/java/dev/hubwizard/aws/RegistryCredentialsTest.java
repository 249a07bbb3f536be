package dev.hubwizard.aws;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class RegistryCredentialsTest {

    @Test
    void theHostIsTheEndpointWithoutSchemeOrSlash() {
        assertThat(new RegistryCredentials("https://123456789012.dkr.ecr.us-east-1.amazonaws.com", "AWS", "secret!!",
                Instant.EPOCH).host()).isEqualTo("123456789012.dkr.ecr.us-east-1.amazonaws.com");
        assertThat(new RegistryCredentials("127.0.0.1:5000/", "AWS", "secret!!", Instant.EPOCH).host())
                .isEqualTo("127.0.0.1:5000");
    }

    @Test
    void thePasswordNeverShowsInText() {
        assertThat(new RegistryCredentials("https://r.example", "AWS", "hunter2-long-password", Instant.EPOCH))
                .asString().doesNotContain("hunter2-long-password").contains("****");
    }
}
