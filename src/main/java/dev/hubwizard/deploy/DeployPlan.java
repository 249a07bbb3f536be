package dev.hubwizard.deploy;

import dev.hubwizard.aws.AwsClients;
import dev.hubwizard.docker.BuildNetwork;
import dev.hubwizard.docker.ImageBuilder;
import dev.hubwizard.docker.ImagePusher;
import dev.hubwizard.docker.LocalHubRunner;
import dev.hubwizard.docker.RegistryManifests;
import dev.hubwizard.engine.Plan;
import dev.hubwizard.profile.Profile;

import dev.hubwizard.engine.Step;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The deploy as a dependency graph: the one place that knows the order of the steps. A redeploy is
 * the same plan: every step finds what exists and changes only what differs, so a redeploy with
 * nothing changed makes no create, register or update call.
 *
 * <pre>
 *   preflight ──► (every step below that has no other dependency)
 *   build ──► test-local ─────────────────────────────────┐
 *     └──────► push ──► task-definition ──► service ──► hub-url
 *   repository ─┘         ▲   ▲                ▲   ▲
 *   role ─────────────────┘   │   network ─────┘   │
 *   log-group ────────────────┘   cluster ─────────┘
 * </pre>
 * Repository, network, cluster, role and log group need nothing: they run while the image builds.
 */
public final class DeployPlan {

    public static final String NAME = "deploy";

    private DeployPlan() {
    }

    public static Plan create(Profile profile, AwsClients aws, DeployTools tools, LocalTestApproval approval) {
        LocalHubRunner localHub = new LocalHubRunner(tools.docker(), tools.containers());
        List<Step> steps = List.of(
                new BuildImageStep(profile, new ImageBuilder(tools.docker()), tools.defaultImageFolder(),
                        BuildNetwork.matching(profile.hub().hostNetwork())),
                new LocalTestStep(profile, localHub, approval, tools.localHealthTimeout()),
                new RepositoryStep(profile, aws),
                new PushStep(profile, aws,
                        new DockerImagePush(new ImagePusher(tools.docker()), new RegistryManifests())),
                new NetworkStep(profile, aws),
                new ClusterStep(profile, aws),
                new ExecutionRoleStep(profile, aws),
                new LogGroupStep(profile, aws),
                new TaskDefinitionStep(profile, aws),
                new ServiceStep(profile, aws, tools.stableTimeout()),
                new HubUrlStep(profile, aws, tools.hubHealthTimeout()));
        List<Step> plan = new ArrayList<>();
        plan.add(new PreflightStep(profile, tools.docker(), localHub, aws));
        // Nothing starts before the preflight: a missing Docker or expired sign-in is said once,
        // plainly, instead of by every step that trips over it.
        for (Step step : steps) {
            plan.add(step.dependsOn().isEmpty() ? Step.withDependencies(step, Set.of(PreflightStep.ID)) : step);
        }
        return new Plan(NAME, plan);
    }
}
