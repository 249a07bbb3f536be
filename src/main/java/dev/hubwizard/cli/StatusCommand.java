package dev.hubwizard.cli;

import dev.hubwizard.engine.ResourceRecord;
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
 * kind) and, unless {@code --offline}, whether the hub answers at its URL right now.
 */
@Command(name = "status", description = "Show a profile's deployment: state, URL, image, resources; check the hub.")
final class StatusCommand implements Callable<Integer> {

    private final CliContext context;

    @Mixin
    ProfileOption target;

    @Option(names = "--offline", description = "Do not check whether the hub answers.")
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
        if (offline || state.url().isBlank()) {
            return ExitCodes.OK;
        }
        return checkHub(URI.create(state.url()));
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
