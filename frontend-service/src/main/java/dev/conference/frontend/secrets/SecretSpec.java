package dev.conference.frontend.secrets;

import java.util.Map;

/**
 * One Secret the release needs: its name, the labels and annotations it is created with, and how each of
 * its keys gets a value when it has none. With {@code prune}, keys not listed here are removed from it.
 */
record SecretSpec(String name, Map<String, String> labels, Map<String, String> annotations, boolean prune,
                  Map<String, KeySpec> keys) {

    /** How a key's value is made. */
    sealed interface KeySpec {
    }

    /** {@code length} random letters and digits. */
    record Random(int length) implements KeySpec {

        static final int MIN_LENGTH = 16;
        static final int MAX_LENGTH = 128;
    }

    /** {@code {bcrypt}} and the bcrypt hash of the value of {@code key} of Secret {@code secret}. */
    record BcryptOf(String secret, String key) implements KeySpec {

        static final String PREFIX = "{bcrypt}";
        /** bcrypt ignores what goes beyond this many bytes of a password; Spring Security refuses it. */
        static final int MAX_PASSWORD_BYTES = 72;
    }
}
