package dev.hubwizard.profile;

import dev.hubwizard.engine.ResourceRecord;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Profiles and file helpers the profile tests share. */
final class TestProfiles {

    private TestProfiles() {
    }

    /** Every field set, none to its default, with strings that YAML likes to misread. */
    static Profile full(String name) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("uri", "123456789012.dkr.ecr.eu-central-1.amazonaws.com/team/jupyterhub");
        attributes.put("looksLikeBool", "yes");
        attributes.put("looksLikeNumber", "0123");
        attributes.put("looksLikeNull", "~");
        attributes.put("colon", "a: b # not a comment");
        attributes.put("empty", "");
        attributes.put("padded", "  spaces  ");
        attributes.put("unicode", "Zürich ☃ 東京");
        attributes.put("multiline", "line one\nline two\ttabbed");
        attributes.put("quotes", "it's \"quoted\"");
        attributes.put("control", "bell\u0007end");
        List<ResourceRecord> resources = List.of(
                new ResourceRecord("ecr-repository", "arn:aws:ecr:eu-central-1:123456789012:repository/team/jupyterhub",
                        "team/jupyterhub", attributes, "repository", Instant.parse("2024-05-01T10:00:00.123456789Z")),
                new ResourceRecord("vpc", "vpc-0123456789abcdef0", "", Map.of("cidr", "10.42.0.0/16"), "network",
                        Instant.parse("2024-05-01T10:00:01Z")),
                new ResourceRecord("subnet", "subnet-0123456789abcdef0", "team-a", Map.of("zone", "eu-central-1a"),
                        "network", null));
        DeploymentState deployment = new DeploymentState(DeploymentStatus.DEPLOYED, resources,
                "123456789012.dkr.ecr.eu-central-1.amazonaws.com/team/jupyterhub:2024-05-01-1",
                "sha256:0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0",
                "arn:aws:ecs:eu-central-1:123456789012:task-definition/team-hub:7",
                "arn:aws:ecs:eu-central-1:123456789012:service/team-cluster/team-service",
                "https://hub.example.org/hub", Instant.parse("2024-05-02T11:22:33.5Z"));
        return new Profile(name, new AwsTarget("work-sso", "eu-central-1"),
                new ResourceNames("team/jupyterhub", "team-cluster", "team-service", "team-hub"),
                new TaskSize(2048, 8192, Architecture.ARM64),
                new NetworkSettings(NetworkMode.EXISTING_VPC, "vpc-0123456789abcdef0",
                        List.of("subnet-0123456789abcdef0", "subnet-0fedcba9876543210"), "203.0.113.0/24"),
                new HubSettings("/home/ana/hub-image", List.of("ana", "bo_example_org"), List.of("carl", "dee-1"),
                        SignIn.COGNITO, new CognitoSettings("team users", "team-hub-login"), 8888, true, 25),
                new Options(true, "hub.example.org", true),
                new UserServers(ServerPlacement.FARGATE, List.of(new ServerSize("Tiny (quarter)", 256, 512),
                        new ServerSize("GPU-less big", 8192, 32768)), 90, "quay.io/jupyter/scipy-notebook:2025-01-06",
                        12, true),
                new Advanced("localhost:5000", 90, "registry.example.org/base/jupyterhub:5.2.1"),
                deployment);
    }

    /** A valid profile with only what a person must choose. */
    static Profile simple(String name) {
        Profile p = Profile.named(name);
        return p.withNetwork(new NetworkSettings(NetworkMode.NEW_VPC, "", List.of(), "203.0.113.0/24"))
                .withHub(new HubSettings("hub-image", List.of("ana"), List.of("bo"), SignIn.FIRST_USE_PASSWORD,
                        CognitoSettings.NONE, 8000, false))
                .withOptions(new Options(false, "", true));
    }

    /** {@code profile} as a schema version 5 file: without the servers block version 6 added. */
    static String version5(Profile profile) throws ProfileException {
        return new ProfileWriter().write(profile).replace("schemaVersion: 6", "schemaVersion: 5")
                .replaceFirst("(?ms)^servers:\n(?:  .*?\n)+", "");
    }

    /** Bytes and modification time, to prove a file was left exactly as it was. */
    record Snapshot(Path file, byte[] bytes, FileTime modified) {

        static Snapshot of(Path file) throws IOException {
            return new Snapshot(file, Files.readAllBytes(file), Files.getLastModifiedTime(file));
        }

        /** Backdates the file first, so that any rewrite would show in its modification time. */
        static Snapshot backdated(Path file) throws IOException {
            Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2020-01-02T03:04:05Z")));
            return of(file);
        }

        void assertUnchanged() throws IOException {
            assertThat(Files.readAllBytes(file)).as("bytes of " + file).isEqualTo(bytes);
            assertThat(Files.getLastModifiedTime(file)).as("modification time of " + file).isEqualTo(modified);
        }
    }

    /** The 1-based line of the first line containing {@code text}. */
    static int lineOf(String content, String text) {
        List<String> lines = content.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError("no line contains " + text);
    }
}
