package dev.hubwizard.profile;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Recognises credentials that must never be in a profile. Profiles name an AWS profile
 * ({@code aws.profile}); the keys stay with the AWS tools ({@code ~/.aws}, SSO), and the Cognito
 * client secret stays in Secrets Manager. A profile file is shared, copied and backed up freely.
 */
final class Secrets {

    /** What to do instead, appended to every refusal. */
    static final String ADVICE = "profiles hold the name of an AWS profile (aws.profile), never keys or passwords:"
            + " remove it and keep keys in ~/.aws/credentials, or sign in on Hub Wizard's Sign in to AWS page";

    /** Key names, lower case without separators, that only ever hold a credential. */
    private static final Set<String> NAMES = Set.of("accesskey", "secretkey", "secret", "password", "passwd",
            "clientsecret", "token", "credentials", "privatekey");
    private static final Set<String> NAME_PARTS = Set.of("accesskeyid", "secretaccesskey", "sessiontoken");

    /** AWS access key ids: long-term (AKIA) and temporary (ASIA). */
    private static final Pattern ACCESS_KEY_ID = Pattern.compile("(AKIA|ASIA)[A-Z0-9]{16}");
    /** Secret access keys: 40 characters of base64; real ones mix cases and digits, hex digests do not. */
    private static final Pattern SECRET_ACCESS_KEY = Pattern.compile("[A-Za-z0-9/+]{40}");

    private Secrets() {
    }

    static boolean isCredentialName(String key) {
        String plain = key.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        return NAMES.contains(plain) || NAME_PARTS.stream().anyMatch(plain::contains);
    }

    static boolean looksLikeKey(String value) {
        String v = value.trim();
        if (ACCESS_KEY_ID.matcher(v).matches()) {
            return true;
        }
        return SECRET_ACCESS_KEY.matcher(v).matches() && v.chars().anyMatch(Character::isUpperCase)
                && v.chars().anyMatch(Character::isLowerCase) && v.chars().anyMatch(Character::isDigit);
    }
}
