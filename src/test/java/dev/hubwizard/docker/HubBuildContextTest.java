package dev.hubwizard.docker;

import dev.hubwizard.engine.ProblemException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HubBuildContextTest {

    @TempDir
    Path imageFolder;

    @Test
    void copiesTheFolderAndWritesTheUsersWithoutTouchingTheOriginal() throws Exception {
        Files.writeString(imageFolder.resolve("Dockerfile"), "FROM x\n");
        Files.writeString(imageFolder.resolve("jupyterhub_config.py"), "c = get_config()\n");
        Files.writeString(imageFolder.resolve("admin"), "someone-else\n");
        Files.createDirectories(imageFolder.resolve("extra"));
        Files.writeString(imageFolder.resolve("extra/notes.txt"), "kept");
        Path copy;

        try (HubBuildContext context = HubBuildContext.prepare(imageFolder, List.of("Alice"),
                List.of("bob", "carol@example.org", "bob"))) {
            copy = context.directory();
            assertThat(copy).isNotEqualTo(imageFolder);
            assertThat(Files.readString(copy.resolve("Dockerfile"))).isEqualTo("FROM x\n");
            assertThat(Files.readString(copy.resolve("extra/notes.txt"))).isEqualTo("kept");
            assertThat(Files.readAllLines(copy.resolve("admin"))).filteredOn(l -> !l.startsWith("#")).containsExactly("alice");
            assertThat(Files.readAllLines(copy.resolve("allowed_users"))).filteredOn(l -> !l.startsWith("#"))
                    .containsExactly("bob", "carol_example_org");
        }

        assertThat(copy).doesNotExist();
        assertThat(Files.readString(imageFolder.resolve("admin"))).isEqualTo("someone-else\n");
        assertThat(imageFolder.resolve("allowed_users")).doesNotExist();
    }

    @Test
    void invalidNamesStopItBeforeAnythingIsCopied() throws Exception {
        Files.writeString(imageFolder.resolve("Dockerfile"), "FROM x\n");

        assertThatThrownBy(() -> HubBuildContext.prepare(imageFolder, List.of("alice"), List.of("9lives", "a b")))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.problem().what()).isEqualTo("Some user names cannot be used");
                    assertThat(e.problem().why()).contains("'9lives' must start with a letter", "'a b' may only contain");
                });
    }

    @Test
    void aMissingFolderDockerfileOrConfigIsNamed() throws Exception {
        Path missing = imageFolder.resolve("nowhere");

        assertThatThrownBy(() -> HubBuildContext.prepare(missing, List.of(), List.of()))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.problem().what()).isEqualTo("The hub image folder is missing");
                    assertThat(e.problem().why()).contains(missing.toString());
                });
        assertThatThrownBy(() -> HubBuildContext.prepare(imageFolder, List.of(), List.of()))
                .isInstanceOfSatisfying(ProblemException.class,
                        e -> assertThat(e.problem().what()).isEqualTo("The hub image folder has no Dockerfile"));
        Files.writeString(imageFolder.resolve("Dockerfile"), "FROM x\n");
        assertThatThrownBy(() -> HubBuildContext.prepare(imageFolder, List.of(), List.of()))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.problem().what()).isEqualTo("The hub image folder has no jupyterhub_config.py");
                    assertThat(e.problem().next()).contains("Settings page");
                });
    }
}
