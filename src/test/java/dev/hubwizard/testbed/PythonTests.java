package dev.hubwizard.testbed;

import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The project's Python, tested with pytest from {@code mvn verify}: a virtual environment that a block of
 * {@code .ci/services/} makes in the user's cache, and a pytest run in one folder whose JUnit report says which
 * tests failed and why.
 */
public final class PythonTests {

    /** What pytest said: its output, and each failed or broken test with its message. */
    public record Report(String output, int exitCode, List<String> failures, int tests) {
    }

    private PythonTests() {
    }

    /** {@code ~/.cache/hubwizard/NAME/bin/python} (or under {@code XDG_CACHE_HOME}), where the CI block makes it. */
    public static Path python(String environment) {
        String cache = System.getenv("XDG_CACHE_HOME");
        Path root = cache == null || cache.isBlank() ? Path.of(System.getProperty("user.home"), ".cache")
                : Path.of(cache);
        return root.resolve("hubwizard").resolve(environment).resolve("bin").resolve("python");
    }

    /** The environment's Python, or (under CI=true: a failure) a skip that says which block makes it. */
    public static Path require(String environment, String ciBlock, String requirements) {
        Path python = python(environment);
        Requirements.require(Files.isExecutable(python), "the Python of " + python.getParent().getParent(),
                "Run .ci/run once (its block " + ciBlock + " makes it), or: python3 -m venv "
                        + python.getParent().getParent() + " && " + python.getParent().resolve("pip")
                        + " install -r " + requirements);
        return python;
    }

    /**
     * Runs pytest in {@code folder} with nothing written into it, and without the environment variables that
     * {@code dropped} matches (a test's own settings must not leak in).
     */
    public static Report pytest(Path python, Path folder, Predicate<String> dropped) throws Exception {
        Path report = Files.createTempFile("pytest", ".xml");
        try {
            ProcessBuilder pytest = new ProcessBuilder(python.toString(), "-m", "pytest", "-q", "-p", "no:cacheprovider",
                    "--junitxml=" + report).directory(folder.toFile()).redirectErrorStream(true);
            pytest.environment().put("PYTHONDONTWRITEBYTECODE", "1");
            pytest.environment().keySet().removeIf(dropped);
            Process process = pytest.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("pytest did not finish in 5 minutes:\n" + output);
            }
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
            return new Report(output, process.exitValue(), failed, cases.getLength());
        } finally {
            Files.deleteIfExists(report);
        }
    }
}
