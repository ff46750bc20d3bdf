package dev.conference.agenda.schedule;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The name of a personal schedule and the only key to it: 128 random bits from {@link SecureRandom},
 * URL-safe base64 without padding (22 characters). Anything else is no token, so it never reaches Redis.
 */
public record ScheduleToken(String value) {

    private static final int RANDOM_BYTES = 16;
    private static final Pattern FORM = Pattern.compile("[A-Za-z0-9_-]{22}");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder URL_SAFE = Base64.getUrlEncoder().withoutPadding();

    public static ScheduleToken random() {
        byte[] bytes = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(bytes);
        return new ScheduleToken(URL_SAFE.encodeToString(bytes));
    }

    /** The token {@code text} is, or empty when it cannot be one. */
    public static Optional<ScheduleToken> parse(String text) {
        return text != null && FORM.matcher(text).matches() ? Optional.of(new ScheduleToken(text)) : Optional.empty();
    }

    @Override
    public String toString() {
        return value;
    }
}
