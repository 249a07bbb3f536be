package dev.hubwizard.operate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hubwizard.aws.AwsClients;
import dev.hubwizard.aws.AwsTexts;
import dev.hubwizard.aws.ProfileTags;
import dev.hubwizard.aws.SsmParameters;
import dev.hubwizard.aws.signin.MfaCodePrompt;
import dev.hubwizard.deploy.HubUserLists;
import dev.hubwizard.engine.Problem;
import dev.hubwizard.engine.ProblemException;
import dev.hubwizard.profile.HubSettings;
import dev.hubwizard.profile.Profile;
import dev.hubwizard.profile.ProfileException;
import dev.hubwizard.profile.ProfileStore;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Changes a deployed hub's admins and allowed users while it runs: the profile first (the wanted state, so that
 * nothing is lost when the app stops halfway), then the hub's lists parameter, which the hub reads every 30 s.
 * Writing the same lists again makes no new version, so running a change again, or a deploy, completes an
 * interrupted one without doing anything twice. No rebuild, no push, no new task.
 */
public final class HubUsers {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ProfileStore store;
    private final SsmParameters parameters;
    private final AwsTexts texts;

    public HubUsers(ProfileStore store, AwsClients aws, String profileName) {
        this.store = store;
        this.parameters = new SsmParameters(aws, new ProfileTags(profileName));
        this.texts = new AwsTexts(profileName);
    }

    /** When the running hub last applied its lists, and which version of them. */
    public record PickedUp(Instant at, long version) {
    }

    /**
     * What the hub has been given and what it took.
     *
     * @param lists    the lists in the parameter
     * @param version  the parameter's version (each change makes the next)
     * @param pickedUp what the hub wrote when it last applied the lists; empty: it has not yet (or cannot)
     */
    public record Lists(HubUserLists lists, long version, Optional<PickedUp> pickedUp) {

        /** The hub has applied the newest lists. */
        public boolean current() {
            return pickedUp.filter(p -> p.version() >= version).isPresent();
        }
    }

    /** What a change did: the profile as saved, and the version sent to the hub, or why it was not sent. */
    public record Change(Profile profile, Optional<Long> sentVersion, Optional<Problem> notSent) {
    }

    /** Work with a profile's hub users service. */
    @FunctionalInterface
    public interface Work<T> {
        T run(HubUsers users) throws ProblemException;
    }

    /** Runs {@code work} with AWS clients of the profile's own, closed afterwards. Slow: never on the FX thread. */
    public static <T> T using(ProfileStore store, Profile profile, MfaCodePrompt mfaCodes, Work<T> work)
            throws ProblemException {
        try (AwsClients aws = new AwsClients(profile.aws(), mfaCodes)) {
            return work.run(new HubUsers(store, aws, profile.name()));
        }
    }

    /** The hub's lists as AWS holds them. */
    public Lists read() throws ProblemException {
        SsmParameters.Parameter users = parameters.find(texts.usersParameter()).orElseThrow(() ->
                new ProblemException("This hub has no live lists of users yet",
                        "it was deployed before Hub Wizard could change users while the hub runs (there is no "
                                + texts.usersParameter() + " in its region)",
                        "Deploy it once (Redeploy): from then on users change without a new task"));
        HubUserLists lists = HubUserLists.parse(users.value()).orElseThrow(() -> new ProblemException(
                "The hub's lists of users could not be read", texts.usersParameter() + " holds something other "
                + "than Hub Wizard's lists", "Save the users again here: that writes the lists anew"));
        return new Lists(lists, users.version(), parameters.find(texts.usersPickedUpParameter())
                .flatMap(p -> pickedUp(p.value())));
    }

    /**
     * Checks the names (nothing is sent when one is invalid), saves them in the profile, then sends them to the
     * hub. When AWS cannot be reached the profile keeps them and {@link Change#notSent} says so: they reach the
     * hub when the change is applied again or with the next deploy, when the hub next starts.
     *
     * @throws ProblemException when a name is invalid (with the reason) or the profile cannot be saved
     */
    public Change change(Profile profile, HubUserLists wanted) throws ProblemException {
        Optional<String> problem = wanted.problem();
        if (problem.isPresent()) {
            throw new ProblemException("The users were not changed", problem.get(),
                    "Correct the names and apply again; nothing was sent to the hub");
        }
        Profile saved;
        try {
            HubSettings hub = profile.hub();
            saved = store.update(profile.name(), onDisk -> onDisk.withHub(new HubSettings(onDisk.hub().imageFolder(),
                    wanted.admins(), wanted.allowedUsers(), hub.signIn(), onDisk.hub().cognito(),
                    onDisk.hub().localPort(), onDisk.hub().hostNetwork(), onDisk.hub().expectedUsers())));
        } catch (ProfileException e) {
            throw new ProblemException("The users were not changed", "the profile could not be saved: "
                    + e.getMessage(), "Check that the profile folder can be written, then apply again");
        }
        try {
            SsmParameters.Parameter written = parameters.write(texts.usersParameter(), wanted.json());
            return new Change(saved, Optional.of(written.version()), Optional.empty());
        } catch (ProblemException e) {
            return new Change(saved, Optional.empty(), Optional.of(new Problem(
                    "The change is saved in the profile but did not reach the hub",
                    e.problem().what() + ": " + e.problem().why(),
                    "The hub keeps its current users for now. Apply again once AWS can be reached; a deploy also "
                            + "sends the saved lists, and the hub picks them up when it next starts")));
        }
    }

    /** {@code {"pickedUpAt": "2026-12-03T14:00:00Z", "version": 3, ...}}, as the hub writes it. */
    static Optional<PickedUp> pickedUp(String json) {
        try {
            JsonNode value = JSON.readTree(json);
            if (value == null || !value.hasNonNull("pickedUpAt") || !value.path("version").canConvertToLong()) {
                return Optional.empty();
            }
            return Optional.of(new PickedUp(Instant.parse(value.get("pickedUpAt").asText()),
                    value.get("version").asLong()));
        } catch (java.io.IOException | DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
