package dev.hubwizard.cli;

import dev.hubwizard.engine.ResourceRecord;
import dev.hubwizard.operate.HubStatus;
import dev.hubwizard.operate.HubStatusReader;
import dev.hubwizard.profile.DeploymentState;
import dev.hubwizard.profile.HubStanding;
import dev.hubwizard.profile.Profile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/**
 * {@code hubwizard status}: what the profile knows (state, URL, image, task definition, resources by
 * kind) and, unless {@code --offline}, where the hub stands in AWS right now (running and answering, starting,
 * paused, stopped unexpectedly and why, not answering, deleted outside the app), as the start screen shows it.
 */
@Command(name = "status", description = "Show a profile's deployment: state, URL, image, resources; and where the hub stands in AWS now.")
final class StatusCommand implements Callable<Integer> {

    private final CliContext context;

    @Mixin
    ProfileOption target;

    @Option(names = "--offline", description = "Do not ask AWS or the hub; show only what the profile records.")
    boolean offline;

    StatusCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws InterruptedException {
        Optional<Profile> loaded = ProfileLoader.load(context, target.name, false);
        if (loaded.isEmpty()) {
            return ExitCodes.BROKEN_PROFILE;
        }
        Profile profile = loaded.get();
        DeploymentState state = profile.deployment();
        var out = context.out();
        out.println("Profile:         " + profile.name() + " (" + profile.aws().region() + ")");
        out.println("State:           " + ProfilesCommand.words(HubStanding.of(state)));
        out.println("Last deployed:   " + (state.deployedAt() == null ? "never" : state.deployedAt()));
        out.println("URL:             " + (state.url().isBlank() ? "-" : state.url()));
        out.println("Image:           " + (state.imageTag().isBlank() ? "-" : state.imageTag()));
        out.println("Task definition: " + (state.taskDefinitionArn().isBlank() ? "-" : state.taskDefinitionArn()));
        Map<String, Integer> kinds = new TreeMap<>();
        state.resources().forEach(r -> kinds.merge(r.kind(), 1, Integer::sum));
        out.println("Resources:       " + (kinds.isEmpty() ? "none" : kinds.toString().replaceAll("[{}]", "")));
        if (offline) {
            return ExitCodes.OK;
        }
        if (HubStatusReader.hasService(profile)) {
            try (HubStatusReader reader = context.statusReader()) {
                return live(reader.read(profile));
            }
        }
        if (state.url().isBlank()) {
            return ExitCodes.OK;
        }
        return checkHub(URI.create(state.url()));
    }

    /** What AWS and the hub say now; a hub that is not where it should be is a failure for scripts. */
    private int live(HubStatus status) {
        var out = context.out();
        out.println("Now:             " + status.state().words() + " (checked " + status.checkedAt() + ")");
        out.println("                 " + status.detail());
        if (!status.url().isEmpty()) {
            out.println("Answers at:      " + status.url());
        }
        out.println("Users' servers:  " + status.servers().map(String::valueOf).orElse("not shown: "
                + (status.serversNote().isEmpty() ? "the hub is not running" : status.serversNote())));
        return switch (status.state()) {
            case ANSWERING, STARTING, PAUSED, PAUSING -> ExitCodes.OK;
            default -> ExitCodes.FAILED;
        };
    }

    private int checkHub(URI url) throws InterruptedException {
        URI health = url.resolve("/hub/health");
        try {
            HttpResponse<Void> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build()
                    .send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(10)).build(),
                            HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() == 200) {
                context.out().println("Hub:             answers at " + url);
                return ExitCodes.OK;
            }
            context.err().println("The hub answered HTTP " + response.statusCode() + " at " + health
                    + ": it may be starting; try again in a minute, or redeploy.");
        } catch (java.io.IOException e) {
            context.err().println("The hub does not answer at " + health + " (" + e.getMessage() + "). If it was "
                    + "redeployed its address may have changed; run `hubwizard redeploy --profile " + target.name
                    + "` to find it.");
        }
        return ExitCodes.FAILED;
    }

    static String describe(ResourceRecord record) {
        return record.kind() + " " + record.id();
    }
}
