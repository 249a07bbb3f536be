package dev.hubwizard.cost;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * What a profile's hub costs a month, line by line, with the date and source of the prices.
 * Empty lines and {@link #known()} false when the region is not in the price list.
 *
 * @param whilePaused what the same parts cost a month while the hub is paused (its task stopped): what stays
 */
public record CostEstimate(String region, List<CostLine> lines, LocalDate priceDate, String source,
                           double whilePaused) {

    public CostEstimate {
        lines = List.copyOf(lines);
    }

    /** "about $18.40 a month while paused", or empty when pausing saves nothing (no task, or no price data). */
    public String pausedSummary() {
        if (!known() || whilePaused >= monthlyTotal()) {
            return "";
        }
        return "about " + dollars(whilePaused) + " a month while paused";
    }

    public boolean known() {
        return !lines.isEmpty();
    }

    public double monthlyTotal() {
        return lines.stream().mapToDouble(CostLine::monthly).sum();
    }

    /** "about $40.05 a month" or an honest "no price data". */
    public String summary() {
        if (!known()) {
            return "No price data for " + region + ": see the AWS pricing pages";
        }
        return "about " + dollars(monthlyTotal()) + " a month";
    }

    /** Where the figures come from, for the line under every estimate. */
    public String attribution() {
        return "List prices in US dollars for " + region + " as of " + priceDate + " (" + source
                + "); taxes not included, free tiers only where a line says so.";
    }

    public static String dollars(double amount) {
        return String.format(Locale.ROOT, "$%,.2f", amount);
    }
}
