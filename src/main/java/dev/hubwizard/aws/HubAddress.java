package dev.hubwizard.aws;

import java.net.URI;

/**
 * Where users reach the hub, and the URL to click.
 *
 * @param publicIp the task's public IP when users reach the task itself; empty behind a load balancer, where
 *                 the URL is the stable address
 */
public record HubAddress(String publicIp, URI url) {
}
