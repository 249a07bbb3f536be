package dev.hubwizard.operate;

import dev.hubwizard.aws.AwsClients;
import dev.hubwizard.aws.HubServiceFacts;
import dev.hubwizard.aws.LogGroups;
import dev.hubwizard.aws.ProfileTags;
import dev.hubwizard.aws.ResourceKind;
import dev.hubwizard.aws.SecurityGroups;
import dev.hubwizard.aws.ServiceScaling;
import dev.hubwizard.aws.StoppedTask;
import dev.hubwizard.aws.StoppedTasks;
import dev.hubwizard.engine.LogLevel;
import dev.hubwizard.engine.ProblemException;
import dev.hubwizard.engine.StepLog;
import dev.hubwizard.profile.AwsTarget;
import dev.hubwizard.profile.HubStanding;
import dev.hubwizard.profile.Profile;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads a deployed hub's live status from AWS and from the hub itself: the service (there? paused?), its task
 * (starting? running? stopped, and why?), then {@code /hub/health} at the address users reach. For the start
 * screen (in the background, over and over) and {@code hubwizard status}. One set of AWS clients per AWS
 * profile and region, kept until {@link #close}.
 */
public final class HubStatusReader implements AutoCloseable {

    /** A task that has run this long and still does not answer is not "starting" any more. */
    static final Duration STARTING_GRACE = Duration.ofMinutes(3);
    public static final String SERVERS_NOTE = "How many users have a server running is shown to the hub's admins only"
            + " (JupyterHub's API needs an admin's token, which Hub Wizard does not keep): sign in as an admin and"
            + " open the Admin page to see them.";

    private final Function<AwsTarget, AwsClients> clientsFor;
    private final Clock clock;
    private final Map<AwsTarget, AwsClients> clients = new HashMap<>();
    /** HTTP/1.1: the hub's proxy never answers Java's HTTP/2 upgrade on plain HTTP (see HubEndpoint). */
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3)).followRedirects(HttpClient.Redirect.NEVER).build();

    /** @param clientsFor makes the AWS clients of an AWS profile and region (without asking for MFA codes) */
    public HubStatusReader(Function<AwsTarget, AwsClients> clientsFor, Clock clock) {
        this.clientsFor = clientsFor;
        this.clock = clock;
    }

    /** The app's: the AWS default chains, never a prompt (a background look must not ask for an MFA code). */
    public static HubStatusReader forThisMachine() {
        return new HubStatusReader(AwsClients::new, Clock.systemUTC());
    }

    /** Whether the profile has a service in AWS worth asking about. */
    public static boolean hasService(Profile profile) {
        HubStanding standing = HubStanding.of(profile.deployment());
        return standing != HubStanding.NOT_DEPLOYED && standing != HubStanding.TORN_DOWN
                && profile.deployment().resources().stream().anyMatch(r -> r.kind().equals(ResourceKind.ECS_SERVICE));
    }

    /** The hub's status now; never throws: a look that fails is {@link LiveState#UNKNOWN} with the reason. */
    public HubStatus read(Profile profile) {
        Instant now = clock.instant();
        if (!hasService(profile)) {
            return status(LiveState.NOT_IN_AWS, "It has no service in AWS: nothing of it runs.", "", now);
        }
        try {
            return read(profile, facts(profile), now);
        } catch (ProblemException e) {
            return status(LiveState.UNKNOWN, e.problem().text(), "", now);
        } catch (RuntimeException e) {
            return status(LiveState.UNKNOWN, "AWS could not be asked: " + e.getMessage(), "", now);
        }
    }

    /** The clients of an AWS profile and region, made once. */
    public AwsClients clients(AwsTarget target) {
        synchronized (clients) {
            return clients.computeIfAbsent(target, clientsFor);
        }
    }

    /** The hub's own log, read with the same clients. */
    public HubLogs logs(Profile profile) {
        return new HubLogs(clients(profile.aws()), profile);
    }

    private HubServiceFacts facts(Profile profile) throws ProblemException {
        AwsClients aws = clients(profile.aws());
        ProfileTags tags = new ProfileTags(profile.name());
        StoppedTasks stopped = new StoppedTasks(aws, new LogGroups(aws, tags));
        return new ServiceScaling(aws, stopped).look(profile.names().cluster(), profile.names().service(), QUIET);
    }

    private HubStatus read(Profile profile, HubServiceFacts facts, Instant now) {
        String cluster = profile.names().cluster();
        String service = profile.names().service();
        switch (facts.presence()) {
            case CLUSTER_GONE:
                return status(LiveState.GONE, "Its ECS cluster " + cluster + " was deleted outside Hub Wizard, and"
                        + " the hub with it. Redeploy creates it again; Tear down removes what is left.", "", now);
            case SERVICE_GONE:
                return status(LiveState.GONE, "Its ECS service " + service + " was deleted outside Hub Wizard."
                        + " Redeploy creates it again; Tear down removes what is left.", "", now);
            case DRAINING:
                return status(LiveState.GONE, "Its ECS service " + service + " is being deleted (outside Hub"
                        + " Wizard, or by a teardown that stopped half-way).", "", now);
            default:
                break;
        }
        if (facts.desiredCount() == 0) {
            return facts.tasks().isEmpty()
                    ? status(LiveState.PAUSED, "Paused: no task runs, so Fargate bills nothing for it. Resume"
                    + " starts it again.", "", now)
                    : status(LiveState.PAUSING, "Pausing: ECS is stopping task " + facts.tasks().get(0).taskId()
                    + ".", "", now);
        }
        Optional<HubServiceFacts.HubTask> running = facts.tasks().stream().filter(HubServiceFacts.HubTask::running)
                .findFirst();
        String earlier = facts.lastStopped().map(s -> " The task before it stopped: " + reason(s) + ".")
                .orElse("");
        if (running.isEmpty()) {
            if (facts.tasks().isEmpty() && facts.lastStopped().isPresent()) {
                StoppedTask last = facts.lastStopped().get();
                return status(LiveState.STOPPED_UNEXPECTEDLY, "ECS stopped task " + last.taskId() + ": "
                        + reason(last) + ". " + last.problem().next() + ". ECS starts a new task on its own;"
                        + " Logs shows the hub's last lines.", "", now);
            }
            String task = facts.tasks().isEmpty() ? "ECS has not started its task yet"
                    : "ECS is starting task " + facts.tasks().get(0).taskId() + " ("
                    + facts.tasks().get(0).lastStatus() + ")";
            return status(LiveState.STARTING, task + "." + earlier, "", now);
        }
        HubServiceFacts.HubTask task = running.get();
        String url = profile.options().stableAddress() ? profile.deployment().url()
                : task.publicIp().isEmpty() ? "" : "http://" + task.publicIp() + ":" + SecurityGroups.HUB_PORT + "/";
        if (url.isEmpty()) {
            return status(LiveState.STARTING, "Task " + task.taskId() + " runs but has no public address yet.",
                    "", now);
        }
        Optional<Integer> health = health(URI.create(url).resolve("/hub/health"));
        if (health.filter(code -> code == 200).isPresent()) {
            String moved = !profile.options().stableAddress() && !url.equals(profile.deployment().url())
                    && !profile.deployment().url().isBlank()
                    ? " Its address changed (ECS replaced its task): tell its users the new one." : "";
            String replaced = facts.lastStopped().filter(s -> !s.stoppedReason().startsWith("Scaling activity"))
                    .map(s -> " ECS replaced its task: the task before it stopped: " + reason(s) + ".").orElse("");
            return new HubStatus(LiveState.ANSWERING, "Task " + task.taskId() + " runs and the hub answers at " + url
                    + "." + replaced + moved, url, Optional.empty(), SERVERS_NOTE, now);
        }
        String answer = health.map(code -> "answers HTTP " + code).orElse("does not answer");
        boolean young = task.startedAt() == null || task.startedAt().plus(STARTING_GRACE).isAfter(now);
        if (young) {
            return status(LiveState.STARTING, "Task " + task.taskId() + " runs; JupyterHub is starting (" + url
                    + " " + answer + " yet).", url, now);
        }
        return status(LiveState.UNREACHABLE, "Task " + task.taskId() + " runs, but " + url + "hub/health " + answer
                + " from this computer. The hub may be stuck (Logs shows its lines), or this computer's address is"
                + " outside the range the hub allows (the network settings).", url, now);
    }

    private static String reason(StoppedTask stopped) {
        return stopped.stoppedReason() + (stopped.containerReason().isBlank() ? "" : " (" + stopped.containerReason()
                + ")") + (stopped.exitCode() == null ? "" : ", exit code " + stopped.exitCode());
    }

    private static HubStatus status(LiveState state, String detail, String url, Instant at) {
        return new HubStatus(state, detail, url, Optional.empty(), "", at);
    }

    private Optional<Integer> health(URI uri) {
        try {
            return Optional.of(http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode());
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** The stopped task's log lines are not wanted here: the logs view shows them. */
    private static final StepLog QUIET = (LogLevel level, String text) -> { };

    @Override
    public void close() {
        synchronized (clients) {
            clients.values().forEach(AwsClients::close);
            clients.clear();
        }
    }
}
