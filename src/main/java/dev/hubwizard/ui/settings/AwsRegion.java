package dev.hubwizard.ui.settings;

import java.util.List;

/**
 * An AWS region as the region list shows it: {@code us-east-1 — US East (N. Virginia)}.
 *
 * @param name the region's name for people; empty when unknown (then only the id is shown)
 */
public record AwsRegion(String id, String name) {

    /**
     * The commercial regions where Fargate runs, for when no better list is wired in. The composition
     * root may replace it with the SDK's region metadata; the settings page shows whatever it is given.
     */
    public static final List<AwsRegion> COMMERCIAL = List.of(
            new AwsRegion("us-east-1", "US East (N. Virginia)"),
            new AwsRegion("us-east-2", "US East (Ohio)"),
            new AwsRegion("us-west-1", "US West (N. California)"),
            new AwsRegion("us-west-2", "US West (Oregon)"),
            new AwsRegion("af-south-1", "Africa (Cape Town)"),
            new AwsRegion("ap-east-1", "Asia Pacific (Hong Kong)"),
            new AwsRegion("ap-south-1", "Asia Pacific (Mumbai)"),
            new AwsRegion("ap-south-2", "Asia Pacific (Hyderabad)"),
            new AwsRegion("ap-northeast-1", "Asia Pacific (Tokyo)"),
            new AwsRegion("ap-northeast-2", "Asia Pacific (Seoul)"),
            new AwsRegion("ap-northeast-3", "Asia Pacific (Osaka)"),
            new AwsRegion("ap-southeast-1", "Asia Pacific (Singapore)"),
            new AwsRegion("ap-southeast-2", "Asia Pacific (Sydney)"),
            new AwsRegion("ap-southeast-3", "Asia Pacific (Jakarta)"),
            new AwsRegion("ap-southeast-4", "Asia Pacific (Melbourne)"),
            new AwsRegion("ca-central-1", "Canada (Central)"),
            new AwsRegion("ca-west-1", "Canada West (Calgary)"),
            new AwsRegion("eu-central-1", "Europe (Frankfurt)"),
            new AwsRegion("eu-central-2", "Europe (Zurich)"),
            new AwsRegion("eu-west-1", "Europe (Ireland)"),
            new AwsRegion("eu-west-2", "Europe (London)"),
            new AwsRegion("eu-west-3", "Europe (Paris)"),
            new AwsRegion("eu-south-1", "Europe (Milan)"),
            new AwsRegion("eu-south-2", "Europe (Spain)"),
            new AwsRegion("eu-north-1", "Europe (Stockholm)"),
            new AwsRegion("il-central-1", "Israel (Tel Aviv)"),
            new AwsRegion("me-south-1", "Middle East (Bahrain)"),
            new AwsRegion("me-central-1", "Middle East (UAE)"),
            new AwsRegion("sa-east-1", "South America (São Paulo)"));

    public AwsRegion {
        id = id == null ? "" : id.trim();
        name = name == null ? "" : name.trim();
    }

    public String label() {
        return name.isEmpty() ? id : id + " — " + name;
    }
}
