package dev.hubwizard.ui.preferences;

import dev.hubwizard.ui.Theme;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class PreferencesFileTest {

    @TempDir
    Path home;

    @Test
    void aMissingFileGivesTheDefaults() {
        assertThat(new PreferencesFile(home.resolve("settings.yaml")).read()).isEqualTo(Preferences.DEFAULT);
    }

    @Test
    void preferencesRoundTrip() throws Exception {
        PreferencesFile file = new PreferencesFile(home.resolve("sub").resolve("settings.yaml"));
        Preferences saved = new Preferences(Theme.DARK, new WindowBounds(-1280.5, 40, 1200, 800, true));

        file.write(saved);

        assertThat(file.read()).isEqualTo(saved);
        assertThat(Files.readString(file.file())).contains("theme: dark", "window.x: -1280.5", "window.maximized: true");
    }

    @Test
    void anUnknownPositionIsNotWritten() throws Exception {
        PreferencesFile file = new PreferencesFile(home.resolve("settings.yaml"));
        file.write(new Preferences(Theme.LIGHT, WindowBounds.sized(1000, 700)));

        assertThat(Files.readString(file.file())).doesNotContain("window.x");
        assertThat(file.read().window().hasPosition()).isFalse();
        assertThat(file.read().window().width()).isEqualTo(1000);
    }

    @Test
    void keysOfOthersAreKept() throws Exception {
        Path path = home.resolve("settings.yaml");
        Files.writeString(path, "# mine\nlastProfile: team-hub\ntheme: dark\n");
        PreferencesFile file = new PreferencesFile(path);

        file.write(new Preferences(Theme.LIGHT, WindowBounds.DEFAULT));

        assertThat(Files.readString(path)).contains("lastProfile: team-hub", "theme: light");
    }

    @Test
    void aDamagedFileGivesTheDefaultsForWhatItCannotSay() throws Exception {
        Path path = home.resolve("settings.yaml");
        Files.writeString(path, "theme: purple\nwindow.width: -5\nwindow.height: lots\nwindow.x: NaN\nnot a line\n");

        Preferences read = new PreferencesFile(path).read();

        assertThat(read.theme()).isEqualTo(Theme.LIGHT);
        assertThat(read.window()).isEqualTo(WindowBounds.DEFAULT);
        Files.write(path, new byte[] {(byte) 0xff, (byte) 0xfe, 0x00});
        assertThat(new PreferencesFile(path).read()).isEqualTo(Preferences.DEFAULT);
    }
}
