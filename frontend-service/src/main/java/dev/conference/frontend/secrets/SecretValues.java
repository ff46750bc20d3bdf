package dev.conference.frontend.secrets;

import dev.conference.frontend.secrets.SecretSpec.BcryptOf;
import dev.conference.frontend.secrets.SecretSpec.KeySpec;
import dev.conference.frontend.secrets.SecretSpec.Random;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;
import org.springframework.security.crypto.bcrypt.BCrypt;

/**
 * The values of one run: those it makes, and those each Secret ended up with once handled.
 *
 * <p>A random value is made once per Secret and key and kept for the run, so a write tried again after
 * a conflict writes the same value, and a value found in the cluster can be recognised as this run's.
 */
final class SecretValues {

    private static final char[] LETTERS_AND_DIGITS =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    // What new BCryptPasswordEncoder().encode(password) makes, without the encoder's logger, whose set-up
    // (Commons Logging finding Logback) would cost the run more than the hashing.
    private static final String BCRYPT_VERSION = "$2a";
    private static final int BCRYPT_STRENGTH = 10;

    private final SecureRandom random = new SecureRandom();
    private final Map<String, String> made = new HashMap<>();
    private final Map<String, Map<String, String>> settled = new HashMap<>();

    /** A new value for {@code key} of Secret {@code secret}. */
    String make(String secret, String key, KeySpec spec) {
        return switch (spec) {
            case Random r -> made.computeIfAbsent(secret + "/" + key, unused -> randomString(r.length()));
            case BcryptOf b -> BcryptOf.PREFIX + BCrypt.hashpw(passwordFor(b), BCrypt.gensalt(BCRYPT_VERSION, BCRYPT_STRENGTH, random));
        };
    }

    /** Whether {@code key} of Secret {@code secret}, already handled, holds a value this run made. */
    boolean madeInThisRun(String secret, String key) {
        String value = made.get(secret + "/" + key);
        return value != null && value.equals(settled.getOrDefault(secret, Map.of()).get(key));
    }

    /** Records the data Secret {@code secret} has once this run has handled it. */
    void settle(String secret, Map<String, String> data) {
        settled.put(secret, Map.copyOf(data));
    }

    private String passwordFor(BcryptOf hash) {
        String password = settled.getOrDefault(hash.secret(), Map.of()).get(hash.key());
        if (password == null) {
            // SecretSpecReader only lets through sources listed earlier, which are settled by now
            throw new IllegalStateException("Secret " + hash.secret() + " is not handled yet");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > BcryptOf.MAX_PASSWORD_BYTES) {
            throw new ReleaseSecretsException("cannot hash key " + hash.key() + " of Secret " + hash.secret()
                    + ": its value is longer than the " + BcryptOf.MAX_PASSWORD_BYTES + " bytes bcrypt takes");
        }
        return password;
    }

    private String randomString(int length) {
        char[] value = new char[length];
        for (int i = 0; i < length; i++) {
            value[i] = LETTERS_AND_DIGITS[random.nextInt(LETTERS_AND_DIGITS.length)];
        }
        return new String(value);
    }
}
