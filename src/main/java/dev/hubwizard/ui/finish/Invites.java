package dev.hubwizard.ui.finish;

import dev.hubwizard.aws.CognitoUsers.InvitedUser;
import dev.hubwizard.aws.CognitoUsers.Invitation;

import java.util.List;

/** The hub's Cognito invitations, as the finish page needs them; both calls are slow (AWS), never on the FX thread. */
public interface Invites {

    List<InvitedUser> invited() throws Exception;

    /** Invites them (Cognito e-mails each a temporary password); throws with the problem when it could not. */
    void invite(List<Invitation> invitations) throws Exception;
}
