package dev.hubwizard.ui;

import dev.hubwizard.cost.CostEstimator;
import dev.hubwizard.cost.PriceList;
import dev.hubwizard.deploy.DeployTools;
import dev.hubwizard.docker.DockerClients;
import dev.hubwizard.docker.LiveContainers;
import dev.hubwizard.engine.ResourceRecord;
import dev.hubwizard.engine.Runner;
import dev.hubwizard.profile.Architecture;
import dev.hubwizard.profile.CognitoSettings;
import dev.hubwizard.profile.DeploymentState;
import dev.hubwizard.profile.DeploymentStatus;
import dev.hubwizard.profile.HubSettings;
import dev.hubwizard.profile.NetworkMode;
import dev.hubwizard.profile.NetworkSettings;
import dev.hubwizard.profile.Options;
import dev.hubwizard.profile.Profile;
import dev.hubwizard.profile.ProfileException;
import dev.hubwizard.profile.ProfileStore;
import dev.hubwizard.profile.SignIn;
import dev.hubwizard.profile.TaskSize;
import dev.hubwizard.ui.settings.AwsRegion;
import dev.hubwizard.ui.settings.SettingsLookups;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Sample hubs for UI tests and documentation screenshots: deployed, new, and a file with a mistake. */
public final class SampleHubs {

    public static final Instant NOW = Instant.parse("2025-03-14T15:00:00Z");
    public static final String CURRENT_IP = "203.0.113.7";
    public static final String BROKEN = "old-hub";

    private SampleHubs() {
    }

    public static Clock clock() {
        return Clock.fixed(NOW, ZoneId.of("UTC"));
    }

    /** A hub deployed three hours ago at a public IP, with the resources its deploy created. */
    public static Profile deployed(String name) {
        List<ResourceRecord> resources = List.of(
                new ResourceRecord("ecr-repository", "arn:aws:ecr:eu-central-1:123456789012:repository/" + name, name,
                        Map.of(), "repository", NOW.minus(Duration.ofHours(3))),
                new ResourceRecord("vpc", "vpc-0123456789abcdef0", name, Map.of(), "network",
                        NOW.minus(Duration.ofHours(3))));
        return valid(name).withDeployment(new DeploymentState(DeploymentStatus.DEPLOYED, resources,
                "123456789012.dkr.ecr.eu-central-1.amazonaws.com/" + name + ":1", "", "", "",
                "http://18.194.27.161:8000", NOW.minus(Duration.ofHours(3))));
    }

    /** A hub with every required setting filled in, not yet deployed. */
    public static Profile valid(String name) {
        Profile p = Profile.named(name);
        return p.withAws(new dev.hubwizard.profile.AwsTarget("work-sso", "eu-central-1"))
                .withTask(new TaskSize(1024, 4096, Architecture.X86_64))
                .withNetwork(new NetworkSettings(NetworkMode.NEW_VPC, "", List.of(), CURRENT_IP + "/32"))
                .withHub(new HubSettings("hub-image", List.of("ana"), List.of("bo", "carl_example_org"),
                        SignIn.FIRST_USE_PASSWORD, CognitoSettings.NONE, HubSettings.PORT, false))
                .withOptions(new Options(false, "", true));
    }

    /** Two hubs and a file with a misspelt key in the store's folder. */
    public static void populate(ProfileStore store) throws IOException, ProfileException {
        store.save(deployed("team-hub"));
        store.save(valid("course-2025").withDeployment(new DeploymentState(DeploymentStatus.FAILED, List.of(), "", "",
                "", "", "", NOW.minus(Duration.ofDays(2)))));
        store.save(valid(BROKEN));
        Path file = store.fileOf(BROKEN);
        Files.writeString(file, Files.readString(file).replace("  region:", "  regoin:"));
    }

    /** Look-ups that answer at once, as if the machine had three AWS profiles and a public address. */
    public static SettingsLookups lookups() {
        return new SettingsLookups(() -> List.of("default", "work-sso", "teaching"), () -> AwsRegion.COMMERCIAL,
                () -> Optional.of(CURRENT_IP), Path.of("hub-image"));
    }

    /** A first deploy that created a dozen resources and stopped there: the window closed, or a step failed. */
    public static Profile interrupted(String name) {
        List<ResourceRecord> resources = new java.util.ArrayList<>();
        for (String kind : List.of("ecr-repository", "vpc", "subnet", "subnet", "internet-gateway", "route-table",
                "security-group", "iam-role", "log-group", "ecs-cluster", "task-definition", "ecs-service")) {
            resources.add(new ResourceRecord(kind, kind + "-" + resources.size(), name, Map.of(), "step",
                    NOW.minus(Duration.ofMinutes(40))));
        }
        return valid(name).withDeployment(new DeploymentState(DeploymentStatus.FAILED, resources, "", "", "", "", "",
                null));
    }

    public static Services services(ProfileStore store, BackgroundWork background, Runner runner, Path logs,
                                    SettingsLookups lookups, java.util.function.Consumer<String> openUrl) {
        // No Docker and no AWS here: a wizard opened on these services finds neither and says so.
        return services(store, background, runner, logs, lookups, openUrl,
                DockerClients.forHost("unix:///nonexistent/hubwizard.sock"));
    }

    /** @param docker the Docker Engine the wizard's steps reach (one that never answers keeps a run going) */
    public static Services services(ProfileStore store, BackgroundWork background, Runner runner, Path logs,
                                    SettingsLookups lookups, java.util.function.Consumer<String> openUrl,
                                    DockerClients docker) {
        CostEstimator costs = new CostEstimator(PriceList.bundled());
        DeployTools tools = DeployTools.withDefaultWaits(docker, new LiveContainers(docker), Path.of("hub-image"));
        return new Services(store, () -> costs, lookups, openUrl, background, clock(), Path.of("hub-image"), runner,
                () -> tools, logs);
    }
}
