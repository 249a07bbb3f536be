package dev.hubwizard.operate;

import dev.hubwizard.aws.AwsClients;
import dev.hubwizard.aws.ProfileTags;
import dev.hubwizard.aws.TaggedCosts;
import dev.hubwizard.cost.CostEstimate;
import dev.hubwizard.engine.ProblemException;
import dev.hubwizard.profile.AwsTarget;
import dev.hubwizard.profile.Profile;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.Function;

/**
 * A hub's month-to-date cost from Cost Explorer, where the account allows it: the resources tagged with the
 * profile ({@code hubwizard:profile}), once that tag is an active cost allocation tag. Each look costs AWS's
 * $0.01 per Cost Explorer request, so it is asked once per start screen, not on every refresh.
 */
public final class HubSpending {

    static final String HOW_TO_ACTIVATE = "In the AWS console: Billing and Cost Management → Cost allocation tags →"
            + " User-defined cost allocation tags → select " + ProfileTags.PROFILE_KEY + " → Activate (from the"
            + " organization's management account, if the account is in one). Costs count from then on; AWS takes up"
            + " to a day to start.";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);

    private final Function<AwsTarget, AwsClients> clients;
    private final Clock clock;

    public HubSpending(Function<AwsTarget, AwsClients> clients, Clock clock) {
        this.clients = clients;
        this.clock = clock;
    }

    /** This month's cost of the hub's tagged resources, or why it is not known; never throws. */
    public MonthToDate read(Profile profile) {
        if (!HubStatusReader.hasService(profile)) {
            return new MonthToDate(MonthToDate.Kind.NOTHING, "—", "");
        }
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        try {
            TaggedCosts.MonthToDate spent = new TaggedCosts(clients.apply(profile.aws()))
                    .monthToDate(profile.name(), today);
            return switch (spent.status()) {
                case COUNTED -> new MonthToDate(MonthToDate.Kind.COUNTED, money(spent.amount(), spent.currency()),
                        "What AWS billed from " + DAY.format(spent.from()) + " to today for the resources tagged "
                                + ProfileTags.PROFILE_KEY + "=" + profile.name() + " (Cost Explorer; up to a day"
                                + " behind, and only since the tag was activated).");
                case TAG_INACTIVE -> new MonthToDate(MonthToDate.Kind.TAG_NOT_ACTIVE, "Tag not active",
                        "AWS does not count costs by the tag " + ProfileTags.PROFILE_KEY + " yet: it is not an active"
                                + " cost allocation tag. " + HOW_TO_ACTIVATE);
                case TAG_UNKNOWN -> new MonthToDate(MonthToDate.Kind.TAG_NOT_ACTIVE, "Tag not seen yet",
                        "AWS billing has not seen the tag " + ProfileTags.PROFILE_KEY + " yet: it appears up to a day"
                                + " after a tagged resource first costs something. Then activate it: "
                                + HOW_TO_ACTIVATE);
            };
        } catch (ProblemException e) {
            return new MonthToDate(MonthToDate.Kind.UNAVAILABLE, "Not available", "Cost Explorer could not be"
                    + " asked: " + e.problem().text() + " It needs ce:GetCostAndUsage and ce:ListCostAllocationTags,"
                    + " and Cost Explorer enabled for the account (Billing and Cost Management → Cost Explorer).");
        } catch (RuntimeException e) {
            return new MonthToDate(MonthToDate.Kind.UNAVAILABLE, "Not available", "Cost Explorer could not be"
                    + " asked: " + e.getMessage());
        }
    }

    private static String money(double amount, String currency) {
        return "USD".equals(currency) ? CostEstimate.dollars(amount)
                : String.format(Locale.ROOT, "%,.2f %s", amount, currency);
    }
}
