package dev.hubwizard.operate;

import dev.hubwizard.aws.EcsTasks;
import dev.hubwizard.aws.HubEndpoint;
import dev.hubwizard.aws.LogGroups;
import dev.hubwizard.aws.ProfileTags;
import dev.hubwizard.aws.ServiceScaling;
import dev.hubwizard.aws.StoppedTasks;
import dev.hubwizard.deploy.Deployment;
import dev.hubwizard.engine.Plan;
import dev.hubwizard.engine.Run;
import dev.hubwizard.engine.RunListener;
import dev.hubwizard.engine.Runner;
import dev.hubwizard.profile.ProfileStore;

import java.io.IOException;
import java.util.List;

/**
 * Pausing and resuming a deployed hub, for the start screen and the CLI alike: plans of one step each, run on
 * the profile's deployment (its AWS clients, its journal) like a deploy, so their progress and log show the
 * same way and Ctrl+C or a closed window stops them cleanly.
 *
 * <p>Waits: a pause waits for ECS to stop the task as long as a teardown waits for it (20 min on AWS, where a
 * task behind a load balancer is drained first, 5 min by default); a resume waits as long as a deploy waits for
 * its service to settle (20 min: the image is pulled again) for the task to run and the hub to answer.
 */
public final class HubPower {

    public static final String PAUSE = "pause";
    public static final String RESUME = "resume";

    private final Deployment deployment;
    private final HubSummary summary;
    private final ServiceScaling scaling;
    private final StoppedTasks stoppedTasks;

    public HubPower(Deployment deployment, ProfileStore store) {
        this.deployment = deployment;
        this.summary = new HubSummary(store, deployment.profile().name());
        ProfileTags tags = new ProfileTags(deployment.profile().name());
        this.stoppedTasks = new StoppedTasks(deployment.aws(), new LogGroups(deployment.aws(), tags));
        this.scaling = new ServiceScaling(deployment.aws(), stoppedTasks);
    }

    public Plan pausePlan() {
        return new Plan(PAUSE, List.of(new PauseStep(deployment.profile(), scaling, summary,
                deployment.tools().deletionWaits(), new EcsTasks(deployment.aws(),
                new ProfileTags(deployment.profile().name())))));
    }

    public Plan resumePlan() {
        HubEndpoint endpoint = new HubEndpoint(deployment.aws(), stoppedTasks, deployment.tools().stableTimeout());
        return new Plan(RESUME, List.of(new ResumeStep(deployment.profile(), scaling, endpoint, summary)));
    }

    public Run start(Runner runner, Plan plan, RunListener listener) throws IOException {
        return deployment.start(runner, plan, listener);
    }
}
