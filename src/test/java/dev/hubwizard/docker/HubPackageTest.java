package dev.hubwizard.docker;

import dev.hubwizard.testbed.Requirements;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hub image's Python package (hub-image/hubwizard_hub) passes its own pytest tests (hub-image/tests),
 * run with the pinned Python that .ci/services/35-hub-python.sh makes: a failing Python test fails
 * {@code mvn verify}, and this test names it with pytest's message.
 */
class HubPackageTest {

    private static final Path HUB_IMAGE = Path.of("hub-image").toAbsolutePath();

    /** Where 35-hub-python.sh makes the virtual environment: the user's cache, like moto's. */
    static Path python() {
        String cache = System.getenv("XDG_CACHE_HOME");
        Path root = cache == null || cache.isBlank() ? Path.of(System.getProperty("user.home"), ".cache") : Path.of(cache);
        return root.resolve("hubwizard").resolve("hub-image-tests").resolve("bin").resolve("python");
    }

    @Test
    void theHubPackagePassesItsPytestTests() throws Exception {
        Path python = python();
        Requirements.require(Files.isExecutable(python), "the hub package tests' Python at " + python,
                "Run .ci/run once (its block 35-hub-python.sh makes it), or: python3 -m venv "
                        + python.getParent().getParent() + " && " + python.getParent().resolve("pip")
                        + " install -r hub-image/tests/requirements.txt");
        Path report = Files.createTempFile("hub-image-pytest", ".xml");
        ProcessBuilder pytest = new ProcessBuilder(python.toString(), "-m", "pytest", "-q", "-p", "no:cacheprovider",
                "--junitxml=" + report).directory(HUB_IMAGE.toFile()).redirectErrorStream(true);
        // Nothing written into the source tree: the image's build context is this folder.
        pytest.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        pytest.environment().keySet().removeIf(k -> k.startsWith("HUB_") || k.startsWith("COGNITO_"));
        Process process = pytest.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("pytest finished").isTrue();
        try {
            List<String> failures = failures(report);
            assertThat(failures).as("pytest's failures:\n%s", output).isEmpty();
            assertThat(process.exitValue()).as(output).isZero();
            assertThat(testCount(report)).as("tests that ran").isGreaterThan(20);
        } finally {
            Files.deleteIfExists(report);
        }
    }

    /** "tests/test_config.py::test_x: AssertionError ..." for each failed or broken test. */
    private static List<String> failures(Path report) throws Exception {
        NodeList cases = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(report.toFile())
                .getElementsByTagName("testcase");
        List<String> failed = new ArrayList<>();
        for (int i = 0; i < cases.getLength(); i++) {
            Element testCase = (Element) cases.item(i);
            for (String kind : List.of("failure", "error")) {
                NodeList problems = testCase.getElementsByTagName(kind);
                if (problems.getLength() > 0) {
                    failed.add(testCase.getAttribute("classname") + "::" + testCase.getAttribute("name") + ": "
                            + ((Element) problems.item(0)).getAttribute("message"));
                }
            }
        }
        return failed;
    }

    private static int testCount(Path report) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(report.toFile())
                .getElementsByTagName("testcase").getLength();
    }
}
