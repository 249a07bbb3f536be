package dev.hubwizard.cost;

/** One region's unit prices in US dollars. */
public record RegionPrices(double vcpuHour, double gbHour, double armVcpuHour, double armGbHour, double logIngestGb,
                           double logStorageGbMonth, double albHour, double lcuHour, double efsGbMonth,
                           double ecrGbMonth) {
}
