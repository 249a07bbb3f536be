package dev.hubwizard.deploy;

import dev.hubwizard.aws.AwsConfigProfiles.AwsProfile;

import java.util.List;

/**
 * What the preflight found.
 *
 * @param checks      in the order the page shows them
 * @param awsProfiles the AWS profiles on this computer, for the settings page's choice
 */
public record PreflightReport(List<Check> checks, List<AwsProfile> awsProfiles) {

    public PreflightReport {
        checks = List.copyOf(checks);
        awsProfiles = List.copyOf(awsProfiles);
    }

    public List<Check> failed() {
        return checks.stream().filter(c -> c.status() == Check.Status.FAILED).toList();
    }
}
