package dev.hubwizard.deploy;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * The throwaway person the local test signs in as: an admin of that one container (through
 * {@code HUB_ADMIN_USERS}), never written to the image or the profile, with a password nobody else knows.
 *
 * @param name     {@code localtest-} and six random letters and digits: a valid Unix account name that no
 *                 profile's user is likely to have
 * @param password 24 random characters, set at its first (and only) sign-in
 */
record LocalTestAccount(String name, String password) {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String NAME_CHARACTERS = "abcdefghijklmnopqrstuvwxyz0123456789";

    static LocalTestAccount random() {
        StringBuilder name = new StringBuilder("localtest-");
        for (int i = 0; i < 6; i++) {
            name.append(NAME_CHARACTERS.charAt(RANDOM.nextInt(NAME_CHARACTERS.length())));
        }
        byte[] secret = new byte[18];
        RANDOM.nextBytes(secret);
        return new LocalTestAccount(name.toString(), Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
    }
}
