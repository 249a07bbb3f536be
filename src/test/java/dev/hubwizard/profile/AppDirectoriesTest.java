package dev.hubwizard.profile;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AppDirectoriesTest {

    private static final Path HOME = Path.of("/home/ana");

    @Test
    void linuxUsesTheXdgConfigFolder() {
        AppDirectories dirs = new AppDirectories(Map.of("XDG_CONFIG_HOME", "/data/config"), "Linux", HOME);
        assertThat(dirs.home()).isEqualTo(Path.of("/data/config/hubwizard"));
        assertThat(dirs.profiles()).isEqualTo(Path.of("/data/config/hubwizard/profiles"));
        assertThat(dirs.logs()).isEqualTo(Path.of("/data/config/hubwizard/logs"));
        assertThat(dirs.settingsFile()).isEqualTo(Path.of("/data/config/hubwizard/settings.yaml"));
    }

    @Test
    void linuxFallsBackToDotConfigWhenXdgIsUnsetBlankOrRelative() {
        for (Map<String, String> env : List.of(Map.<String, String>of(), Map.of("XDG_CONFIG_HOME", " "),
                Map.of("XDG_CONFIG_HOME", "relative/config"))) {
            assertThat(new AppDirectories(env, "Linux", HOME).home()).isEqualTo(Path.of("/home/ana/.config/hubwizard"));
        }
        assertThat(new AppDirectories(Map.of(), "FreeBSD", HOME).home())
                .isEqualTo(Path.of("/home/ana/.config/hubwizard"));
    }

    @Test
    void macOsUsesApplicationSupport() {
        AppDirectories dirs = new AppDirectories(Map.of("XDG_CONFIG_HOME", "/ignored"), "Mac OS X",
                Path.of("/Users/ana"));
        assertThat(dirs.home()).isEqualTo(Path.of("/Users/ana/Library/Application Support/Hub Wizard"));
        assertThat(dirs.profiles()).isEqualTo(Path.of("/Users/ana/Library/Application Support/Hub Wizard/profiles"));
    }

    @Test
    void windowsUsesAppData() {
        AppDirectories dirs = new AppDirectories(Map.of("APPDATA", "/c/Users/ana/AppData/Roaming"), "Windows 11",
                Path.of("/c/Users/ana"));
        assertThat(dirs.home()).isEqualTo(Path.of("/c/Users/ana/AppData/Roaming/Hub Wizard"));
        assertThat(new AppDirectories(Map.of(), "Windows 10", Path.of("/c/Users/ana")).home())
                .isEqualTo(Path.of("/c/Users/ana/AppData/Roaming/Hub Wizard"));
    }

    @Test
    void theOverrideWinsEverywhere() {
        for (String os : new String[] {"Linux", "Mac OS X", "Windows 11"}) {
            AppDirectories dirs = new AppDirectories(Map.of("HUBWIZARD_HOME", "/tmp/hw", "APPDATA", "/x",
                    "XDG_CONFIG_HOME", "/y"), os, HOME);
            assertThat(dirs.home()).isEqualTo(Path.of("/tmp/hw"));
            assertThat(dirs.logs()).isEqualTo(Path.of("/tmp/hw/logs"));
        }
    }

    @Test
    void thisMachineHonoursTheOverrideTheBuildSets() {
        // The build runs tests with HUBWIZARD_HOME set, so no test ever touches the user's real profiles.
        String override = System.getenv("HUBWIZARD_HOME");
        Path expected = override == null || override.isBlank() ? null : Path.of(override);
        if (expected != null) {
            assertThat(AppDirectories.ofThisMachine().home()).isEqualTo(expected);
        } else {
            assertThat(AppDirectories.ofThisMachine().home()).isAbsolute();
        }
    }
}
