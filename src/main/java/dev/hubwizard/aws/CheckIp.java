package dev.hubwizard.aws;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * This computer's public IPv4 address as AWS sees it (AWS's own checkip service), for "only my current
 * IP address" in the security group. Optional by nature: offline or behind odd proxies it is empty
 * and the user types the address.
 */
public final class CheckIp {

    private static final URI SERVICE = URI.create("https://checkip.amazonaws.com/");
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})(\\.\\d{1,3}){3}");

    private CheckIp() {
    }

    public static Optional<String> currentAddress() {
        try {
            HttpResponse<String> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                    .send(HttpRequest.newBuilder(SERVICE).timeout(Duration.ofSeconds(10)).build(),
                            HttpResponse.BodyHandlers.ofString());
            String body = response.body().trim();
            return response.statusCode() == 200 && IPV4.matcher(body).matches() ? Optional.of(body) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
