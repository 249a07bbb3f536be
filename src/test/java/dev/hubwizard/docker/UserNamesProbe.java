package dev.hubwizard.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hubwizard.testbed.Requirements;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Asks the hub image's own Python (hubwizard_hub.usernames, with plain python3) about names and name files. */
final class UserNamesProbe {

    private static final Path HUB_IMAGE = Path.of("hub-image");
    private static final ObjectMapper JSON = new ObjectMapper();

    private UserNamesProbe() {
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

    /** One answer per request: a name (a JSON string) or a names file ({"file": text}). */
    static List<JsonNode> ask(List<Object> requests) throws IOException, InterruptedException {
        String script;
        try (InputStream probe = UserNamesProbe.class.getResourceAsStream("names_probe.py")) {
            script = new String(probe.readAllBytes(), StandardCharsets.UTF_8);
        }
        ProcessBuilder builder = new ProcessBuilder("python3", "-c", script)
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("PYTHONPATH", HUB_IMAGE.toAbsolutePath().toString());
        builder.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        Process process = builder.start();
        try (var in = process.getOutputStream()) {
            for (Object request : requests) {
                in.write((JSON.writeValueAsString(request) + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        List<JsonNode> answers = new ArrayList<>();
        for (String line : new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                answers.add(JSON.readTree(line));
            }
        }
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0 || answers.size() != requests.size()) {
            throw new IllegalStateException("names_probe.py failed: " + answers);
        }
        return answers;
    }
}
