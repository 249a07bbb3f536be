package dev.hubwizard.docker;

import dev.hubwizard.profile.Architecture;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BuiltImageTest {

    @Test
    void theVersionIsTheShortImageId() {
        String id = "sha256:1847056422f6a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5";

        assertThat(BuiltImage.versionOf(id)).isEqualTo("1847056422f6");
        assertThat(BuiltImage.versionOf("1847056422f6")).isEqualTo("1847056422f6");
        assertThat(new BuiltImage(id, "team-hub", "1847056422f6", Architecture.X86_64, 0).reference())
                .isEqualTo("team-hub:1847056422f6");
    }

    @Test
    void anythingElseIsNotAnImageId() {
        assertThatThrownBy(() -> BuiltImage.versionOf("latest")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BuiltImage.versionOf("sha256:XYZ")).isInstanceOf(IllegalArgumentException.class);
    }
}
