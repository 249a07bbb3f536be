package dev.hubwizard.profile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The example profile and the key reference stay true to the code. */
class ProfileDocsTest {

    private static final Path EXAMPLE = Path.of("docs", "profile-example.yaml");
    private static final Path REFERENCE = Path.of("docs", "profiles.md");

    @TempDir
    Path dir;

    @Test
    void theExampleLoadsAndIsValid() throws Exception {
        Files.copy(EXAMPLE, dir.resolve("team.yaml"));

        Profile example = new ProfileStore(dir).load("team");

        assertThat(example.aws().region()).isEqualTo("eu-central-1");
        assertThat(example.hub().allowedUsers()).containsExactly("bo", "carl_example_org");
        assertThat(ProfileValidator.validate(example)).isEmpty();
    }

    @Test
    void theExampleHasEveryKeyTheAppWrites() throws Exception {
        Files.copy(EXAMPLE, dir.resolve("team.yaml"));
        ProfileStore store = new ProfileStore(dir);
        Profile example = store.load("team");
        store.saveOverBrokenFile(example.withName("copy"));

        // The example's journal is empty on purpose (a copied entry would be torn down): compare to that.
        assertThat(keyPaths(Files.readString(EXAMPLE))).containsExactlyElementsOf(
                keyPaths(Files.readString(store.fileOf("copy"))));
    }

    @Test
    void theReferenceDocumentsEveryKey() throws Exception {
        String reference = Files.readString(REFERENCE);
        String written = new ProfileWriter().write(TestProfiles.full("team"));

        Set<String> paths = keyPaths(written);

        assertThat(paths).contains("deployment.resources[].createdAt", "hub.cognito.domainPrefix");
        for (String path : paths) {
            assertThat(reference).as("docs/profiles.md documents " + path).contains("| `" + path + "` |");
        }
    }

    /** Every key in a profile file, as a path: hub.cognito.domainPrefix, deployment.resources[].kind. */
    private static Set<String> keyPaths(String yaml) {
        Set<String> paths = new LinkedHashSet<>();
        collect(new Yaml(new LoaderOptions()).compose(new StringReader(yaml)), "", paths);
        return paths;
    }

    private static void collect(Node node, String prefix, Set<String> paths) {
        if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                String path = prefix + ((ScalarNode) tuple.getKeyNode()).getValue();
                paths.add(path);
                if (!path.endsWith(".attributes")) {
                    collect(tuple.getValueNode(), path + ".", paths);
                }
            }
        } else if (node instanceof SequenceNode sequence) {
            String itemPrefix = prefix.substring(0, prefix.length() - 1) + "[].";
            sequence.getValue().forEach(item -> collect(item, itemPrefix, paths));
        }
    }
}
