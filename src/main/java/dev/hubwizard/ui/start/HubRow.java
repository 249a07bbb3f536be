package dev.hubwizard.ui.start;

import dev.hubwizard.cost.CostEstimate;
import dev.hubwizard.cost.CostEstimator;
import dev.hubwizard.deploy.ResourcesInAws;
import dev.hubwizard.engine.Problem;
import dev.hubwizard.operate.HubStatus;
import dev.hubwizard.operate.LiveState;
import dev.hubwizard.operate.MonthToDate;
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
 * @param cost              what it costs a month as it stands (paused: without its task), "—" when nothing
 * @param live              where it stands in AWS right now; null until looked up (or when it has nothing there)
 * @param spent             what AWS billed this month for its tagged resources; null until looked up
 */
public record HubRow(ProfileEntry entry, String region, String state, String stateDetail, String lastDeployed,
                     String lastDeployedExact, String url, String problem, List<String> mistakes, String fix,
                     HubStanding standing, String inAws, String cost, HubStatus live, MonthToDate spent) {

    public HubRow {
        mistakes = List.copyOf(mistakes);
    }

    /** The same row with its live status, as AWS just told it. */
    public HubRow withLive(HubStatus status) {
        return new HubRow(entry, region, state, stateDetail, lastDeployed, lastDeployedExact, url, problem, mistakes,
                fix, standing, inAws, cost, status, spent);
    }

    /** The same row with this month's cost, as Cost Explorer just told it. */
    public HubRow withSpent(MonthToDate value) {
        return new HubRow(entry, region, state, stateDetail, lastDeployed, lastDeployedExact, url, problem, mistakes,
                fix, standing, inAws, cost, live, value);
    }

    /** What the State column says: the live state once known, else what the profile last recorded. */
    public String shownState() {
        return live == null || live.state() == LiveState.NOT_IN_AWS ? state : live.state().words();
    }

    public String shownDetail() {
        return live == null || live.state() == LiveState.NOT_IN_AWS ? stateDetail : live.detail()
                + (live.serversNote().isEmpty() ? "" : "\n\n" + live.serversNote());
    }

    /** The address the hub answers at now when AWS told it, else the one last recorded. */
    public String shownUrl() {
        if (live != null && !live.url().isEmpty()) {
            return live.url();
        }
        // A paused or deleted hub answers nowhere: its last address would only mislead.
        boolean nowhere = live != null && (live.state() == LiveState.PAUSED || live.state() == LiveState.PAUSING
                || live.state() == LiveState.GONE);
        return nowhere ? "" : url;
    }

    /** Whether the hub is paused, as AWS says or (until it has said) as last recorded. */
    public boolean isPaused() {
        return live != null && live.state() != LiveState.NOT_IN_AWS
                ? live.state() == LiveState.PAUSED || live.state() == LiveState.PAUSING
                : standing == HubStanding.PAUSED;
    }

    /** Style class of the state: the live one once known ({@code live-answering}), else the recorded one. */
    public String shownStyleName() {
        return live == null || live.state() == LiveState.NOT_IN_AWS ? styleName()
                : "live-" + live.state().name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static HubRow of(ProfileEntry entry, Instant now, ZoneId zone, CostEstimator costs) {
        if (entry instanceof ProfileEntry.Loaded loaded) {
            Profile profile = loaded.profile();
            DeploymentState deployment = profile.deployment();
            Instant at = deployment.deployedAt();
            HubStanding standing = HubStanding.of(deployment);
            ResourcesInAws resources = ResourcesInAws.of(profile, costs);
            String inAws = resources.isEmpty() ? "" : resources.text();
            String cost = !resources.billed() ? "—" : resources.cost().known()
                    ? CostEstimate.dollars(resources.cost().monthlyTotal()) : "no price data";
            return new HubRow(entry, profile.aws().region(), words(standing), detail(standing, inAws),
                    at == null ? "Never" : RelativeTime.describe(at, now, zone),
                    at == null ? "" : RelativeTime.exact(at, zone), deployment.url(), "", List.of(), "", standing,
                    inAws, cost, null, null);
        }
        ProfileEntry.Broken broken = (ProfileEntry.Broken) entry;
        Problem problem = broken.problem().problem();
        List<String> mistakes = broken.problem().mistakes().isEmpty() && !problem.why().isBlank()
                ? List.of(problem.why()) : broken.problem().mistakes();
        return new HubRow(entry, "", "Cannot be read", "Hub Wizard could not read " + broken.file().getFileName()
                + "; the other hubs are not affected. The reason is shown under the list.", "", "", "",
                problem.what(), mistakes, problem.next(), null, "", "", null, null);
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
            case PAUSED -> "Paused";
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
            case PAUSED -> "Paused: its service runs no task, so Fargate bills nothing for it; " + inAws
                    + " while paused. Resume starts it again.";
            case LAST_DEPLOY_FAILED -> "The last deploy stopped with an error. Open the hub to see the log, then"
                    + " redeploy.";
            case TORN_DOWN -> "Its AWS resources were removed" + (inAws.isEmpty() ? "" : " (kept: " + inAws + ")")
                    + ". Deploy brings it back.";
        };
    }
}
