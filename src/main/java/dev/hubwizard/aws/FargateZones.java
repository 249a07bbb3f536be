package dev.hubwizard.aws;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Where Fargate runs tasks, by Availability Zone ID. There is no API for it: AWS documents, per region, the zone IDs
 * Fargate serves where it does not serve them all ({@code fargate-zones.properties}, with its source and date). A
 * subnet in another zone of such a region takes no Fargate task.
 *
 * @param restricted the zone IDs Fargate serves, by region, for the regions where it does not serve every zone
 */
public record FargateZones(Map<String, Set<String>> restricted) {

    private static final String FILE = "fargate-zones.properties";

    public FargateZones {
        restricted = Map.copyOf(restricted);
    }

    /** The list this version of Hub Wizard ships. */
    public static FargateZones bundled() {
        Properties file = new Properties();
        try (InputStream in = FargateZones.class.getResourceAsStream(FILE)) {
            if (in == null) {
                throw new IllegalStateException(FILE + " is missing from the application");
            }
            file.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Set<String>> zones = new TreeMap<>();
        file.stringPropertyNames().forEach(region -> zones.put(region, Arrays.stream(file.getProperty(region)
                .split(",")).map(String::trim).filter(z -> !z.isEmpty()).collect(Collectors.toUnmodifiableSet())));
        return new FargateZones(zones);
    }

    /** Whether Fargate runs tasks in zone {@code zoneId} of {@code region}. */
    public boolean serves(String region, String zoneId) {
        Set<String> served = restricted.get(region);
        return served == null || served.contains(zoneId);
    }

    /** The zone IDs Fargate serves in {@code region}, in words, for messages. */
    public String describe(String region) {
        Set<String> served = restricted.get(region);
        return served == null ? "every zone of " + region
                : String.join(", ", new java.util.TreeSet<>(served)) + " in " + region;
    }
}
