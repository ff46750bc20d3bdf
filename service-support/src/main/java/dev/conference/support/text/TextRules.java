package dev.conference.support.text;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The platform's rules for text people type, in one place (used by {@link PlainText}, and directly where
 * no bean is validated). Each check answers why a text is refused, or nothing when it is fine.
 */
public final class TextRules {

    /** RFC 2047 encoded-word, {@code =?charset?B|Q?text?=}, loosely: a mail program may decode more than the RFC allows. */
    private static final Pattern ENCODED_WORD = Pattern.compile("=\\?[^?]*\\?[BbQq]\\?[^?]*\\?=");

    private TextRules() {
    }

    /** Why {@code text} may not go into a mail header, or empty when it may. Check {@link #problem} first. */
    public static Optional<String> mailHeaderProblem(String text) {
        return ENCODED_WORD.matcher(text).find()
                ? Optional.of("must not contain MIME encoded-words (=?charset?B?...?=)")
                : Optional.empty();
    }

    /** Why {@code text} is not plain text, or empty when it is. */
    public static Optional<String> problem(String text, boolean multiline, boolean visible) {
        boolean seenVisible = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                int codePoint = text.codePointAt(i);
                i++;
                seenVisible |= isVisible(codePoint);
                if (isNonCharacter(codePoint)) {
                    return Optional.of("must not contain the code point U+%X".formatted(codePoint));
                }
                continue;
            }
            if (Character.isSurrogate(c)) {
                return Optional.of("must not contain a lone surrogate (U+%04X)".formatted((int) c));
            }
            if (c == '\n' || c == '\r' || c == '\t') {
                if (!multiline) {
                    return Optional.of("must be a single line");
                }
                continue;
            }
            if (Character.getType(c) == Character.CONTROL) {
                return Optional.of("must not contain control characters (U+%04X)".formatted((int) c));
            }
            if (isBidiControl(c)) {
                return Optional.of("must not contain characters that change the text's direction (U+%04X)".formatted((int) c));
            }
            if (c == '\uFFFD' || isNonCharacter(c)) {
                return Optional.of("must be valid UTF-8 (U+%04X)".formatted((int) c));
            }
            seenVisible |= isVisible(c);
        }
        if (visible && !seenVisible) {
            return Optional.of("must contain visible characters");
        }
        return Optional.empty();
    }

    /** Embeddings, overrides and isolates: U+202A to U+202E and U+2066 to U+2069. */
    static boolean isBidiControl(char c) {
        return (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
    }

    private static boolean isNonCharacter(int codePoint) {
        return (codePoint >= 0xFDD0 && codePoint <= 0xFDEF) || (codePoint & 0xFFFE) == 0xFFFE;
    }

    private static boolean isVisible(int codePoint) {
        if (Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint)) {
            return false;
        }
        int type = Character.getType(codePoint);
        // Format characters (zero-width spaces and joiners, soft hyphens, marks) and combining marks alone show nothing.
        return type != Character.FORMAT && type != Character.NON_SPACING_MARK && type != Character.ENCLOSING_MARK
                && type != Character.CONTROL && codePoint != 0x3164 && codePoint != 0x115F && codePoint != 0x1160
                && codePoint != 0xFFA0 && codePoint != 0x2800;
    }
}
