package dev.hubwizard.cost;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The prices behind every cost estimate, read from one data file ({@code prices.yaml}) so that
 * updating them is editing numbers, not code. The estimate always states the date and source.
 */
public record PriceList(LocalDate date, String source, double hoursPerMonth, double publicIpv4PerHour,
                        double secretPerMonth, double hostedZonePerMonth, double logGbPerMonth, double imageGb, double homesGb,
                        double loadBalancerCapacityUnits, EdgePrices cloudFront, Map<String, RegionPrices> regions) {

    public PriceList {
        regions = Map.copyOf(regions);
    }

    public Optional<RegionPrices> region(String region) {
        return Optional.ofNullable(regions.get(region));
    }

    /** The price list shipped with the app. */
    public static PriceList bundled() {
        try (InputStream in = PriceList.class.getResourceAsStream("prices.yaml")) {
            if (in == null) {
                throw new IllegalStateException("prices.yaml is missing from the app");
            }
            return parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static PriceList parse(InputStream in) {
        Map<String, Object> root = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        Map<String, Object> global = (Map<String, Object>) root.get("global");
        Map<String, Object> usage = (Map<String, Object>) root.get("usage");
        Map<String, RegionPrices> regions = new LinkedHashMap<>();
        ((Map<String, Map<String, Object>>) root.get("regions")).forEach((name, p) -> regions.put(name,
                new RegionPrices(number(p, "vcpuHour"), number(p, "gbHour"), number(p, "armVcpuHour"),
                        number(p, "armGbHour"), number(p, "logIngestGb"), number(p, "logStorageGbMonth"),
                        number(p, "albHour"), number(p, "lcuHour"), number(p, "efsGbMonth"),
                        number(p, "ecrGbMonth"))));
        Map<String, Object> edge = (Map<String, Object>) root.get("cloudFront");
        EdgePrices cloudFront = new EdgePrices(number(edge, "dataOutGb"), number(edge, "requestsPer10k"),
                number(edge, "freeDataOutGb"), number(edge, "freeRequests"), (String) edge.get("freeTier"),
                number(usage, "edgeGbPerPerson"), number(usage, "edgeRequestsPerPerson"),
                (int) number(usage, "assumedPeople"));
        Object date = root.get("date");
        return new PriceList(date instanceof java.util.Date d
                ? d.toInstant().atZone(java.time.ZoneOffset.UTC).toLocalDate() : LocalDate.parse(date.toString()),
                (String) root.get("source"), number(root, "hoursPerMonth"), number(global, "publicIpv4PerHour"),
                number(global, "secretPerMonth"), number(global, "hostedZonePerMonth"), number(usage, "logGbPerMonth"), number(usage, "imageGb"),
                number(usage, "homesGb"), number(usage, "loadBalancerCapacityUnits"), cloudFront, regions);
    }

    private static double number(Map<String, Object> map, String key) {
        Object value = map.get(key);
        if (!(value instanceof Number n)) {
            throw new IllegalStateException("prices.yaml: '" + key + "' must be a number, not " + value);
        }
        return n.doubleValue();
    }
}
