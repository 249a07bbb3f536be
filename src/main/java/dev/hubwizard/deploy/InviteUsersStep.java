package dev.hubwizard.deploy;

import dev.hubwizard.aws.AwsClients;
import dev.hubwizard.aws.CognitoUsers;
import dev.hubwizard.aws.CognitoUsers.Invitation;
import dev.hubwizard.aws.ProfileTags;
import dev.hubwizard.aws.UserPools;
import dev.hubwizard.engine.Intent;
import dev.hubwizard.engine.ProblemException;
import dev.hubwizard.engine.Step;
import dev.hubwizard.engine.StepContext;
import dev.hubwizard.profile.Profile;
import dev.hubwizard.profile.UserIds;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolType;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Invites the hub's users to its Cognito user pool: each gets an e-mail from Cognito with a temporary
 * password. A profile keeps user names in the hub's normalised form, which cannot be turned back into an
 * address, so whoever invites gives each person's e-mail address; {@link Invitation#byEmail} covers the usual
 * case of a name that was an address. Only the profile's admins and allowed users can be invited: anyone else
 * could sign in to Cognito but would be turned away by the hub.
 */
public final class InviteUsersStep implements Step {

    public static final String ID = "invite-users";
    /** The plan of this one step: not a deploy, so it leaves the profile's deployment status alone. */
    public static final String PLAN = "invite";
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private final Profile profile;
    private final List<Invitation> invitations;
    private final UserPools pools;
    private final CognitoUsers users;

    public InviteUsersStep(Profile profile, AwsClients aws, List<Invitation> invitations) {
        this.profile = profile;
        this.invitations = List.copyOf(invitations);
        this.pools = new UserPools(aws, new ProfileTags(profile.name()));
        this.users = new CognitoUsers(aws);
    }

    /** What is wrong with these invitations for this profile, one line each; empty when they can be sent. */
    public static List<String> problems(Profile profile, List<Invitation> invitations) {
        List<String> problems = new ArrayList<>();
        List<String> everyone = UserIds.everyone(profile.hub());
        for (Invitation invitation : invitations) {
            if (!everyone.contains(invitation.userName())) {
                problems.add(invitation.userName() + " is not one of the hub's users: add them to the allowed users "
                        + "and redeploy first, or the hub turns them away after they sign in");
            }
            if (!EMAIL.matcher(invitation.email()).matches()) {
                problems.add("'" + invitation.email() + "' (for " + invitation.userName() + ") is not an e-mail "
                        + "address: Cognito sends the temporary password there");
            }
        }
        return problems;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Invite users";
    }

    @Override
    public void run(StepContext context) throws Exception {
        List<String> problems = problems(profile, invitations);
        if (!problems.isEmpty()) {
            throw new ProblemException("Nobody was invited", String.join("; ", problems),
                    "Correct the list, then invite again");
        }
        UserPoolType pool = pool(context);
        List<String> invited = users.invite(context, pool.id(), invitations);
        context.log().info(invited.isEmpty() ? "Everyone was in the user pool already"
                : "Invited " + String.join(", ", invited) + ": they sign in at https://"
                + profile.options().domainName() + "/ with the temporary password from the e-mail");
    }

    @Override
    public List<Intent> preview(StepContext context) {
        return invitations.stream().map(i -> Intent.create("user", i.userName(), "invited by e-mail to " + i.email()))
                .toList();
    }

    private UserPoolType pool(StepContext context) throws ProblemException {
        String name = profile.hub().cognito().userPoolName();
        return pools.find(context.journal(), name).orElseThrow(() -> new ProblemException(
                "The hub has no user pool yet", "there is no Cognito user pool " + name + " to invite people to",
                "Deploy the hub first (with Cognito sign-in), then invite its users"));
    }
}
