package dev.hubwizard.ui;

import dev.hubwizard.engine.LogLevel;
import dev.hubwizard.engine.LogLine;
import dev.hubwizard.engine.ResourceRecord;
import dev.hubwizard.operate.HubLog;
import dev.hubwizard.operate.HubLogs;
import dev.hubwizard.operate.HubOperations;
import dev.hubwizard.operate.HubStatus;
import dev.hubwizard.operate.LiveState;
import dev.hubwizard.operate.MonthToDate;
import dev.hubwizard.profile.DeploymentState;
import dev.hubwizard.profile.DeploymentStatus;
import dev.hubwizard.profile.Options;
import dev.hubwizard.profile.Profile;
import dev.hubwizard.profile.ProfileException;
import dev.hubwizard.profile.ProfileStore;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Hubs as AWS would tell their live states, for the start screen's tests and pictures: the view's side is tested
 * here; reading the states from AWS is {@code PauseResumeIT}'s. Pause and resume answer at once and are remembered.
 */
public final class SampleOperations implements HubOperations {

    public static final String RUNNING = "team-hub";
    public static final String PAUSED = "course-2025";
    public static final String CRASHED = "data-lab";
    public static final String GONE = "old-demo";
    public static final String NEW_URL = "http://3.121.44.7:8000/";

    public final Map<String, HubStatus> statuses = new ConcurrentHashMap<>();
    public final List<String> paused = new CopyOnWriteArrayList<>();
    public final List<String> resumed = new CopyOnWriteArrayList<>();

    /** Four deployed hubs, each in another state, saved in {@code store}; their states answered by the returned. */
    public static SampleOperations populate(ProfileStore store) throws IOException, ProfileException {
        store.save(withService(SampleHubs.deployed(RUNNING), DeploymentStatus.DEPLOYED));
        store.save(withService(SampleHubs.deployed(PAUSED).withOptions(new Options(true, "", true)),
                DeploymentStatus.PAUSED));
        store.save(withService(SampleHubs.deployed(CRASHED), DeploymentStatus.DEPLOYED));
        store.save(withService(SampleHubs.deployed(GONE), DeploymentStatus.DEPLOYED));
        SampleOperations operations = new SampleOperations();
        operations.statuses.put(RUNNING, status(LiveState.ANSWERING, "Task 4f1c2a runs and the hub answers at"
                + " http://18.194.27.161:8000/.", "http://18.194.27.161:8000/"));
        operations.statuses.put(PAUSED, status(LiveState.PAUSED, "Paused: no task runs, so Fargate bills nothing for"
                + " it. Resume starts it again.", ""));
        operations.statuses.put(CRASHED, status(LiveState.STOPPED_UNEXPECTEDLY, "ECS stopped task 9d0e77: Essential"
                + " container in task exited (OutOfMemoryError: Container killed due to memory usage), exit code 137."
                + " ECS starts a new task on its own; Logs shows the hub's last lines.", ""));
        operations.statuses.put(GONE, status(LiveState.GONE, "Its ECS service old-demo-service was deleted outside"
                + " Hub Wizard. Redeploy creates it again; Tear down removes what is left.", ""));
        return operations;
    }

    private static Profile withService(Profile profile, DeploymentStatus status) {
        DeploymentState d = profile.deployment();
        List<ResourceRecord> resources = new ArrayList<>(d.resources());
        Instant at = SampleHubs.NOW.minus(Duration.ofHours(3));
        resources.add(new ResourceRecord("log-group", "/ecs/" + profile.name(), profile.name(), Map.of(), "logs", at));
        resources.add(new ResourceRecord("ecs-service", "arn:aws:ecs:eu-central-1:123456789012:service/"
                + profile.name() + "-cluster/" + profile.name() + "-service", profile.name(), Map.of(), "service", at));
        if (profile.options().stableAddress()) {
            resources.add(new ResourceRecord("load-balancer", "arn:aws:elasticloadbalancing:lb/" + profile.name(),
                    profile.name(), Map.of(), "load-balancer", at));
        }
        return profile.withDeployment(new DeploymentState(status, resources, d.imageTag(), d.imageDigest(),
                d.taskDefinitionArn(), d.serviceArn(), d.url(), d.deployedAt()));
    }

    static HubStatus status(LiveState state, String detail, String url) {
        return new HubStatus(state, detail, url, Optional.empty(), state == LiveState.ANSWERING
                ? dev.hubwizard.operate.HubStatusReader.SERVERS_NOTE : "", SampleHubs.NOW);
    }

    /** Every hub has the lists it was deployed with, picked up a few minutes ago. */
    @Override
    public dev.hubwizard.operate.HubUsers.Lists userLists(Profile profile) {
        return new dev.hubwizard.operate.HubUsers.Lists(new dev.hubwizard.deploy.HubUserLists(profile.hub().admins(),
                profile.hub().allowedUsers()), 3, Optional.of(new dev.hubwizard.operate.HubUsers.PickedUp(
                java.time.Instant.now().minus(Duration.ofMinutes(4)), 3)));
    }

    @Override
    public HubStatus status(Profile profile) {
        return statuses.getOrDefault(profile.name(), new HubStatus(LiveState.NOT_IN_AWS, "", "", Optional.empty(),
                "", SampleHubs.NOW));
    }

    @Override
    public MonthToDate spending(Profile profile) {
        return switch (profile.name()) {
            case RUNNING -> new MonthToDate(MonthToDate.Kind.COUNTED, "$31.84", "What AWS billed from 1 Mar to today"
                    + " for the resources tagged hubwizard:profile=team-hub.");
            case PAUSED -> new MonthToDate(MonthToDate.Kind.TAG_NOT_ACTIVE, "Tag not active", "AWS does not count"
                    + " costs by the tag hubwizard:profile yet.");
            default -> new MonthToDate(MonthToDate.Kind.COUNTED, "$12.07", "");
        };
    }

    @Override
    public HubLog logs(Profile profile) {
        return new SampleLog(profile.name());
    }

    @Override
    public Outcome pause(Profile profile) {
        paused.add(profile.name());
        statuses.put(profile.name(), status(LiveState.PAUSED, "Paused.", ""));
        return new Outcome(Optional.empty(), "", Path.of("pause.log"));
    }

    @Override
    public Outcome resume(Profile profile) {
        resumed.add(profile.name());
        statuses.put(profile.name(), status(LiveState.ANSWERING, "Runs.", NEW_URL));
        return new Outcome(Optional.empty(), NEW_URL, Path.of("resume.log"));
    }

    /** A hub's start-up and a crash, in JupyterHub's own format. */
    public static final class SampleLog implements HubLog {
        private final String hub;
        private final List<LogLine> lines = new CopyOnWriteArrayList<>();

        SampleLog(String hub) {
            this.hub = hub;
            String[] text = {
                    "[I 2025-03-14 12:00:01.201 JupyterHub app:3354] Running JupyterHub version 5.5.0",
                    "[I 2025-03-14 12:00:01.202 JupyterHub app:1995] Using Authenticator: hubwizard_hub.FirstUse",
                    "[I 2025-03-14 12:00:01.815 JupyterHub proxy:752] Starting proxy @ http://:8000",
                    "[I 2025-03-14 12:00:02.940 JupyterHub app:3712] JupyterHub is now running at http://:8000",
                    "[I 2025-03-14 12:04:17.330 JupyterHub log:192] 302 GET /hub/ -> /hub/login (@10.0.1.7) 1.02ms",
                    "[I 2025-03-14 12:04:25.118 JupyterHub base:937] User logged in: ana",
                    "[I 2025-03-14 12:04:26.470 JupyterHub spawner:1580] Spawning jupyterhub-singleuser for ana",
                    "[W 2025-03-14 12:04:36.512 JupyterHub base:1095] User ana is slow to start (timeout=10)",
                    "[I 2025-03-14 12:04:39.004 JupyterHub base:1125] User ana took 12.534 seconds to start",
                    "[I 2025-03-14 12:31:02.777 JupyterHub log:192] 200 GET /hub/api/users/ana/activity 4.20ms",
                    "[E 2025-03-14 12:46:13.020 JupyterHub user:1002] Unhandled error starting bo's server:"
                            + " Could not allocate memory",
                    "[I 2025-03-14 12:47:00.114 JupyterHub log:192] 200 GET /hub/health (@10.0.1.7) 0.61ms",
            };
            for (int i = 0; i < text.length; i++) {
                lines.add(new LogLine(SampleHubs.NOW.minus(Duration.ofMinutes(60 - i * 4L)), HubLogs.STEP,
                        level(text[i]), text[i]));
            }
        }

        private static LogLevel level(String line) {
            return line.startsWith("[E") ? LogLevel.ERROR : line.startsWith("[W") ? LogLevel.WARN : LogLevel.INFO;
        }

        /** What the hub "writes" next, for a test that follows the log. */
        public void write(String line) {
            lines.add(new LogLine(SampleHubs.NOW, HubLogs.STEP, level(line), line));
        }

        @Override
        public String group() {
            return "/ecs/" + hub;
        }

        @Override
        public HubLogs.Lines tail(int limit) {
            return new HubLogs.Lines(List.copyOf(lines), Optional.of(new HubLogs.Cursor("hub/hub/4f1c2a",
                    String.valueOf(lines.size()))));
        }

        @Override
        public HubLogs.Lines newer(Optional<HubLogs.Cursor> cursor) {
            int from = cursor.map(c -> Integer.parseInt(c.forwardToken())).orElse(0);
            List<LogLine> all = List.copyOf(lines);
            return new HubLogs.Lines(all.subList(Math.min(from, all.size()), all.size()),
                    Optional.of(new HubLogs.Cursor("hub/hub/4f1c2a", String.valueOf(all.size()))));
        }
    }
}
