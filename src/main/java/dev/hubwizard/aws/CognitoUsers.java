package dev.hubwizard.aws;

import dev.hubwizard.engine.ProblemException;
import dev.hubwizard.engine.StepContext;
import dev.hubwizard.profile.UserNames;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.DeliveryMediumType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserType;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static dev.hubwizard.aws.AwsCall.call;
import static dev.hubwizard.aws.AwsCall.run;

/**
 * The people in the hub's user pool. An invitation creates the user with AdminCreateUser: the user name and
 * {@code preferred_username} are the hub name (so the hub, which reads {@code preferred_username}, knows the
 * person by the name on its lists), the e-mail address is marked verified (the admin vouches for it; the user
 * may sign in with it too), and Cognito e-mails a temporary password that must be changed at first sign-in.
 */
public final class CognitoUsers {

    /**
     * One person to invite.
     *
     * @param userName the hub name, normalised as the profile keeps it
     * @param email    where Cognito sends the temporary password
     */
    public record Invitation(String userName, String email) {

        /**
         * The invitation of someone whose hub name is their e-mail address, normalised ({@code carol@example.org}
         * is the hub's {@code carol_example_org}): the way a profile's names usually came about.
         */
        public static Invitation byEmail(String email) {
            return new Invitation(UserNames.normalise(email), email.trim());
        }
    }

    /**
     * One person in the pool.
     *
     * @param status Cognito's word: {@code FORCE_CHANGE_PASSWORD} until the first sign-in, then {@code CONFIRMED}
     */
    public record InvitedUser(String userName, String email, String status, boolean enabled) {
    }

    private final AwsClients aws;

    public CognitoUsers(AwsClients aws) {
        this.aws = aws;
    }

    /** Everyone in the pool, as Cognito lists them. */
    public List<InvitedUser> list(String poolId) throws ProblemException {
        return call("cognito-idp:ListUsers", () -> aws.cognito().listUsersPaginator(r -> r.userPoolId(poolId))
                .users().stream().map(CognitoUsers::invited).toList());
    }

    /** Invites who is not in the pool yet; says who was invited and who was there already. */
    public List<String> invite(StepContext ctx, String poolId, List<Invitation> invitations) throws ProblemException {
        Set<String> present = list(poolId).stream().map(InvitedUser::userName).collect(Collectors.toSet());
        List<String> invited = new java.util.ArrayList<>();
        for (Invitation invitation : invitations) {
            if (present.contains(invitation.userName())) {
                ctx.log().info(invitation.userName() + " is in the user pool already: not invited again");
                continue;
            }
            run("cognito-idp:AdminCreateUser", () -> aws.cognito().adminCreateUser(r -> r
                    .userPoolId(poolId)
                    .username(invitation.userName())
                    .userAttributes(attribute("email", invitation.email()), attribute("email_verified", "true"),
                            attribute("preferred_username", invitation.userName()))
                    .desiredDeliveryMediums(DeliveryMediumType.EMAIL)));
            invited.add(invitation.userName());
            ctx.log().info("Invited " + invitation.userName() + ": Cognito e-mails " + invitation.email()
                    + " a temporary password");
        }
        return invited;
    }

    private static AttributeType attribute(String name, String value) {
        return AttributeType.builder().name(name).value(value).build();
    }

    private static InvitedUser invited(UserType user) {
        Map<String, String> attributes = user.attributes().stream()
                .collect(Collectors.toMap(AttributeType::name, a -> a.value() == null ? "" : a.value(), (a, b) -> a));
        String name = attributes.getOrDefault("preferred_username", user.username());
        return new InvitedUser(name, attributes.getOrDefault("email", ""), user.userStatusAsString(),
                Boolean.TRUE.equals(user.enabled()));
    }
}
