package dev.hubwizard.aws;

import dev.hubwizard.engine.ProblemException;
import software.amazon.awssdk.services.costexplorer.model.CostAllocationTag;
import software.amazon.awssdk.services.costexplorer.model.CostAllocationTagStatus;
import software.amazon.awssdk.services.costexplorer.model.CostAllocationTagType;
import software.amazon.awssdk.services.costexplorer.model.Granularity;
import software.amazon.awssdk.services.costexplorer.model.MetricValue;

import java.time.LocalDate;
import java.util.Optional;

import static dev.hubwizard.aws.AwsCall.call;

/**
 * What AWS billed this month for the resources tagged with a profile: Cost Explorer's GetCostAndUsage filtered by the
 * {@code hubwizard:profile} tag. Billing sees a tag only once it is activated as a cost allocation tag (by the
 * account, or its organization's management account), and counts costs from then on; ListCostAllocationTags says
 * whether it is. Each GetCostAndUsage request costs $0.01: callers ask once, not on every refresh.
 */
public final class TaggedCosts {

    /** Where the profile's tag stands in billing, and what it found. */
    public enum Status {
        /** Active: {@code amount} is this month's cost of the tagged resources. */
        COUNTED,
        /** Billing knows the tag but it is not activated: costs are not counted by it. */
        TAG_INACTIVE,
        /** Billing has not seen the tag yet (it appears up to a day after a tagged resource first costs). */
        TAG_UNKNOWN
    }

    /**
     * @param amount   this month's cost so far, in {@code currency}; 0 unless {@link Status#COUNTED}
     * @param from     the first day counted
     * @param to       the day after the last one counted (Cost Explorer's end is exclusive)
     */
    public record MonthToDate(Status status, double amount, String currency, LocalDate from, LocalDate to) {
    }

    private final AwsClients aws;

    public TaggedCosts(AwsClients aws) {
        this.aws = aws;
    }

    public MonthToDate monthToDate(String profileName, LocalDate today) throws ProblemException {
        LocalDate from = today.withDayOfMonth(1);
        LocalDate to = today.plusDays(1);
        Optional<CostAllocationTag> tag = call("ce:ListCostAllocationTags", () -> aws.costExplorer()
                .listCostAllocationTags(r -> r.tagKeys(ProfileTags.PROFILE_KEY).type(CostAllocationTagType.USER_DEFINED))
                .costAllocationTags().stream().filter(t -> ProfileTags.PROFILE_KEY.equals(t.tagKey())).findFirst());
        if (tag.isEmpty()) {
            return new MonthToDate(Status.TAG_UNKNOWN, 0, "USD", from, to);
        }
        if (tag.get().status() != CostAllocationTagStatus.ACTIVE) {
            return new MonthToDate(Status.TAG_INACTIVE, 0, "USD", from, to);
        }
        var results = call("ce:GetCostAndUsage", () -> aws.costExplorer().getCostAndUsage(r -> r
                .timePeriod(p -> p.start(from.toString()).end(to.toString()))
                .granularity(Granularity.MONTHLY)
                .metrics("UnblendedCost")
                .filter(f -> f.tags(t -> t.key(ProfileTags.PROFILE_KEY).values(profileName)))).resultsByTime());
        double amount = 0;
        String currency = "USD";
        for (var period : results) {
            MetricValue cost = period.total().get("UnblendedCost");
            if (cost != null && cost.amount() != null) {
                amount += Double.parseDouble(cost.amount());
                currency = cost.unit() == null ? currency : cost.unit();
            }
        }
        return new MonthToDate(Status.COUNTED, amount, currency, from, to);
    }
}
