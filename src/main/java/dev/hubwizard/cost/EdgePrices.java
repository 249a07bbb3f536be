package dev.hubwizard.cost;

/**
 * CloudFront's pay-as-you-go prices for the hub's HTTPS address, the same whatever region the hub runs in (the
 * edge location that serves a person sets the rate), and what a hub's people are assumed to send through it.
 *
 * @param dataOutGb          per GB sent to people, first 10 TB a month, North America and Europe
 * @param requestsPer10k     per 10,000 HTTPS requests, North America and Europe
 * @param freeDataOutGb      sent free every month (the always-free tier)
 * @param freeRequests       requests free every month (the always-free tier)
 * @param freeTier           what the always-free tier is and since when, as AWS states it
 * @param gbPerPerson        what one person's notebooks are assumed to send through the address in a month
 * @param requestsPerPerson  how many requests one person's browser is assumed to make in a month (JupyterLab asks
 *                           the server every few seconds while it is open; a kernel's WebSocket is one request)
 * @param assumedPeople      how many people, when the profile does not say
 */
public record EdgePrices(double dataOutGb, double requestsPer10k, double freeDataOutGb, double freeRequests,
                         String freeTier, double gbPerPerson, double requestsPerPerson, int assumedPeople) {
}
