package dev.conference.agenda.item;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A response body serialized once, and its strong ETag: the first half of the body's SHA-256, so
 * every replica gives the same bytes the same tag.
 */
public record Representation(byte[] body, String etag) {

    public static Representation of(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return new Representation(body, "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }
}
