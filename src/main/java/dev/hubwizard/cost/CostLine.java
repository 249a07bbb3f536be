package dev.hubwizard.cost;

/**
 * One line of an estimate.
 *
 * @param item    what is paid for ("Fargate task: 1 vCPU, 2 GB")
 * @param monthly US dollars per month
 * @param basis   how it was worked out ("730 h × $0.04048 per vCPU-hour")
 */
public record CostLine(String item, double monthly, String basis) {
}
