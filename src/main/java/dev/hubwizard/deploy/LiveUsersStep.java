package dev.hubwizard.deploy;

import dev.hubwizard.aws.AwsClients;
import dev.hubwizard.aws.AwsTexts;
import dev.hubwizard.aws.HubTaskRoles;
import dev.hubwizard.aws.ProfileTags;
import dev.hubwizard.aws.SsmParameters;
import dev.hubwizard.engine.Intent;
import dev.hubwizard.engine.Key;
import dev.hubwizard.engine.ProblemException;
import dev.hubwizard.engine.Step;
import dev.hubwizard.engine.StepContext;
import dev.hubwizard.profile.Profile;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The hub's live lists of users: the SSM parameter with the profile's admins and allowed users (which the hub
 * reads every 30 s, so that users change without a new task), the parameter the hub writes when it picked them
 * up, and the task role that may do exactly those two things — and, with users' servers in their own Fargate tasks,
 * start, follow and stop those tasks in the profile's cluster ({@link HubTaskRoles#fargateStatements}). A deploy
 * writes the profile's lists, so that an interrupted users change is completed by the next run, and writes nothing
 * when they are there already.
 */
public final class LiveUsersStep implements Step {

    public static final String ID = "live-users";
    public static final Key<LiveUsers> LIVE_USERS = Key.of("live-users", LiveUsers.class);

    /** What the task definition names: the role and the two parameters. */
    public record LiveUsers(String taskRoleArn, String usersParameter, String pickedUpParameter) {
    }

    private final Profile profile;
    private final AwsTexts texts;
    private final SsmParameters parameters;
    private final HubTaskRoles roles;
    private final dev.hubwizard.aws.EventualConsistency consistency;

    public LiveUsersStep(Profile profile, AwsClients aws) {
        this.profile = profile;
        this.texts = new AwsTexts(profile.name());
        ProfileTags tags = new ProfileTags(profile.name());
        this.parameters = new SsmParameters(aws, tags);
        this.roles = new HubTaskRoles(aws, tags);
        this.consistency = aws.consistency();
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Live lists of users";
    }

    /** With users' servers in their own tasks the role names the cluster, the execution role and the file system. */
    @Override
    public Set<String> dependsOn() {
        if (!profile.servers().onFargate()) {
            return Set.of();
        }
        Set<String> steps = new HashSet<>(Set.of(ClusterStep.ID, ExecutionRoleStep.ID, HubApiNameStep.ID));
        if (profile.options().keepUserFiles()) {
            steps.add(FileSystemStep.ID);
        }
        return Set.copyOf(steps);
    }

    private ArrayNode usersServers(StepContext context) {
        if (!profile.servers().onFargate()) {
            return JsonNodeFactory.instance.arrayNode();
        }
        Optional<String> fileSystem = profile.options().keepUserFiles()
                ? Optional.of(context.require(FileSystemStep.HOMES).fileSystem().fileSystemId()) : Optional.empty();
        return HubTaskRoles.fargateStatements(context.require(ClusterStep.CLUSTER).arn(), texts.userTaskFamily(),
                context.require(ExecutionRoleStep.ROLE).arn(), profile.name(), fileSystem,
                context.require(HubApiNameStep.NAME));
    }

    @Override
    public void run(StepContext context) throws Exception {
        HubUserLists lists = HubUserLists.of(profile);
        if (lists.problem().isPresent()) {
            throw new ProblemException("The hub's lists of users cannot be written", lists.problem().get(),
                    "Correct the names in Settings, then deploy again");
        }
        SsmParameters.Parameter users = parameters.ensure(context, texts.usersParameter(),
                "Who may sign in to the hub (Hub Wizard profile " + profile.name() + ")", lists.json());
        SsmParameters.Parameter written = parameters.write(users.name(), lists.json());
        if (written.version() != users.version()) {
            context.log().info("Wrote the profile's lists of users to " + users.name() + " (version "
                    + written.version() + "): the running hub picks them up within a minute");
        }
        SsmParameters.Parameter pickedUp = parameters.ensure(context, texts.usersPickedUpParameter(),
                "When the hub last picked up its lists of users (Hub Wizard profile " + profile.name() + ")", "{}");
        HubTaskRoles.HubTaskRole role = roles.ensure(context, texts.taskRoleName(), users.arn(), pickedUp.arn(),
                usersServers(context));
        if (role.changed()) {
            // IAM is eventually consistent: ECS may not yet be able to give a task the new role's credentials.
            context.log().info("The hub's task role is new or changed; IAM takes a few seconds to let ECS use it");
            context.pause(consistency.iamPropagation());
        }
        context.put(LIVE_USERS, new LiveUsers(role.arn(), users.name(), pickedUp.name()));
    }

    @Override
    public List<Intent> preview(StepContext context) throws Exception {
        String lists = profile.hub().admins().size() + " admin(s), " + profile.hub().allowedUsers().size()
                + " allowed user(s)";
        return List.of(
                parameters.find(texts.usersParameter()).map(p -> p.value().equals(HubUserLists.of(profile).json())
                        ? Intent.reuse("SSM parameter", p.name(), lists)
                        : Intent.change("SSM parameter", p.name(), "write " + lists))
                        .orElse(Intent.create("SSM parameter", texts.usersParameter(), lists)),
                parameters.find(texts.usersPickedUpParameter())
                        .map(p -> Intent.reuse("SSM parameter", p.name(), "the hub writes when it picked them up"))
                        .orElse(Intent.create("SSM parameter", texts.usersPickedUpParameter(),
                                "the hub writes when it picked them up")),
                roles.find(texts.taskRoleName()).map(r -> Intent.reuse("IAM role", r.roleName(), roleDetail()))
                        .orElse(Intent.create("IAM role", texts.taskRoleName(), roleDetail())));
    }

    private String roleDetail() {
        return profile.servers().onFargate() ? "the hub's task role: reads its lists, starts, follows and stops users'"
                + " servers in their own tasks of this hub's cluster" : "the hub's task role: reads its lists, nothing else";
    }
}
