package dev.hubwizard.deploy;

import com.github.dockerjava.api.model.Image;
import dev.hubwizard.aws.AwsClients;
import dev.hubwizard.aws.DeletionWaits;
import dev.hubwizard.aws.RegistryLogin;
import dev.hubwizard.aws.SecurityGroups;
import dev.hubwizard.docker.DockerClients;
import dev.hubwizard.docker.LiveContainers;
import dev.hubwizard.engine.LogLine;
import dev.hubwizard.engine.Plan;
import dev.hubwizard.engine.ProblemException;
import dev.hubwizard.engine.RunListener;
import dev.hubwizard.engine.RunResult;
import dev.hubwizard.engine.Runner;
import dev.hubwizard.profile.Advanced;
import dev.hubwizard.profile.AwsTarget;
import dev.hubwizard.profile.CognitoSettings;
import dev.hubwizard.profile.HubSettings;
import dev.hubwizard.profile.NetworkMode;
import dev.hubwizard.profile.NetworkSettings;
import dev.hubwizard.profile.Profile;
import dev.hubwizard.profile.ProfileException;
import dev.hubwizard.profile.ProfileStore;
import dev.hubwizard.profile.SignIn;
import dev.hubwizard.testbed.AwsCallRecorder;
import dev.hubwizard.testbed.DockerEngine;
import dev.hubwizard.testbed.HubPortLock;
import dev.hubwizard.testbed.LocalRegistry;
import dev.hubwizard.testbed.MotoServer;
import dev.hubwizard.testbed.StepRecorder;
import dev.hubwizard.testbed.strict.StrictAws;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Everything a whole deploy talks to, on this machine: moto for the AWS APIs, the local registry for
 * ECR's registry (its password is the one moto's GetAuthorizationToken hands out, decoded the way the
 * push step decodes it), the Docker Engine with the stand-in of the official hub base image, and Fargate played by
 * {@link FargateStandIn}. Profiles live in a profile store of their own, so that the journal is the
 * profile file, as in the app. For the end-to-end tests and the benchmarks.
 */
public final class DeployTestBed implements AutoCloseable {

    private final MotoServer moto;
    private final LocalRegistry registry;
    private final DockerClients docker;
    private final LiveContainers containers;
    private final ProfileStore store;
    private final AwsClients aws = new AwsClients(new AwsTarget("", MotoServer.REGION), StrictAws.PATIENCE);
    private final List<LogLine> log = Collections.synchronizedList(new ArrayList<>());
    private final List<FargateStandIn> fargates = new ArrayList<>();
    private final Set<String> repositories = ConcurrentHashMap.newKeySet();

    private DeployTestBed(MotoServer moto, LocalRegistry registry, DockerClients docker, Path profiles) {
        this.moto = moto;
        this.registry = registry;
        this.docker = docker;
        this.containers = new LiveContainers(docker);
        this.store = new ProfileStore(profiles);
    }

    /**
     * Starts what is not running; skips the test (fails it under CI) when a piece is missing, saying
     * what to install.
     */
    public static DeployTestBed start(Path profiles) throws IOException, InterruptedException {
        MotoServer moto = MotoServer.shared();
        LocalRegistry.require();
        DockerClients docker = DockerEngine.require();
        DockerEngine.requireHubBase(docker);
        HubPortLock.acquire(SecurityGroups.HUB_PORT);
        try {
            return new DeployTestBed(moto, LocalRegistry.start(ecrPassword()), docker, profiles);
        } catch (IOException | RuntimeException e) {
            HubPortLock.release();
            throw e;
        }
    }

    /** What moto's GetAuthorizationToken says the password is, read as the push step reads it. */
    static String ecrPassword() {
        try (AwsClients aws = new AwsClients(new AwsTarget("", MotoServer.REGION), StrictAws.PATIENCE)) {
            return AwsCallRecorder.offTheRecord(() -> {
                try {
                    return new RegistryLogin(aws).login(new StepRecorder().context("setup"), "").password();
                } catch (ProblemException e) {
                    throw new IllegalStateException(e.problem().text(), e);
                }
            });
        }
    }

    /**
     * A profile saved in this bed's store: a VPC of its own, the stand-in of the pinned base image, the local
     * test on a free port with host networking, and pushes through the local registry.
     */
    public Profile profile(String name, List<String> admins, List<String> allowedUsers)
            throws IOException, ProfileException {
        Profile profile = Profile.named(name)
                .withAws(new AwsTarget("", MotoServer.REGION))
                .withNetwork(new NetworkSettings(NetworkMode.NEW_VPC, "", List.of(), AwsTestBed.CIDR))
                .withHub(new HubSettings("", admins, allowedUsers, SignIn.FIRST_USE_PASSWORD, CognitoSettings.NONE,
                        TestProfiles.freePort(), true))
                .withAdvanced(new Advanced(registry.address(), 30, ""));
        store.saveSettings(profile);
        repositories.add(profile.names().repository());
        repositories.add(new dev.hubwizard.aws.AwsTexts(name).userRepositoryName());
        return profile;
    }

    public Deployment deployment(Profile profile) {
        return new Deployment(profile, store, tools());
    }

    /**
     * What a deployment needs from this machine, as the app's window gets it; AWS asked again more often than on
     * AWS, where it takes minutes to let go of a network interface.
     */
    public DeployTools tools() {
        return new DeployTools(docker, containers, TestProfiles.HUB_IMAGE, Duration.ofSeconds(60),
                Duration.ofMinutes(1), Duration.ofSeconds(60), StrictAws.PATIENCE,
                new DeletionWaits(Duration.ofMinutes(1), Duration.ofMillis(250)));
    }

    /**
     * Fargate for the profile's service, closed with the bed or by {@link #reset}; with users' servers in their own
     * tasks also for the tasks the hub starts, whose image the users' push put in the local registry.
     */
    public FargateStandIn fargate(Profile profile) {
        FargateStandIn fargate = new FargateStandIn(aws, docker, containers, registry, profile);
        if (profile.servers().onFargate()) {
            fargate.withUsers(new FargateUsersStandIn(aws, docker, moto.strict(), profile.names().cluster(),
                    new dev.hubwizard.aws.AwsTexts(profile.name()).userTaskFamily(), registry));
        }
        synchronized (fargates) {
            fargates.add(fargate);
        }
        return fargate;
    }

    /** Runs the plan as the app does (its recorder keeps the profile's summary), logging into {@link #logText}. */
    public RunResult run(Deployment deployment, Plan plan, RunListener... more) throws IOException,
            InterruptedException {
        List<RunListener> listeners = new ArrayList<>(List.of(more));
        listeners.add(new RunListener() {
            @Override
            public void log(LogLine line) {
                log.add(line);
            }
        });
        try (Runner runner = Runner.withBackgroundThreads()) {
            return deployment.start(runner, plan, RunListener.all(listeners.toArray(RunListener[]::new))).await();
        }
    }

    /** Stops the played tasks and empties the emulator, for a test of its own. */
    public void reset() {
        closeFargates();
        moto.reset();
        log.clear();
    }

    public AwsClients aws() {
        return aws;
    }

    public LocalRegistry registry() {
        return registry;
    }

    public DockerClients docker() {
        return docker;
    }

    public ProfileStore store() {
        return store;
    }

    public String logText() {
        synchronized (log) {
            return log.stream().map(l -> l.level() + " [" + l.stepId() + "] " + l.text())
                    .collect(Collectors.joining("\n"));
        }
    }

    public String failures(RunResult result) {
        return result.outcomes().values().stream().filter(e -> e.problem() != null)
                .map(e -> e.stepId() + ": " + e.problem().text()).collect(Collectors.joining("\n"))
                + "\n--- log ---\n" + logText();
    }

    /** Stops what it started and removes the images its profiles built and pushed. */
    @Override
    public void close() throws IOException, InterruptedException {
        try {
            closeAll();
        } finally {
            HubPortLock.release();
        }
    }

    private void closeAll() throws IOException, InterruptedException {
        closeFargates();
        containers.removeAll();
        // By tag: an image goes once none of its tags is left, so nobody else's tag is touched.
        for (Image image : docker.client().listImagesCmd().exec()) {
            for (String tag : image.getRepoTags() == null ? new String[0] : image.getRepoTags()) {
                if (ours(tag)) {
                    docker.client().removeImageCmd(tag).exec();
                }
            }
        }
        registry.close();
        aws.close();
        docker.close();
    }

    private boolean ours(String tag) {
        String repository = tag.substring(0, tag.lastIndexOf(':'));
        return repositories.stream().anyMatch(r -> repository.equals(r) || repository.endsWith("/" + r));
    }

    private void closeFargates() {
        synchronized (fargates) {
            fargates.forEach(FargateStandIn::close);
            fargates.clear();
        }
    }
}
