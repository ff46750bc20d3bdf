package dev.conference.email.message;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The Message-ID header derived from an idempotency key: the same key always gives the same id, so a
 * duplicate that slips past this service (another replica, a restart) is still recognisable downstream.
 */
public record MessageId(String value) {

    public static MessageId forKey(String idempotencyKey, String domain) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(idempotencyKey.getBytes(StandardCharsets.UTF_8));
            return new MessageId("<" + HexFormat.of().formatHex(hash, 0, 16) + "@" + domain + ">");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-256", e);
        }
    }
}
