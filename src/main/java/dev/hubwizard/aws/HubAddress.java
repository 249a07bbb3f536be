package dev.hubwizard.aws;

import java.net.URI;

/** Where users reach the hub: the task's public IP, and the URL to click. */
public record HubAddress(String publicIp, URI url) {
}
