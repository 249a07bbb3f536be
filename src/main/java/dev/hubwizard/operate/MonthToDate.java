package dev.hubwizard.operate;

/**
 * What AWS billed this month for a hub's tagged resources, as Cost Explorer tells it, or why it cannot tell.
 *
 * @param text   for a list: "$12.34", "Tag not active", "Not allowed"
 * @param detail what it means and what to do
 */
public record MonthToDate(Kind kind, String text, String detail) {

    public enum Kind {
        /** Counted: {@code text} is the amount. */
        COUNTED,
        /** The profile tag is not an active cost allocation tag: billing does not count by it (yet). */
        TAG_NOT_ACTIVE,
        /** Cost Explorer could not be asked: not allowed, not enabled, no network. */
        UNAVAILABLE,
        /** The hub has nothing in AWS: nothing to ask. */
        NOTHING
    }
}
