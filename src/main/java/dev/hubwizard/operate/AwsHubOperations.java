package dev.hubwizard.operate;

import dev.hubwizard.aws.HubAddress;
import dev.hubwizard.deploy.Deployment;
import dev.hubwizard.deploy.DeployTools;
import dev.hubwizard.deploy.HubUrlStep;
import dev.hubwizard.engine.LogFile;
import dev.hubwizard.engine.Plan;
import dev.hubwizard.engine.Problem;
import dev.hubwizard.engine.RunResult;
import dev.hubwizard.engine.Runner;
import dev.hubwizard.engine.StepEvent;
import dev.hubwizard.profile.Profile;
import dev.hubwizard.profile.ProfileStore;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/** {@link HubOperations} on AWS: the profile's own deployment, its log in a file per run, like a deploy's. */
public final class AwsHubOperations implements HubOperations, AutoCloseable {

    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final ProfileStore store;
    private final Supplier<DeployTools> tools;
    private final Runner runner;
    private final HubStatusReader reader;
    private final Path logDirectory;
    private final HubSpending spending;

    public AwsHubOperations(ProfileStore store, Supplier<DeployTools> tools, Runner runner, HubStatusReader reader,
                            Path logDirectory) {
        this.store = store;
        this.tools = tools;
        this.runner = runner;
        this.reader = reader;
        this.logDirectory = logDirectory;
        this.spending = new HubSpending(reader::clients, java.time.Clock.systemUTC());
    }

    @Override
    public HubStatus status(Profile profile) {
        return reader.read(profile);
    }

    @Override
    public MonthToDate spending(Profile profile) {
        return spending.read(profile);
    }

    @Override
    public HubLog logs(Profile profile) {
        return reader.logs(profile);
    }

    /** Read with the status's clients: a background look never asks for an MFA code. */
    @Override
    public HubUsers.Lists userLists(Profile profile) throws dev.hubwizard.engine.ProblemException {
        return new HubUsers(store, reader.clients(profile.aws()), profile.name()).read();
    }

    @Override
    public Outcome pause(Profile profile) throws InterruptedException {
        return run(profile, HubPower::pausePlan, "pause");
    }

    @Override
    public Outcome resume(Profile profile) throws InterruptedException {
        return run(profile, HubPower::resumePlan, "resume");
    }

    private Outcome run(Profile profile, Function<HubPower, Plan> plan, String what) throws InterruptedException {
        Path path = logDirectory.resolve(profile.name() + "-" + what + "-" + FILE_TIME.format(LocalDateTime.now())
                + ".log");
        try (Deployment deployment = new Deployment(profile, store, tools.get());
             LogFile log = new LogFile(path)) {
            HubPower power = new HubPower(deployment, store);
            RunResult result = power.start(runner, plan.apply(power), log).await();
            Optional<Problem> problem = result.succeeded() ? Optional.empty()
                    : Optional.of(result.firstFailure().map(StepEvent::problem).orElse(new Problem(
                    "The " + what + " was cancelled", "it stopped before it was done",
                    "Press " + (what.equals("pause") ? "Pause" : "Resume") + " again")));
            String url = deployment.session().values().get(HubUrlStep.HUB_URL).map(HubAddress::url)
                    .map(Object::toString).orElse("");
            return new Outcome(problem, url, path);
        } catch (IOException e) {
            return new Outcome(Optional.of(new Problem("The " + what + " could not start",
                    "its log file " + path + " could not be written: " + e.getMessage(),
                    "Check that the disk has space, then try again")), "", path);
        }
    }

    @Override
    public void close() {
        reader.close();
    }
}
