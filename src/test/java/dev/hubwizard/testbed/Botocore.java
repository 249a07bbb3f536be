package dev.hubwizard.testbed;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * botocore (and boto3), the AWS SDK for Python, as a second, independent reader and writer of the AWS
 * files: a Python from {@code .ci/services/35-botocore.sh}'s virtualenv, or any python3 that imports it.
 */
public final class Botocore {

    /** The release .ci installs; the test prints the one it ran. */
    public static final String VERSION = "1.43.11";

    private final Path python;

    private Botocore(Path python) {
        this.python = python;
    }

    public static Botocore require() {
        Path cache = Path.of(System.getenv().getOrDefault("XDG_CACHE_HOME",
                System.getProperty("user.home") + "/.cache"));
        List<Path> candidates = new ArrayList<>();
        candidates.add(cache.resolve("hubwizard/botocore-" + VERSION + "/bin/python"));
        candidates.add(Path.of("/usr/bin/python3"));
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            candidates.add(Path.of(dir, "python3"));
        }
        for (Path candidate : candidates) {
            if (Files.isExecutable(candidate) && imports(candidate)) {
                return new Botocore(candidate);
            }
        }
        Requirements.require(false, "botocore " + VERSION + " for Python",
                "Run .ci/run once (it installs it into ~/.cache/hubwizard), or: pip install botocore==" + VERSION);
        throw new IllegalStateException("unreachable");
    }

    private static boolean imports(Path python) {
        try {
            Process process = new ProcessBuilder(python.toString(), "-c", "import botocore, boto3")
                    .redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Runs the script with these arguments and environment (plus PATH); its standard output, or a failure. */
    public String run(Path script, Map<String, String> environment, String... arguments)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(python.toString(), script.toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(k -> k.startsWith("AWS_"));
        builder.environment().putAll(environment);
        Path errors = Files.createTempFile("botocore", ".err");
        builder.redirectError(errors.toFile());
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionError("botocore script failed: " + out + Files.readString(errors));
        }
        Files.deleteIfExists(errors);
        return out.strip();
    }
}
