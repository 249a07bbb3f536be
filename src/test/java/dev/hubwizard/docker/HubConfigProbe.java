package dev.hubwizard.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hubwizard.testbed.Requirements;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the project's {@code hub-image/jupyterhub_config.py} with plain Python and stand-ins for
 * JupyterHub's classes (config_probe.py), in a folder of its own with the given {@code admin} and
 * {@code allowed_users}, and returns what it configured.
 */
final class HubConfigProbe {

    static final Path CONFIG = Path.of("hub-image", "jupyterhub_config.py");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path folder;

    HubConfigProbe(Path folder) throws IOException {
        this.folder = folder;
        Files.copy(CONFIG, folder.resolve("jupyterhub_config.py"));
        try (InputStream probe = HubConfigProbe.class.getResourceAsStream("config_probe.py")) {
            Files.copy(probe, folder.resolve("config_probe.py"));
        }
    }

    static void requirePython() {
        boolean available;
        try {
            available = new ProcessBuilder("python3", "--version").start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            available = false;
        }
        Requirements.require(available, "python3", "Install it: apt-get install python3");
    }

    HubConfigProbe files(String admin, String allowedUsers) throws IOException {
        Files.writeString(folder.resolve("admin"), admin);
        Files.writeString(folder.resolve("allowed_users"), allowedUsers);
        return this;
    }

    /**
     * @param jupyterhubMajor the JupyterHub version the stand-ins pretend to be (3 or 5)
     * @param signInNames     names to try the configured authenticator's authenticate() with
     * @param names           names to normalise and check with the config's own functions
     */
    JsonNode run(Map<String, String> environment, int jupyterhubMajor, List<String> signInNames, List<String> names)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("python3", folder.resolve("config_probe.py").toString(),
                folder.resolve("jupyterhub_config.py").toString(), String.valueOf(jupyterhubMajor)));
        command.addAll(signInNames);
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        // Only what the test sets: the developer's own HUB_* variables must not leak in.
        builder.environment().keySet().removeIf(k -> k.startsWith("HUB_") || k.startsWith("COGNITO_"));
        builder.environment().put("HUB_STATE_DIR", folder.resolve("state").toString());
        builder.environment().putAll(environment);
        Process process = builder.start();
        try (OutputStream in = process.getOutputStream()) {
            for (String name : names) {
                in.write((JSON.writeValueAsString(name) + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("config_probe.py failed: " + out);
        }
        return JSON.readTree(out);
    }

    JsonNode run(Map<String, String> environment) throws IOException, InterruptedException {
        return run(environment, 5, List.of(), List.of());
    }
}
