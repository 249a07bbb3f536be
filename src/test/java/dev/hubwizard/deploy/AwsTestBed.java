package dev.hubwizard.deploy;

import dev.hubwizard.aws.AwsClients;
import dev.hubwizard.engine.Cancellation;
import dev.hubwizard.engine.Journal;
import dev.hubwizard.engine.JournalStore;
import dev.hubwizard.engine.LogLine;
import dev.hubwizard.engine.Plan;
import dev.hubwizard.engine.RunListener;
import dev.hubwizard.engine.RunResult;
import dev.hubwizard.engine.Runner;
import dev.hubwizard.engine.Session;
import dev.hubwizard.engine.Step;
import dev.hubwizard.engine.StepContext;
import dev.hubwizard.profile.AwsTarget;
import dev.hubwizard.profile.HubSettings;
import dev.hubwizard.profile.NetworkMode;
import dev.hubwizard.profile.NetworkSettings;
import dev.hubwizard.profile.Profile;
import dev.hubwizard.profile.SignIn;
import dev.hubwizard.testbed.MotoServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/** The AWS half of a deploy against moto: a profile, the plan of AWS steps, and a way to run it. */
final class AwsTestBed {

    static final String PROFILE = "team-hub";
    /** A documentation range (RFC 5737): never a real client. */
    static final String CIDR = "203.0.113.0/24";

    /** What the stand-in for the Docker push reports; a test changes it to "push" a new image. */
    final AtomicReference<String> digest = new AtomicReference<>("sha256:" + "1".repeat(64));
    final AtomicReference<String> tag = new AtomicReference<>("1");
    final List<LogLine> log = Collections.synchronizedList(new ArrayList<>());

    static Profile profile() {
        return Profile.named(PROFILE)
                .withAws(new AwsTarget("", MotoServer.REGION))
                .withNetwork(new NetworkSettings(NetworkMode.NEW_VPC, "", List.of(), CIDR))
                .withHub(new HubSettings("", List.of("ada"), List.of("ada", "grace"), SignIn.FIRST_USE_PASSWORD,
                        null, HubSettings.PORT, false));
    }

    /**
     * Every AWS step up to the service. "build" and "test-local" are the Docker side's steps, done
     * here in no time; the push's Docker half is played by {@link #push()}.
     */
    List<Step> steps(Profile profile, AwsClients aws) {
        List<Step> steps = new ArrayList<>(List.of(nothing(PushStep.BUILD), nothing(ServiceStep.TEST_LOCAL),
                new RepositoryStep(profile, aws), new PushStep(profile, aws, push()),
                new NetworkStep(profile, aws), new ClusterStep(profile, aws), new ExecutionRoleStep(profile, aws),
                new LiveUsersStep(profile, aws), new LogGroupStep(profile, aws), new TaskDefinitionStep(profile, aws),
                new ServiceStep(profile, aws, Duration.ofMinutes(1))));
        if (profile.servers().onFargate()) {
            // The users' image is the Docker side's too; its push is played like the hub's.
            steps.addAll(List.of(nothing(UsersImageStep.ID), new UsersPushStep(profile, aws, push()),
                    new UsersTaskDefinitionStep(profile, aws), new HubApiNameStep(profile, aws)));
        }
        return List.copyOf(steps);
    }

    Plan plan(Profile profile, AwsClients aws) {
        return new Plan("deploy", steps(profile, aws));
    }

    /** Stands in for the Docker push: nothing leaves this machine, the registry's answer is made up. */
    ImagePush push() {
        return (repository, login, context) -> {
            context.log().info("(test) pushed to " + repository + " as " + login.username());
            return new ImagePush.Pushed(tag.get(), digest.get());
        };
    }

    static Session session(JournalStore store) {
        try {
            return new Session(new Journal(store));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    RunResult run(Plan plan, Session session) {
        try (Runner runner = Runner.withBackgroundThreads()) {
            RunResult result = runner.start(plan, session, new RunListener() {
                @Override
                public void log(LogLine line) {
                    log.add(line);
                }
            }).await();
            return result;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A context for running one step directly, as the runner would; its log goes to {@link #log}. */
    StepContext context(Session session, String stepId) {
        return new StepContext(stepId, session, new Cancellation(), new RunListener() {
            @Override
            public void log(LogLine line) {
                log.add(line);
            }
        }, Clock.systemUTC());
    }

    /** The log as text, for assertions and for failure messages. */
    String logText() {
        synchronized (log) {
            return log.stream().map(l -> l.level() + " [" + l.stepId() + "] " + l.text())
                    .collect(Collectors.joining("\n"));
        }
    }

    String failures(RunResult result) {
        return result.outcomes().values().stream().filter(e -> e.problem() != null)
                .map(e -> e.stepId() + ": " + e.problem().text()).collect(Collectors.joining("\n"))
                + "\n--- log ---\n" + logText();
    }

    static Step nothing(String id) {
        return new Step() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public String title() {
                return id + " (done elsewhere)";
            }

            @Override
            public void run(StepContext context) {
            }
        };
    }
}
