package dev.hubwizard.ui.start;

import dev.hubwizard.cost.CostEstimator;
import dev.hubwizard.deploy.ResourcesInAws;
import dev.hubwizard.engine.Problem;
import dev.hubwizard.profile.DeploymentState;
import dev.hubwizard.profile.HubStanding;
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
 * @param standing          where the hub stands; null for a file that could not be read
 * @param inAws             what its journal records in AWS and what that costs ("12 resources in AWS, about $38.12
 *                          a month"); empty when nothing
 */
public record HubRow(ProfileEntry entry, String region, String state, String stateDetail, String lastDeployed,
                     String lastDeployedExact, String url, String problem, List<String> mistakes, String fix,
                     HubStanding standing, String inAws) {

    public HubRow {
        mistakes = List.copyOf(mistakes);
    }

    static HubRow of(ProfileEntry entry, Instant now, ZoneId zone, CostEstimator costs) {
        if (entry instanceof ProfileEntry.Loaded loaded) {
            Profile profile = loaded.profile();
            DeploymentState deployment = profile.deployment();
            Instant at = deployment.deployedAt();
            HubStanding standing = HubStanding.of(deployment);
            ResourcesInAws resources = ResourcesInAws.of(profile, costs);
            String inAws = resources.isEmpty() ? "" : resources.text();
            return new HubRow(entry, profile.aws().region(), words(standing), detail(standing, inAws),
                    at == null ? "Never" : RelativeTime.describe(at, now, zone),
                    at == null ? "" : RelativeTime.exact(at, zone), deployment.url(), "", List.of(), "", standing,
                    inAws);
        }
        ProfileEntry.Broken broken = (ProfileEntry.Broken) entry;
        Problem problem = broken.problem().problem();
        List<String> mistakes = broken.problem().mistakes().isEmpty() && !problem.why().isBlank()
                ? List.of(problem.why()) : broken.problem().mistakes();
        return new HubRow(entry, "", "Cannot be read", "Hub Wizard could not read " + broken.file().getFileName()
                + "; the other hubs are not affected. The reason is shown under the list.", "", "", "",
                problem.what(), mistakes, problem.next(), null, "");
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

    public boolean isInterrupted() {
        return standing == HubStanding.INTERRUPTED;
    }

    /** Where the hub stands as a CSS-friendly word: {@code deployed}, {@code interrupted}, … or {@code broken}. */
    public String styleName() {
        return standing == null ? "broken" : standing.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static String words(HubStanding standing) {
        return switch (standing) {
            case NOT_DEPLOYED -> "Not deployed yet";
            case INTERRUPTED -> "Interrupted";
            case DEPLOYED -> "Deployed";
            case LAST_DEPLOY_FAILED -> "Last deploy failed";
            case TORN_DOWN -> "Torn down";
        };
    }

    static String detail(HubStanding standing, String inAws) {
        return switch (standing) {
            case NOT_DEPLOYED -> "Nothing of it is in AWS yet. Open it to go through the settings, then deploy it.";
            case INTERRUPTED -> "A deploy created " + inAws + " but stopped before the hub ran: the app was closed,"
                    + " the deploy was cancelled, or a step failed. Resume finishes it; Tear down removes what it"
                    + " created.";
            case DEPLOYED -> "The hub was running when Hub Wizard last looked.";
            case LAST_DEPLOY_FAILED -> "The last deploy stopped with an error. Open the hub to see the log, then"
                    + " redeploy.";
            case TORN_DOWN -> "Its AWS resources were removed" + (inAws.isEmpty() ? "" : " (kept: " + inAws + ")")
                    + ". Deploy brings it back.";
        };
    }
}
