package dev.hubwizard.aws.signin;

import java.net.URI;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An {@code [sso-session NAME]} of the AWS config: which IAM Identity Center to sign in to (its start URL)
 * and in which region it lives. The one scope the portal needs, {@code sso:account:access}.
 */
public record SsoSession(String name, String startUrl, String region) {

    public static final String SCOPE = "sso:account:access";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    /** What is wrong with a start URL as typed, or empty when it looks like one. */
    public static Optional<String> startUrlProblem(String startUrl) {
        String text = startUrl == null ? "" : startUrl.strip();
        if (text.isEmpty()) {
            return Optional.of("Type your AWS access portal URL, for example https://d-1234567890.awsapps.com/start");
        }
        try {
            URI uri = URI.create(text);
            if (!"https".equals(uri.getScheme()) || uri.getHost() == null || uri.getHost().isBlank()) {
                return Optional.of("The start URL begins with https://, for example "
                        + "https://d-1234567890.awsapps.com/start");
            }
        } catch (IllegalArgumentException e) {
            return Optional.of("That is not a web address: the start URL looks like "
                    + "https://d-1234567890.awsapps.com/start");
        }
        return Optional.empty();
    }

    /** What is wrong with a session or profile name for the AWS files, or empty. */
    public static Optional<String> nameProblem(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            return Optional.of("Use 1 to 64 letters, digits, '-', '_' or '.' (no spaces)");
        }
        return Optional.empty();
    }

    /** A session name from the start URL: {@code d-1234567890} for {@code https://d-1234567890.awsapps.com/start}. */
    public static String nameFor(String startUrl) {
        try {
            String host = URI.create(startUrl.strip()).getHost();
            String first = host == null ? "" : host.split("\\.")[0];
            String cleaned = first.replaceAll("[^A-Za-z0-9_.-]", "");
            return cleaned.isEmpty() ? "hubwizard" : cleaned;
        } catch (IllegalArgumentException e) {
            return "hubwizard";
        }
    }
}
