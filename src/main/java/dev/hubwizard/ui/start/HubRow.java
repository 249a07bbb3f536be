package dev.hubwizard.ui.start;

import dev.hubwizard.engine.Problem;
import dev.hubwizard.profile.DeploymentState;
import dev.hubwizard.profile.DeploymentStatus;
import dev.hubwizard.profile.Profile;
import dev.hubwizard.profile.ProfileEntry;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One line of the start screen's list: a profile and what the list shows of it, in words. A file
 * that could not be read is a row too, with the reason, so the user learns about it.
 *
 * @param lastDeployed      relative ("3 hours ago"), or "Never"
 * @param lastDeployedExact the exact time, for the tooltip; empty when never deployed
 * @param problem           for a file that could not be read: what happened; empty otherwise
 * @param mistakes          the file's mistakes, each naming file, line and key (or why it could not be read)
 * @param fix               what to do about it
 */
public record HubRow(ProfileEntry entry, String region, String state, String stateDetail, String lastDeployed,
                     String lastDeployedExact, String url, String problem, List<String> mistakes, String fix) {

    public HubRow {
        mistakes = List.copyOf(mistakes);
    }

    static HubRow of(ProfileEntry entry, Instant now, ZoneId zone) {
        if (entry instanceof ProfileEntry.Loaded loaded) {
            Profile profile = loaded.profile();
            DeploymentState deployment = profile.deployment();
            Instant at = deployment.deployedAt();
            return new HubRow(entry, profile.aws().region(), words(deployment.status()), detail(deployment.status()),
                    at == null ? "Never" : RelativeTime.describe(at, now, zone),
                    at == null ? "" : RelativeTime.exact(at, zone), deployment.url(), "", List.of(), "");
        }
        ProfileEntry.Broken broken = (ProfileEntry.Broken) entry;
        Problem problem = broken.problem().problem();
        List<String> mistakes = broken.problem().mistakes().isEmpty() && !problem.why().isBlank()
                ? List.of(problem.why()) : broken.problem().mistakes();
        return new HubRow(entry, "", "Cannot be read", "Hub Wizard could not read " + broken.file().getFileName()
                + "; the other hubs are not affected. The reason is shown under the list.", "", "", "",
                problem.what(), mistakes, problem.next());
    }

    public String name() {
        return entry.name();
    }

    public boolean isBroken() {
        return entry instanceof ProfileEntry.Broken;
    }

    public Optional<Profile> profile() {
        return entry instanceof ProfileEntry.Loaded loaded ? Optional.of(loaded.profile()) : Optional.empty();
    }

    /** The status as a CSS-friendly word: {@code deployed}, {@code failed}, … or {@code broken}. */
    public String styleName() {
        return profile().map(p -> p.deployment().status().name().toLowerCase(Locale.ROOT).replace('_', '-'))
                .orElse("broken");
    }

    static String words(DeploymentStatus status) {
        return switch (status) {
            case NEW -> "Not deployed yet";
            case DEPLOYING -> "Deploy unfinished";
            case DEPLOYED -> "Deployed";
            case FAILED -> "Last deploy failed";
            case TORN_DOWN -> "Torn down";
        };
    }

    static String detail(DeploymentStatus status) {
        return switch (status) {
            case NEW -> "Open it to go through the settings and deploy it.";
            case DEPLOYING -> "The last deploy did not finish: the app closed, or it is still deploying in another "
                    + "window. Redeploy to finish it, or tear it down.";
            case DEPLOYED -> "The hub was running when Hub Wizard last looked.";
            case FAILED -> "The last deploy stopped with an error. Open the hub to see the log, then redeploy.";
            case TORN_DOWN -> "Its AWS resources were removed. Redeploy to bring it back.";
        };
    }
}
