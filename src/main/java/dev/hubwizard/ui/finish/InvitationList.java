package dev.hubwizard.ui.finish;

import dev.hubwizard.aws.CognitoUsers.Invitation;
import dev.hubwizard.deploy.InviteUsersStep;
import dev.hubwizard.profile.Profile;
import dev.hubwizard.profile.UserNames;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The invitation dialog's text: one person per line, either an e-mail address (when the hub name is that
 * address, normalised) or a hub name and an e-mail address.
 */
final class InvitationList {

    private InvitationList() {
    }

    static List<Invitation> parse(String text) {
        List<Invitation> invitations = new ArrayList<>();
        for (String line : text.split("\\R")) {
            String[] words = line.trim().split("[\\s,;]+");
            if (words.length == 1 && !words[0].isEmpty()) {
                invitations.add(Invitation.byEmail(words[0]));
            } else if (words.length == 2) {
                invitations.add(new Invitation(UserNames.normalise(words[0]), words[1]));
            } else if (words.length > 2) {
                invitations.add(new Invitation(line.trim(), ""));
            }
        }
        return invitations;
    }

    /** What is wrong with the text for this profile's hub, or empty. */
    static Optional<String> problem(String text, Profile profile) {
        List<Invitation> invitations = parse(text);
        if (invitations.isEmpty()) {
            return Optional.of("Write one person per line: an e-mail address, or a hub name and an e-mail address");
        }
        List<String> problems = InviteUsersStep.problems(profile, invitations);
        return problems.isEmpty() ? Optional.empty() : Optional.of(problems.get(0));
    }
}
