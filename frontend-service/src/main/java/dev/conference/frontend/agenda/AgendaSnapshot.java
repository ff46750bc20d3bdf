package dev.conference.frontend.agenda;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * One successful agenda answer as the gateway keeps it: the exact bytes agenda-service sent, the
 * headers that describe them, and when agenda-service last confirmed them.
 *
 * @param body               the answer's body
 * @param contentType        its {@code Content-Type}
 * @param contentDisposition its {@code Content-Disposition} (the iCalendar file name), or null
 * @param storedAt           when agenda-service sent it
 * @param digest             the first half of the body's SHA-256, in hex: the base of its ETag
 */
public record AgendaSnapshot(byte[] body, String contentType, String contentDisposition, Instant storedAt,
                             String digest) {

    /** A copy of these bytes; their digest is computed once here, not on every answer served from it. */
    public AgendaSnapshot(byte[] body, String contentType, String contentDisposition, Instant storedAt) {
        this(body, contentType, contentDisposition, storedAt, digest(body));
    }

    /** A strong validator derived from the bytes; a stale answer gets a different one. */
    public String etag(boolean stale) {
        return "\"" + digest + (stale ? "-stale" : "") + "\"";
    }

    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    private static String digest(byte[] bytes) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(bytes);
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
