package dev.hubwizard.cli;

import dev.hubwizard.profile.FieldProblem;
import dev.hubwizard.profile.Profile;
import dev.hubwizard.profile.ProfileException;
import dev.hubwizard.profile.ProfileValidator;

import java.util.List;
import java.util.Optional;

/** Loads the profile a command names and checks it once, saying on stderr what is wrong. */
final class ProfileLoader {

    private ProfileLoader() {
    }

    /** The profile, or empty after telling the user why not (exit with {@link ExitCodes#BROKEN_PROFILE}). */
    static Optional<Profile> load(CliContext context, String name, boolean validate) {
        Profile profile;
        try {
            profile = context.store().load(name);
        } catch (ProfileException e) {
            context.err().println(e.problem().text());
            return Optional.empty();
        }
        if (validate) {
            List<FieldProblem> problems = ProfileValidator.validate(profile);
            if (!problems.isEmpty()) {
                context.err().println("Profile " + name + " cannot be deployed yet; fix these in the wizard or in "
                        + context.store().directory().resolve(name + ".yaml") + ":");
                problems.forEach(p -> context.err().println("  " + p.field() + ": " + p.message()));
                return Optional.empty();
            }
        }
        return Optional.of(profile);
    }
}
