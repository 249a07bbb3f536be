package dev.hubwizard.aws;

/**
 * The name users' servers in their own tasks reach the hub's API at: a record in the profile's Route 53 private
 * zone, which the hub points at its own task's private IP each time it starts.
 *
 * @param zoneId the private zone's id, without Route 53's {@code /hostedzone/}
 * @param name   the record's name, {@code hub.team-hub.hubwizard.internal}
 */
public record HubApiName(String zoneId, String name) {
}
