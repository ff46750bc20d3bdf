package dev.conference.c4p.proposal;

import java.security.SecureRandom;
import java.util.Base64;

/** Unguessable tokens that let a speaker follow their proposal without an account. */
final class TrackingTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private TrackingTokens() {
    }

    static String next() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
