package dev.hubwizard.aws;

/**
 * The hub's Application Load Balancer and the target group it forwards to.
 *
 * @param dnsName               what AWS named it ({@code NAME-123.REGION.elb.amazonaws.com}); the stable
 *                              address without a domain
 * @param canonicalHostedZoneId the zone an alias record to it names
 */
public record HubLoadBalancer(String arn, String name, String dnsName, String canonicalHostedZoneId,
                              String targetGroupArn) {
}
