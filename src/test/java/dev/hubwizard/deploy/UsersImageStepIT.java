package dev.hubwizard.deploy;

import dev.hubwizard.aws.AwsClients;
import dev.hubwizard.aws.AwsTexts;
import dev.hubwizard.docker.BuildNetwork;
import dev.hubwizard.docker.BuiltImage;
import dev.hubwizard.docker.DockerClients;
import dev.hubwizard.docker.ImageBuilder;
import dev.hubwizard.docker.ImagePusher;
import dev.hubwizard.docker.PushRequest;
import dev.hubwizard.docker.RegistryCredentials;
import dev.hubwizard.docker.RegistryManifests;
import dev.hubwizard.docker.SingleUserImageCheck;
import dev.hubwizard.engine.Journal;
import dev.hubwizard.engine.JournalStore;
import dev.hubwizard.engine.Plan;
import dev.hubwizard.engine.RunResult;
import dev.hubwizard.engine.Runner;
import dev.hubwizard.engine.Session;
import dev.hubwizard.engine.StepState;
import dev.hubwizard.profile.Advanced;
import dev.hubwizard.profile.AwsTarget;
import dev.hubwizard.profile.JupyterHubVersion;
import dev.hubwizard.profile.Profile;
import dev.hubwizard.profile.ServerPlacement;
import dev.hubwizard.profile.UserServers;
import dev.hubwizard.testbed.DockerEngine;
import dev.hubwizard.testbed.LocalRegistry;
import dev.hubwizard.testbed.MotoServer;
import dev.hubwizard.testbed.StepRecorder;
import dev.hubwizard.testbed.strict.StrictAws;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link UsersImageStep} against the real Docker Engine, with what follows it in a deploy ({@link UsersPushStep}, to
 * the local registry that plays ECR's): the users' image built from the project's {@code hub-image/singleuser} on the
 * stand-in of the pinned base and without a network, a named image pulled from a registry for the task's
 * architecture, and a named image without {@code jupyterhub-singleuser} refused before anything is pushed. The named
 * images come from a second, public local registry (as quay.io is to a pull): the built users' image retagged, and
 * an image of one file; nothing is downloaded from the internet. (It replaces UserImageIT, which checked the same
 * build and refusal through {@link SingleUserImageCheck} alone.)
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UsersImageStepIT {

    private static final String ID = UUID.randomUUID().toString().substring(0, 8);

    private static DockerClients docker;
    private static LocalRegistry publicRegistry;
    private static BuiltImage built;

    @BeforeAll
    static void engineAndRegistry() throws Exception {
        docker = DockerEngine.require();
        DockerEngine.requireHubBase(docker);
        LocalRegistry.require();
        publicRegistry = LocalRegistry.startPublic();
    }

    @AfterAll
    static void removeImages() throws Exception {
        if (docker == null) {
            return;
        }
        // By tag: an image goes once none of its tags is left, so nobody else's tag is touched.
        for (com.github.dockerjava.api.model.Image image : docker.client().listImagesCmd().exec()) {
            for (String tag : image.getRepoTags() == null ? new String[0] : image.getRepoTags()) {
                if (tag.contains(ID) || publicRegistry != null && tag.startsWith(publicRegistry.address() + "/")) {
                    docker.client().removeImageCmd(tag).exec();
                }
            }
        }
        if (publicRegistry != null) {
            publicRegistry.close();
        }
        docker.close();
    }

    private static Profile profile(String image) {
        Profile hub = TestProfiles.hub("hubwizard-it-users-" + ID, 8000, "", "");
        return hub.withServers(UserServers.DEFAULT.withPlacement(ServerPlacement.FARGATE).withImage(image));
    }

    private static UsersImageStep step(Profile profile) {
        return new UsersImageStep(profile, new ImageBuilder(docker), new SingleUserImageCheck(docker),
                TestProfiles.HUB_IMAGE, BuildNetwork.NONE);
    }

    @Test
    @Order(1)
    void byDefaultTheUsersImageIsBuiltFromTheHubImageFolderAndRunsTheSingleUserServer() throws Exception {
        Profile profile = profile("");
        StepRecorder recorder = new StepRecorder();

        step(profile).run(recorder.context(UsersImageStep.ID));

        built = recorder.session().values().require(UsersImageStep.IMAGE);
        assertThat(built.repository()).isEqualTo(new AwsTexts(profile.name()).userRepositoryName());
        assertThat(recorder.text()).anyMatch(line -> line.contains("(singleuser/Dockerfile)"))
                .anyMatch(line -> line.contains("useradd --create-home --uid 1000"))
                .contains(built.reference() + " runs jupyterhub-singleuser " + JupyterHubVersion.PINNED);
        assertThat(docker.client().inspectImageCmd(built.reference()).exec().getConfig().getUser())
                .as("servers run unprivileged").isEqualTo("jovyan");
    }

    @Test
    @Order(2)
    void aNamedImageIsPulledForTheTasksArchitectureAndChecked() throws Exception {
        assertThat(built).as("the default image of the first test").isNotNull();
        String named = published(built.imageId(), "jupyter/minimal-notebook");
        Profile profile = profile(named);
        StepRecorder recorder = new StepRecorder();

        step(profile).run(recorder.context(UsersImageStep.ID));

        BuiltImage pulled = recorder.session().values().require(UsersImageStep.IMAGE);
        assertThat(recorder.text()).contains("Pulling " + named + " for linux/amd64")
                .contains(pulled.reference() + " runs jupyterhub-singleuser " + JupyterHubVersion.PINNED);
        assertThat(pulled.repository()).isEqualTo(new AwsTexts(profile.name()).userRepositoryName());
        assertThat(pulled.imageId()).isEqualTo(built.imageId());
        assertThat(pulled.architecture()).isEqualTo(profile.task().architecture());
    }

    @Test
    @Order(3)
    void aNamedImageWithoutTheSingleUserServerIsRefusedWithWhatToDoAndNothingIsPushed(@TempDir Path context)
            throws Exception {
        // An image of someone's own without JupyterHub's single-user server: one file, nothing to run (and small
        // to push).
        Files.writeString(context.resolve("README"), "not a notebook server\n");
        Files.writeString(context.resolve("Dockerfile"), "FROM scratch\nCOPY README /README\n");
        String local = "hubwizard-it-no-singleuser:" + ID;
        String id = docker.client().buildImageCmd(context.toFile()).withNetworkMode("none").withTags(Set.of(local))
                .start().awaitImageId(5, TimeUnit.MINUTES);
        String named = published(id, "someone/no-singleuser");
        MotoServer.shared().reset();
        try (LocalRegistry ecr = LocalRegistry.start(DeployTestBed.ecrPassword());
             AwsClients aws = new AwsClients(new AwsTarget("", MotoServer.REGION), StrictAws.PATIENCE);
             Runner runner = Runner.withBackgroundThreads()) {
            Profile profile = profile(named).withAws(new AwsTarget("", MotoServer.REGION))
                    .withAdvanced(new Advanced(ecr.address(), 30, ""));
            StepRecorder recorder = new StepRecorder();
            Plan plan = new Plan("users' image", List.of(step(profile), new UsersPushStep(profile, aws,
                    new DockerImagePush(new ImagePusher(docker), new RegistryManifests(), UsersImageStep.IMAGE,
                            UsersPushStep.ALREADY_THERE))));

            RunResult result = runner.start(plan, new Session(new Journal(JournalStore.inMemory())), recorder)
                    .await();

            var failure = result.outcomes().get(UsersImageStep.ID).problem();
            assertThat(failure.what()).isEqualTo("The image " + named + " cannot run users' servers");
            assertThat(failure.why()).isEqualTo("jupyterhub-singleuser is not in the image");
            assertThat(failure.next()).contains("leave \"Users' image\" empty");
            assertThat(result.state(UsersPushStep.ID)).as("the push never runs").isEqualTo(StepState.SKIPPED);
            String repository = new AwsTexts(profile.name()).userRepositoryName();
            assertThat(ecr.tags(repository)).as("nothing pushed").isEmpty();
            assertThat(aws.ecr().describeRepositories().repositories()).as("no repository made").isEmpty();
            assertThat(docker.client().listContainersCmd().withShowAll(true).exec())
                    .as("the check's throwaway container is gone").noneMatch(c -> c.getImageId().equals(id));
        }
    }

    /** The image pushed to the public registry as {@code repository:1}, and its local tag gone: the step pulls it. */
    private static String published(String imageId, String repository) throws Exception {
        String uri = publicRegistry.repositoryUri(repository);
        new ImagePusher(docker).push(new PushRequest(imageId, uri, "1", new RegistryCredentials(LocalRegistry.USER,
                "anonymous")), new StepRecorder().context("publish"));
        docker.client().removeImageCmd(uri + ":1").exec();
        return uri + ":1";
    }
}
