package dev.hubwizard.aws;

import dev.hubwizard.testbed.PythonTests;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Lambda function that keeps a hub's CloudFront origin on its task (origin-updater/origin_updater.py) passes
 * its own pytest tests, against moto in the test's process: a failing Python test fails {@code mvn verify}, and
 * this test names it with pytest's message.
 */
class OriginUpdaterPackageTest {

    static final String ENVIRONMENT = "origin-updater-tests";

    @Test
    void theOriginUpdaterPassesItsPytestTests() throws Exception {
        Path python = PythonTests.require(ENVIRONMENT, "36-origin-updater-python.sh",
                "origin-updater/tests/requirements.txt");

        PythonTests.Report report = PythonTests.pytest(python, Path.of("origin-updater").toAbsolutePath(),
                key -> key.startsWith("AWS_") || key.equals("DISTRIBUTION_ID") || key.equals("ORIGIN_ID"));

        assertThat(report.failures()).as("pytest's failures:\n%s", report.output()).isEmpty();
        assertThat(report.exitCode()).as(report.output()).isZero();
        assertThat(report.tests()).as("tests that ran").isGreaterThanOrEqualTo(10);
    }
}
