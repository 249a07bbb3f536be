package dev.hubwizard.aws;

import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.RegionMetadata;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The commercial AWS regions the SDK knows, with their names ("US East (N. Virginia)"). */
public final class AwsRegions {

    public record RegionChoice(String id, String name) {
        @Override
        public String toString() {
            return name.isBlank() ? id : id + " — " + name;
        }
    }

    private AwsRegions() {
    }

    public static List<RegionChoice> all() {
        return Region.regions().stream()
                .filter(r -> !r.isGlobalRegion() && r.metadata() != null && "aws".equals(r.metadata().partition().id()))
                .map(r -> new RegionChoice(r.id(), r.metadata().description()))
                .sorted(Comparator.comparing(RegionChoice::id))
                .toList();
    }

    public static Optional<RegionChoice> find(String id) {
        return Optional.ofNullable(Region.of(id).metadata()).map(RegionMetadata::description)
                .map(name -> new RegionChoice(id, name));
    }
}
