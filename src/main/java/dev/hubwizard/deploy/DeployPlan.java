package dev.hubwizard.deploy;

import dev.hubwizard.aws.AwsClients;
import dev.hubwizard.docker.BuildNetwork;
import dev.hubwizard.docker.ImageBuilder;
import dev.hubwizard.docker.ImagePusher;
import dev.hubwizard.docker.LocalHubRunner;
import dev.hubwizard.docker.RegistryManifests;
import dev.hubwizard.docker.SingleUserImageCheck;
import dev.hubwizard.engine.Plan;
import dev.hubwizard.engine.Step;
import dev.hubwizard.profile.Options;
import dev.hubwizard.profile.Profile;
import dev.hubwizard.profile.SignIn;

import java.util.ArrayList;
import java.util.HashSet;
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
 *
 * <p>Each of a team's options adds its steps, and only when it is on:
 * <pre>
 *   stable address: network ──► load-balancer ──► listeners ──► service
 *                                     └──────► domain-record ──► hub-url        (with a domain)
 *   with a domain:  certificate ──► listeners          (runs from the start: validation takes minutes)
 *   Cognito:        cognito ──► role, task-definition  (pool, domain, app client, its secret)
 *   HTTPS on AWS:   distribution ──► cognito, hub-url  (runs from the start: CloudFront deploys in minutes;
 *                                                       after load-balancer with a stable address)
 *                   distribution, cluster ──► origin-updater ──► service   (without a load balancer)
 *   kept files:     network ──► file-system ──► task-definition
 *   servers in their own Fargate tasks:
 *                   users-image ──► users-push ──► users-task-definition ──► service
 *                   role, log-group ──────────────────┘
 *                   network, cluster ──► task-definition      cluster, role (, file-system) ──► live-users
 *                   network ──► hub-api-name ──► live-users, task-definition
 * </pre>
 */
public final class DeployPlan {

    public static final String NAME = "deploy";

    private DeployPlan() {
    }

    public static Plan create(Profile profile, AwsClients aws, DeployTools tools, LocalTestApproval approval) {
        LocalHubRunner localHub = new LocalHubRunner(tools.docker(), tools.containers());
        Options options = profile.options();
        boolean cognito = profile.hub().signIn() == SignIn.COGNITO;
        List<Step> steps = new ArrayList<>();
        steps.add(new BuildImageStep(profile, new ImageBuilder(tools.docker()), tools.defaultImageFolder(),
                BuildNetwork.matching(profile.hub().hostNetwork())));
        steps.add(new LocalTestStep(profile, localHub, approval, tools.localHealthTimeout()));
        steps.add(new RepositoryStep(profile, aws));
        steps.add(new PushStep(profile, aws,
                new DockerImagePush(new ImagePusher(tools.docker()), new RegistryManifests())));
        steps.add(new NetworkStep(profile, aws));
        if (options.ownDomain()) {
            steps.add(new CertificateStep(profile, aws));
        }
        if (options.stableAddress()) {
            steps.add(new LoadBalancerStep(profile, aws));
            steps.add(new ListenersStep(profile, aws));
        }
        if (options.ownDomain()) {
            steps.add(new DomainRecordStep(profile, aws));
        }
        if (options.awsAddress()) {
            steps.add(new DistributionStep(profile, aws));
            if (!options.stableAddress()) {
                steps.add(new OriginUpdaterStep(profile, aws));
            }
        }
        if (options.keepUserFiles()) {
            steps.add(new FileSystemStep(profile, aws));
        }
        steps.add(new ClusterStep(profile, aws));
        if (profile.servers().onFargate()) {
            steps.add(new HubApiNameStep(profile, aws));
        }
        if (cognito) {
            steps.add(new CognitoStep(profile, aws));
        }
        steps.add(new ExecutionRoleStep(profile, aws));
        steps.add(new LiveUsersStep(profile, aws));
        steps.add(new LogGroupStep(profile, aws));
        steps.add(new TaskDefinitionStep(profile, aws));
        if (profile.servers().onFargate()) {
            BuildNetwork network = BuildNetwork.matching(profile.hub().hostNetwork());
            steps.add(new UsersImageStep(profile, new ImageBuilder(tools.docker()),
                    new SingleUserImageCheck(tools.docker()), tools.defaultImageFolder(), network));
            steps.add(new UsersPushStep(profile, aws, new DockerImagePush(new ImagePusher(tools.docker()),
                    new RegistryManifests(), UsersImageStep.IMAGE, UsersPushStep.ALREADY_THERE)));
            steps.add(new UsersTaskDefinitionStep(profile, aws));
        }
        steps.add(new ServiceStep(profile, aws, tools.stableTimeout()));
        steps.add(new UnusedOptionsStep(profile));
        // The hub URL comes last, after the warnings about what turned-off options left behind.
        Step hubUrl = new HubUrlStep(profile, aws, tools.hubHealthTimeout());
        Set<String> beforeUrl = new HashSet<>(hubUrl.dependsOn());
        beforeUrl.add(UnusedOptionsStep.ID);
        steps.add(Step.withDependencies(hubUrl, beforeUrl));
        List<Step> plan = new ArrayList<>();
        plan.add(new PreflightStep(profile, tools.docker(), localHub, aws, tools.defaultImageFolder()));
        // Nothing starts before the preflight: a missing Docker or expired sign-in is said once,
        // plainly, instead of by every step that trips over it.
        for (Step step : steps) {
            plan.add(step.dependsOn().isEmpty() ? Step.withDependencies(step, Set.of(PreflightStep.ID)) : step);
        }
        return new Plan(NAME, plan);
    }
}
